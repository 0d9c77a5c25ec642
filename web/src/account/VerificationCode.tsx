import { createSignal } from 'solid-js';
import { api, ApiError, type Organisation } from '../api.ts';
import { Button, TextInput } from '../components/fields.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';

/**
 * An organisation's Verification Code, looked up to show its name, managers and
 * locations (registration, and asking to join another organisation).
 */
export function createOrganisationLookup(onFound: (code: string, organisation: Organisation) => void) {
  const [code, setCode] = createSignal('');
  const errors = createFormErrors();
  const submitter = createSubmitter();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const typed = code().trim();
    if (!typed) return errors.set([{ target: 'verificationCode', text: 'Enter your Verification Code' }]);
    void submitter.run(async () => {
      try {
        const found = await api.organisation(typed);
        errors.clear();
        onFound(typed, found);
      } catch (error) {
        // "Invalid Verification Code" is about the field.
        if (error instanceof ApiError && error.status === 404)
          errors.set([{ target: 'verificationCode', text: error.message }]);
        else errors.show(error);
      }
    });
  };
  return { code, setCode, errors, submit };
}

export type OrganisationLookup = ReturnType<typeof createOrganisationLookup>;

export function VerificationCodeForm(props: { lookup: OrganisationLookup; button: string }) {
  return (
    <form novalidate onSubmit={(event) => props.lookup.submit(event)}>
      <TextInput
        id="verificationCode"
        label="Verification Code"
        hint="Your organisation's user administrator or HR team can tell you the code."
        spellcheck={false}
        widthClass="govuk-input--width-20"
        value={props.lookup.code()}
        error={props.lookup.errors.field('verificationCode')}
        onInput={props.lookup.setCode}
      />
      <Button>{props.button}</Button>
    </form>
  );
}
