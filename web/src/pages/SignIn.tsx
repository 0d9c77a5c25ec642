import { useLocation, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { api, ApiError } from '../api.ts';
import type { ErrorItem } from '../components/ErrorSummary.tsx';
import { Button, passwordInput, TextInput } from '../components/fields.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { ImportantBanner } from '../components/NotificationBanner.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { Page } from '../components/Page.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';
import { safeReturnPath } from '../session.tsx';

/** How the app arrives here: signed out on purpose, or after 20 minutes idle. */
export type SignInState = { signedOut?: boolean; timedOut?: boolean };

const TIMED_OUT = 'You were signed out after 20 minutes without activity. Your work has been saved.';

export function SignIn() {
  const navigate = useNavigate();
  const location = useLocation<SignInState>();
  const [params] = useSearchParams();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const errors = createFormErrors({ order: ['username', 'password'] });
  const submitter = createSubmitter();
  /** Kept after "not activated", only to send the activation email again. */
  const [unactivated, setUnactivated] = createSignal<{ username: string; password: string }>();
  const [resent, setResent] = createSignal<Outcome>();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const missing: ErrorItem[] = [];
    if (!username().trim()) missing.push({ target: 'username', text: 'Enter your username' });
    if (!password()) missing.push({ target: 'password', text: 'Enter your password' });
    if (missing.length) return errors.set(missing);
    setResent(undefined);
    void submitter.run(async () => {
      const credentials = { username: username().trim(), password: password() };
      try {
        const answer = await api.login(credentials.username, credentials.password);
        const next = safeReturnPath(params.next);
        if (answer.twoFactorRequired)
          navigate(`/sign-in/two-factor?next=${encodeURIComponent(next)}`, { replace: true });
        else navigate(next, { replace: true });
      } catch (error) {
        setPassword('');
        const code = error instanceof ApiError ? error.code : '';
        setUnactivated(code === 'NOT_ACTIVATED' ? credentials : undefined);
        // A wrong password is about the fields; a locked or unactivated account is not.
        const text = error instanceof ApiError ? error.message : 'Sign in failed. Try again.';
        errors.set([code === 'LOCKED' || code === 'NOT_ACTIVATED' ? { text } : { text, target: 'username' }]);
      }
    });
  };

  const resend = () =>
    void submitter.run(async () => {
      const credentials = unactivated();
      if (!credentials) return;
      try {
        const answer = await api.resendActivation(credentials.username, credentials.password);
        setUnactivated(undefined);
        errors.clear();
        setResent({ heading: 'Activation email sent', detail: answer.message });
      } catch (error) {
        errors.show(error);
      }
    });

  return (
    <Page
      title="Sign in"
      heading="Sign in to Casebook"
      error={errors.errors().length > 0}
      notice={
        <>
          <FormNotice errors={errors.errors()} outcome={resent()} />
          <Show when={location.state?.timedOut && errors.errors().length === 0}>
            <ImportantBanner heading={TIMED_OUT} />
          </Show>
          <Show when={location.state?.signedOut && errors.errors().length === 0}>
            <div class="govuk-inset-text">You have signed out.</div>
          </Show>
        </>
      }
    >
      <Show when={unactivated()}>
        <p class="govuk-body">
          If the activation link has expired or you cannot find the email, we can send a new link.
        </p>
        <Button type="button" variant="secondary" onClick={resend}>
          Send the activation email again
        </Button>
      </Show>
      <form novalidate onSubmit={submit}>
        <TextInput
          id="username"
          label="Username"
          autocomplete="username"
          spellcheck={false}
          widthClass="govuk-!-width-two-thirds"
          value={username()}
          error={errors.field('username')}
          onInput={setUsername}
        />
        <TextInput
          id="password"
          label="Password"
          {...passwordInput('current-password')}
          value={password()}
          error={errors.field('password')}
          onInput={setPassword}
        />
        <Button>Sign in</Button>
      </form>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/forgot-password">
            Forgot password
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/forgot-username">
            Forgot username
          </a>
        </li>
      </ul>
      <h2 class="govuk-heading-m">New to Casebook?</h2>
      <p class="govuk-body">You need the Verification Code your organisation gave you.</p>
      <ParagraphLink href="/register">Register for an account</ParagraphLink>
    </Page>
  );
}
