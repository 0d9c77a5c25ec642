import { For } from 'solid-js';
import type { EditableDetails } from '../api.ts';
import { TextArea, TextInput } from '../components/fields.tsx';
import type { FormErrors } from '../forms.ts';

type Field = {
  key: keyof EditableDetails;
  label: string;
  autocomplete: string;
  width?: string;
  type?: 'tel';
  hint?: string;
};

/** A person's own details, as registration asks for them and My Account edits them. */
const DETAIL_FIELDS: readonly Field[] = [
  {
    key: 'title',
    label: 'Title',
    autocomplete: 'honorific-prefix',
    width: 'govuk-input--width-10',
    hint: 'For example, Mr, Ms, Mx or Dr',
  },
  { key: 'firstName', label: 'First Name', autocomplete: 'given-name', width: 'govuk-!-width-two-thirds' },
  { key: 'surname', label: 'Surname', autocomplete: 'family-name', width: 'govuk-!-width-two-thirds' },
  { key: 'workAddress', label: 'Work Address', autocomplete: 'street-address' },
  { key: 'workPostcode', label: 'Work Post Code', autocomplete: 'postal-code', width: 'govuk-input--width-10' },
  { key: 'jobTitle', label: 'Job Title', autocomplete: 'organization-title', width: 'govuk-!-width-two-thirds' },
  { key: 'telephone', label: 'Contact Telephone No', autocomplete: 'tel', width: 'govuk-input--width-20', type: 'tel' },
];

export const DETAIL_KEYS = DETAIL_FIELDS.map((f) => f.key);

export function DetailFields(props: {
  values: EditableDetails;
  errors: FormErrors;
  onInput: (key: keyof EditableDetails, value: string) => void;
}) {
  return (
    <For each={DETAIL_FIELDS}>
      {(field) => {
        const common = {
          id: field.key,
          label: field.label,
          hint: field.hint,
          autocomplete: field.autocomplete,
          get value() {
            return props.values[field.key];
          },
          get error() {
            return props.errors.field(field.key);
          },
          onInput: (value: string) => props.onInput(field.key, value),
        };
        return field.key === 'workAddress' ? (
          <TextArea {...common} rows={3} />
        ) : (
          <TextInput {...common} type={field.type ?? 'text'} widthClass={field.width} />
        );
      }}
    </For>
  );
}
