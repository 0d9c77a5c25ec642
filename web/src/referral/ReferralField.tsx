import { Match, Switch } from 'solid-js';
import type { FieldDefinition } from '../../../domain/forms.ts';
import { ConfirmCheckbox, DateInput, Radios, Select, TextArea, TextInput } from '../components/fields.tsx';
import { AUTOCOMPLETE } from './prefill.ts';

/** The id an error summary links to: the first input of the field. */
export const fieldTarget = (field: FieldDefinition) => (field.type === 'date' ? `${field.name}-day` : field.name);

const widthFor = (maxLength: number | undefined) =>
  maxLength === undefined
    ? undefined
    : maxLength <= 10
      ? 'govuk-input--width-10'
      : maxLength <= 20
        ? 'govuk-input--width-20'
        : undefined;

/** One question of a referral form, rendered from its definition. */
export function ReferralField(props: {
  field: FieldDefinition;
  value: string;
  error?: string | undefined;
  onInput: (value: string) => void;
}) {
  const common = () => ({
    id: props.field.name,
    label: props.field.required ? `${props.field.label} (required)` : props.field.label,
    hint: props.field.hint,
    error: props.error,
    value: props.value,
    onInput: props.onInput,
  });
  const autocomplete = () => (props.field.prefill && AUTOCOMPLETE[props.field.prefill]) || 'off';
  return (
    <Switch>
      <Match when={props.field.type === 'textarea'}>
        <TextArea {...common()} autocomplete={autocomplete()} />
      </Match>
      <Match when={props.field.type === 'date'}>
        <DateInput {...common()} />
      </Match>
      <Match when={props.field.type === 'yesno'}>
        <Radios
          {...common()}
          inline
          options={(props.field.options ?? ['Yes', 'No']).map((o) => ({ value: o, label: o }))}
        />
      </Match>
      <Match when={props.field.type === 'confirm'}>
        <ConfirmCheckbox {...common()} label={props.field.label} />
      </Match>
      <Match when={props.field.type === 'select'}>
        <Select {...common()} options={props.field.options ?? []} />
      </Match>
      <Match when={true}>
        <TextInput
          {...common()}
          type={props.field.type === 'email' ? 'email' : props.field.type === 'tel' ? 'tel' : 'text'}
          spellcheck={props.field.type === 'email' ? false : undefined}
          autocomplete={autocomplete()}
          widthClass={widthFor(props.field.maxLength)}
        />
      </Match>
    </Switch>
  );
}
