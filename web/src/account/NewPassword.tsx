import { createSignal, Show, type Accessor, type JSX } from 'solid-js';
import { Button, passwordInput, TextInput } from '../components/fields.tsx';
import { PasswordRules } from '../components/PasswordRules.tsx';
import type { FormErrors } from '../forms.ts';
import { createPasswordCheck } from './password.ts';

/** A new password and its repeat, checked live against the rules. */
export function createNewPassword(username: Accessor<string>) {
  const [password, setPassword] = createSignal('');
  const [confirmation, setConfirmation] = createSignal('');
  const checker = createPasswordCheck(() => ({
    password: password(),
    confirmation: confirmation(),
    username: username(),
  }));
  return {
    password,
    setPassword,
    confirmation,
    setConfirmation,
    ...checker,
    clear() {
      setPassword('');
      setConfirmation('');
    },
  };
}

export type NewPassword = ReturnType<typeof createNewPassword>;

export function NewPasswordFields(props: {
  form: NewPassword;
  errors: FormErrors;
  label?: string;
  confirmLabel?: string;
}) {
  return (
    <>
      <TextInput
        id="password"
        label={props.label ?? 'Password'}
        {...passwordInput('new-password')}
        describedBy="password-rules"
        value={props.form.password()}
        error={props.errors.field('password')}
        onInput={props.form.setPassword}
      />
      <PasswordRules id="password-rules" check={props.form.check()} started={props.form.password() !== ''} />
      <TextInput
        id="passwordConfirmation"
        label={props.confirmLabel ?? 'Confirm password'}
        {...passwordInput('new-password')}
        value={props.form.confirmation()}
        error={props.errors.field('passwordConfirmation')}
        onInput={props.form.setConfirmation}
      />
    </>
  );
}

/**
 * The form's button, unavailable until the password meets every rule, with the
 * reason beside it. It stays focusable, so the reason is heard with it.
 */
export function PasswordSubmit(props: { form: NewPassword; children: JSX.Element; busy?: boolean }) {
  return (
    <div class="govuk-button-group">
      <Button
        unavailable={!props.form.acceptable() || props.busy}
        describedBy={props.form.acceptable() ? undefined : 'password-submit-reason'}
      >
        {props.children}
      </Button>
      <Show when={!props.form.acceptable()}>
        <p class="govuk-body app-button-reason" id="password-submit-reason">
          You can continue when your password meets all the rules.
        </p>
      </Show>
    </div>
  );
}

/** Refuses to send a password that breaks a rule: the first rule broken goes to the summary. */
export function passwordRefused(form: NewPassword, errors: FormErrors): boolean {
  const problem = form.problem();
  if (!problem) return false;
  const onlyTheRepeat = Object.entries(form.check()).every(([rule, met]) => met || rule === 'matches');
  errors.set([{ text: problem, target: onlyTheRepeat && form.password() ? 'passwordConfirmation' : 'password' }]);
  return true;
}
