import { createSignal, For, Show, type JSX } from 'solid-js';

/** GOV.UK form controls. Each takes its value and reports every change. */

type FieldProps = {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  onInput: (value: string) => void;
  /** e.g. "govuk-label--s", or "govuk-label--l" for a question page heading. */
  labelClass?: string;
};

const describedBy = (props: { id: string; hint?: string | undefined; error?: string | undefined }) =>
  [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;

function FormGroup(props: { error?: string | undefined; children: JSX.Element }) {
  return <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>{props.children}</div>;
}

function HintAndError(props: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      <Show when={props.hint}>
        <div id={`${props.id}-hint`} class="govuk-hint">
          {props.hint}
        </div>
      </Show>
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Error:</span> {props.error}
        </p>
      </Show>
    </>
  );
}

function Label(props: { for: string; class?: string | undefined; children: JSX.Element }) {
  return (
    <label class={`govuk-label ${props.class ?? ''}`.trim()} for={props.for}>
      {props.children}
    </label>
  );
}

export function TextInput(
  props: FieldProps & {
    type?: 'text' | 'email' | 'tel' | 'password';
    autocomplete?: string;
    spellcheck?: boolean;
    widthClass?: string | undefined;
  },
) {
  const classes = () =>
    ['govuk-input', props.widthClass, props.error ? 'govuk-input--error' : ''].filter(Boolean).join(' ');
  return (
    <FormGroup error={props.error}>
      <Label for={props.id} class={props.labelClass}>
        {props.label}
      </Label>
      <HintAndError id={props.id} hint={props.hint} error={props.error} />
      <input
        class={classes()}
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        autocomplete={props.autocomplete ?? 'off'}
        spellcheck={props.spellcheck ?? undefined}
        aria-describedby={describedBy(props)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </FormGroup>
  );
}

export function TextArea(props: FieldProps & { rows?: number; autocomplete?: string }) {
  return (
    <FormGroup error={props.error}>
      <Label for={props.id} class={props.labelClass}>
        {props.label}
      </Label>
      <HintAndError id={props.id} hint={props.hint} error={props.error} />
      <textarea
        class={`govuk-textarea${props.error ? ' govuk-textarea--error' : ''}`}
        id={props.id}
        name={props.id}
        rows={props.rows ?? 5}
        value={props.value}
        autocomplete={props.autocomplete ?? 'off'}
        aria-describedby={describedBy(props)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </FormGroup>
  );
}

export function Select(props: FieldProps & { options: readonly string[] }) {
  return (
    <FormGroup error={props.error}>
      <Label for={props.id} class={props.labelClass}>
        {props.label}
      </Label>
      <HintAndError id={props.id} hint={props.hint} error={props.error} />
      <select
        class={`govuk-select${props.error ? ' govuk-select--error' : ''}`}
        id={props.id}
        name={props.id}
        aria-describedby={describedBy(props)}
        onChange={(e) => props.onInput(e.currentTarget.value)}
      >
        <option value="" selected={props.value === ''}>
          Choose an option
        </option>
        <For each={props.options}>
          {(option) => (
            <option value={option} selected={props.value === option}>
              {option}
            </option>
          )}
        </For>
      </select>
    </FormGroup>
  );
}

/** A question in a fieldset: the legend names the group, so screen readers hear it with each choice. */
function Fieldset(props: FieldProps & { role?: 'group'; children: JSX.Element; legendClass?: string | undefined }) {
  return (
    <FormGroup error={props.error}>
      <fieldset class="govuk-fieldset" role={props.role} aria-describedby={describedBy(props)}>
        <legend class={`govuk-fieldset__legend ${props.legendClass ?? ''}`.trim()}>{props.label}</legend>
        <HintAndError id={props.id} hint={props.hint} error={props.error} />
        {props.children}
      </fieldset>
    </FormGroup>
  );
}

export type RadioOption = { value: string; label: string; hint?: string };

/** The first radio has the field's id, so an error summary link can focus it. */
export function Radios(props: FieldProps & { options: readonly RadioOption[]; inline?: boolean; legendClass?: string }) {
  return (
    <Fieldset {...props}>
      <div class={`govuk-radios${props.inline ? ' govuk-radios--inline' : ''}`} data-module="govuk-radios">
        <For each={props.options}>
          {(option, i) => {
            const id = () => (i() === 0 ? props.id : `${props.id}-${i() + 1}`);
            return (
              <div class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={id()}
                  name={props.id}
                  type="radio"
                  value={option.value}
                  checked={props.value === option.value}
                  aria-describedby={option.hint ? `${id()}-item-hint` : undefined}
                  onChange={(e) => e.currentTarget.checked && props.onInput(option.value)}
                />
                <label class="govuk-label govuk-radios__label" for={id()}>
                  {option.label}
                </label>
                <Show when={option.hint}>
                  <div id={`${id()}-item-hint`} class="govuk-hint govuk-radios__hint">
                    {option.hint}
                  </div>
                </Show>
              </div>
            );
          }}
        </For>
      </div>
    </Fieldset>
  );
}

const DATE_PARTS = [
  { key: 'day', label: 'Day', width: 'govuk-input--width-2' },
  { key: 'month', label: 'Month', width: 'govuk-input--width-2' },
  { key: 'year', label: 'Year', width: 'govuk-input--width-4' },
] as const;

/**
 * GOV.UK date input holding an ISO date (YYYY-MM-DD). Until all three parts are
 * filled in, the value is left incomplete so validation says what is wrong.
 */
export function DateInput(props: FieldProps & { legendClass?: string }) {
  const [year = '', month = '', day = ''] = props.value ? props.value.split('-') : [];
  const [parts, setParts] = createSignal({ day, month, year });
  const update = (key: 'day' | 'month' | 'year', value: string) => {
    const next = { ...parts(), [key]: value.trim() };
    setParts(next);
    const complete = next.day && next.month && next.year;
    props.onInput(
      !next.day && !next.month && !next.year
        ? ''
        : complete
          ? `${next.year}-${next.month.padStart(2, '0')}-${next.day.padStart(2, '0')}`
          : `${next.year}-${next.month}-${next.day}`,
    );
  };
  return (
    <Fieldset {...props} hint={props.hint ?? 'For example, 27 3 1980'} role="group">
      <div class="govuk-date-input" id={`${props.id}-date`}>
        <For each={DATE_PARTS}>
          {(part) => (
            <div class="govuk-date-input__item">
              <div class="govuk-form-group">
                <label class="govuk-label govuk-date-input__label" for={`${props.id}-${part.key}`}>
                  {part.label}
                </label>
                <input
                  class={`govuk-input govuk-date-input__input ${part.width}${props.error ? ' govuk-input--error' : ''}`}
                  id={`${props.id}-${part.key}`}
                  name={`${props.id}-${part.key}`}
                  type="text"
                  inputmode="numeric"
                  value={parts()[part.key]}
                  onInput={(e) => update(part.key, e.currentTarget.value)}
                />
              </div>
            </div>
          )}
        </For>
      </div>
    </Fieldset>
  );
}

export function Button(props: { children: JSX.Element; type?: 'submit' | 'button'; variant?: 'secondary' | 'warning'; onClick?: () => void }) {
  return (
    <button
      type={props.type ?? 'submit'}
      class={`govuk-button${props.variant ? ` govuk-button--${props.variant}` : ''}`}
      data-module="govuk-button"
      onClick={() => props.onClick?.()}
    >
      {props.children}
    </button>
  );
}
