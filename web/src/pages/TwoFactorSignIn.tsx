import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { api, ApiError } from '../api.ts';
import { AuthenticatorCode, sixDigits } from '../account/AuthenticatorCode.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { Button, TextInput } from '../components/fields.tsx';
import { Page } from '../components/Page.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';
import { safeReturnPath } from '../session.tsx';

/**
 * The second step of signing in: the code the authenticator app shows now, or
 * one of the recovery codes. Which one is in the address (`?method=recovery`),
 * so the back button returns to the other.
 */
export function TwoFactorSignIn() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const recovery = () => params.method === 'recovery';
  const field = () => (recovery() ? 'recoveryCode' : 'code');
  const [code, setCode] = createSignal('');
  const [recoveryCode, setRecoveryCode] = createSignal('');
  // The API names the field "code" whichever was used.
  const errors = createFormErrors({ targets: () => ({ code: field() }) });
  const [startAgain, setStartAgain] = createSignal(false);
  const submitter = createSubmitter();

  const otherMethodHref = () =>
    `?${new URLSearchParams({ ...(params.next ? { next: String(params.next) } : {}), ...(recovery() ? {} : { method: 'recovery' }) })}`;
  const switchMethod = (event: MouseEvent) => {
    event.preventDefault();
    errors.clear();
    setParams({ method: recovery() ? undefined : 'recovery' });
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    let answer: { code: string } | { recoveryCode: string };
    if (recovery()) {
      const typed = recoveryCode().trim();
      if (!typed) return errors.set([{ target: 'recoveryCode', text: 'Enter one of your recovery codes' }]);
      answer = { recoveryCode: typed };
    } else {
      const typed = sixDigits(code());
      if (!typed)
        return errors.set([
          {
            target: 'code',
            text: code().trim()
              ? 'Enter the code as 6 digits, like 123456'
              : 'Enter the 6-digit code from your authenticator app',
          },
        ]);
      answer = { code: typed };
    }
    void submitter.run(async () => {
      try {
        await api.twoFactor(answer);
        navigate(safeReturnPath(params.next), { replace: true });
      } catch (error) {
        // Without fields, the password step has lapsed: back to the start.
        setStartAgain(error instanceof ApiError && error.status === 401 && Object.keys(error.fields).length === 0);
        errors.show(error);
      }
    });
  };

  return (
    <Page
      title={recovery() ? 'Enter a recovery code' : 'Enter the code from your authenticator app'}
      caption="Sign in to Casebook"
      error={errors.errors().length > 0}
      focusKey={recovery()}
      notice={<ErrorSummary errors={errors.errors()} />}
    >
      <Show when={startAgain()}>
        <ParagraphLink href="/sign-in">Sign in with your username and password again</ParagraphLink>
      </Show>
      <form novalidate onSubmit={submit}>
        <Show
          when={recovery()}
          fallback={
            <AuthenticatorCode
              hint="The 6-digit code your authenticator app shows for Casebook. It changes every 30 seconds."
              value={code()}
              error={errors.field('code')}
              onInput={setCode}
            />
          }
        >
          <TextInput
            id="recoveryCode"
            label="Recovery code"
            hint="One of the 10 codes you stored when you set up two-factor authentication, like abcd-efgh-jkmn. Each code works once."
            spellcheck={false}
            widthClass="govuk-input--width-20"
            value={recoveryCode()}
            error={errors.field('recoveryCode')}
            onInput={setRecoveryCode}
          />
        </Show>
        <Button>Continue</Button>
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={otherMethodHref()} on:click={switchMethod}>
          {recovery() ? 'Use the code from your authenticator app instead' : 'Use a recovery code instead'}
        </a>
      </p>
    </Page>
  );
}
