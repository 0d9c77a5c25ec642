import { useLocation, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { api, ApiError } from '../api.ts';
import { ErrorSummary, type ErrorItem } from '../components/ErrorSummary.tsx';
import { Button, TextInput } from '../components/fields.tsx';
import { Frame } from '../components/Frame.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { safeReturnPath } from '../session.tsx';

export function SignIn() {
  const navigate = useNavigate();
  const location = useLocation<{ signedOut?: boolean }>();
  const [params] = useSearchParams();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [errors, setErrors] = createSignal<ErrorItem[]>([]);
  const [busy, setBusy] = createSignal(false);
  const fieldError = (id: string) => errors().find((e) => e.target === id)?.text;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const missing: ErrorItem[] = [];
    if (!username().trim()) missing.push({ target: 'username', text: 'Enter your username' });
    if (!password()) missing.push({ target: 'password', text: 'Enter your password' });
    if (missing.length) return setErrors(missing);
    setBusy(true);
    try {
      await api.login(username().trim(), password());
      navigate(safeReturnPath(params.next), { replace: true });
    } catch (error) {
      setPassword('');
      setErrors([{ target: 'username', text: error instanceof ApiError ? error.message : 'Sign in failed. Try again.' }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Frame>
      <Narrow>
        <Page
          title="Sign in"
          heading="Sign in to Casebook"
          error={errors().length > 0}
          notice={
            <>
              <ErrorSummary errors={errors()} />
              <Show when={location.state?.signedOut && errors().length === 0}>
                <div class="govuk-inset-text">You have signed out.</div>
              </Show>
            </>
          }
        >
          <form novalidate onSubmit={submit}>
            <TextInput
              id="username"
              label="Username"
              labelClass="govuk-label--s"
              autocomplete="username"
              spellcheck={false}
              widthClass="govuk-!-width-two-thirds"
              value={username()}
              error={fieldError('username')}
              onInput={setUsername}
            />
            <TextInput
              id="password"
              label="Password"
              labelClass="govuk-label--s"
              type="password"
              autocomplete="current-password"
              widthClass="govuk-!-width-two-thirds"
              value={password()}
              error={fieldError('password')}
              onInput={setPassword}
            />
            <Button>Sign in</Button>
          </form>
        </Page>
      </Narrow>
    </Frame>
  );
}
