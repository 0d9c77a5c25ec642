import { TextInput } from '../components/fields.tsx';

/** The 6-digit code an authenticator app shows, as phones and password managers expect it. */
export function AuthenticatorCode(props: {
  hint: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}) {
  return (
    <TextInput
      id="code"
      label="Code"
      hint={props.hint}
      autocomplete="one-time-code"
      inputmode="numeric"
      spellcheck={false}
      widthClass="govuk-input--width-10"
      value={props.value}
      error={props.error}
      onInput={props.onInput}
    />
  );
}

/** The code as typed, spaces taken out; undefined unless it is 6 digits. */
export const sixDigits = (typed: string) => {
  const code = typed.replace(/\s+/g, '');
  return /^\d{6}$/.test(code) ? code : undefined;
};
