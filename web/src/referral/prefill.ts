import type { FieldDefinition, FormData, FormDefinition } from '../../../domain/forms.ts';
import type { Session } from '../api.ts';

type PrefillKey = NonNullable<FieldDefinition['prefill']>;

function accountValue(key: PrefillKey, session: Session): string | null {
  const { user, organisation } = session;
  switch (key) {
    case 'title':
      return user.title;
    case 'fullName':
      return `${user.firstName} ${user.surname}`;
    case 'organisation':
      return organisation.name;
    case 'address':
      return user.workAddress;
    case 'postcode':
      return user.workPostcode;
    case 'telephone':
      return user.telephone;
    case 'email':
      return user.email;
    case 'location':
      // The session does not carry the location's name.
      return null;
  }
}

/** The form's answers with empty account-related fields filled from the signed-in user. */
export function withPrefill(definition: FormDefinition, data: FormData, session: Session): FormData {
  const filled: FormData = { ...data };
  for (const step of definition.steps) {
    for (const field of step.fields) {
      if (!field.prefill || filled[field.name]?.trim()) continue;
      const value = accountValue(field.prefill, session);
      if (value) filled[field.name] = value;
    }
  }
  return filled;
}

/** The browser's autofill purpose of the referrer's own details (WCAG 1.3.5). */
export const AUTOCOMPLETE: Partial<Record<PrefillKey, string>> = {
  title: 'honorific-prefix',
  fullName: 'name',
  organisation: 'organization',
  address: 'street-address',
  postcode: 'postal-code',
  telephone: 'tel',
  email: 'email',
};
