import { useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { api, ApiError } from '../api.ts';
import { EmailRequestPage } from '../account/EmailRequest.tsx';
import { createNewPassword, NewPasswordFields, passwordRefused, PasswordSubmit } from '../account/NewPassword.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { EMAIL_INPUT, TextInput } from '../components/fields.tsx';
import { Page } from '../components/Page.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';

export function ForgotPassword() {
  return (
    <EmailRequestPage
      title="Forgot your password?"
      intro="Enter the email address registered to your account. We will email you a link to set a new password. The link works once, for 24 hours."
      button="Send the link"
      send={api.forgotPassword}
    />
  );
}

export function ForgotUsername() {
  return (
    <EmailRequestPage
      title="Forgot your username?"
      intro="Enter the email address registered to your account and we will email your username to it."
      button="Send my username"
      send={api.forgotUsername}
    />
  );
}

/** The link in the password-reset email: email, new password and its repeat. */
export function ResetPassword() {
  const [params] = useSearchParams();
  const token = () => (typeof params.token === 'string' ? params.token : '');
  const [email, setEmail] = createSignal('');
  // The username is not known here; the API checks that rule when the form is sent.
  const password = createNewPassword(() => '');
  const errors = createFormErrors({ order: ['email', 'password', 'passwordConfirmation'] });
  const [linkRefused, setLinkRefused] = createSignal(false);
  const [done, setDone] = createSignal(false);
  const submitter = createSubmitter();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!email().trim()) return errors.set([{ target: 'email', text: 'Enter your email address' }]);
    if (passwordRefused(password, errors)) return;
    void submitter.run(async () => {
      try {
        await api.resetPassword({
          token: token(),
          email: email().trim(),
          password: password.password(),
          passwordConfirmation: password.confirmation(),
        });
        setDone(true);
      } catch (error) {
        setLinkRefused(error instanceof ApiError && error.status === 400 && Object.keys(error.fields).length === 0);
        errors.show(error);
      }
    });
  };

  return (
    <Show
      when={!done()}
      fallback={
        <Page title="Your password has been reset">
          <p class="govuk-body">
            You can now sign in with your new password. If your account was locked, it is unlocked.
          </p>
          <ParagraphLink href="/sign-in">Sign in</ParagraphLink>
        </Page>
      }
    >
      <Page
        title="Set a new password"
        error={errors.errors().length > 0}
        notice={<ErrorSummary errors={errors.errors()} />}
      >
        <Show when={linkRefused() || !token()}>
          <ParagraphLink href="/forgot-password">Ask for a new link</ParagraphLink>
        </Show>
        <form novalidate onSubmit={submit}>
          <TextInput
            id="email"
            label="Email Address"
            hint="The email address the link was sent to"
            {...EMAIL_INPUT}
            value={email()}
            error={errors.field('email')}
            onInput={setEmail}
          />
          <NewPasswordFields form={password} errors={errors} label="New password" confirmLabel="Confirm new password" />
          <PasswordSubmit form={password} busy={submitter.busy()}>
            Reset password
          </PasswordSubmit>
        </form>
      </Page>
    </Show>
  );
}
