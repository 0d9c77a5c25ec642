import { createSignal, For, Show, type JSX } from 'solid-js';

/** GOV.UK form controls. Each takes its value and reports every change. */

type FieldProps = {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  onInput: (value: string) => void;
  /** "govuk-label--s" unless said otherwise ("govuk-label--l" for a question page heading). */
  labelClass?: string;
  /** Extra classes for the form group, e.g. a smaller margin. */
  groupClass?: string;
  /** More ids describing the control, after its hint and error (a list of rules, say). */
  describedBy?: string | undefined;
};

const describedBy = (props: {
  id: string;
  hint?: string | undefined;
  error?: string | undefined;
  describedBy?: string | undefined;
}) =>
  [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '', props.describedBy ?? '']
    .filter(Boolean)
    .join(' ') || undefined;

function FormGroup(props: { error?: string | undefined; class?: string | undefined; children: JSX.Element }) {
  return (
    <div
      class={['govuk-form-group', props.error ? 'govuk-form-group--error' : '', props.class ?? '']
        .filter(Boolean)
        .join(' ')}
    >
      {props.children}
    </div>
  );
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

/** A labelled control: the form group, label, hint and error of GOV.UK's text fields. */
export function FieldLabel(
  props: Pick<FieldProps, 'id' | 'label' | 'hint' | 'error' | 'labelClass' | 'groupClass'> & { children: JSX.Element },
) {
  return (
    <FormGroup error={props.error} class={props.groupClass}>
      <label class={`govuk-label ${props.labelClass ?? 'govuk-label--s'}`} for={props.id}>
        {props.label}
      </label>
      <HintAndError id={props.id} hint={props.hint} error={props.error} />
      {props.children}
    </FormGroup>
  );
}

/** The attributes every labelled control shares: its GOV.UK class, with the error modifier. */
const control = (props: FieldProps, base: string, extra?: string) => ({
  class: [base, extra, props.error ? `${base}--error` : ''].filter(Boolean).join(' '),
  id: props.id,
  name: props.id,
  'aria-describedby': describedBy(props),
});

/** What an email address field always has. */
export const EMAIL_INPUT = { type: 'email', autocomplete: 'email', spellcheck: false } as const;

/** What a password field always has: the browser's password manager knows which kind. */
export const passwordInput = (autocomplete: 'current-password' | 'new-password') =>
  ({ type: 'password', autocomplete, spellcheck: false, widthClass: 'govuk-!-width-two-thirds' }) as const;

export function TextInput(
  props: FieldProps & {
    type?: 'text' | 'email' | 'tel' | 'password' | 'search';
    autocomplete?: string;
    spellcheck?: boolean | undefined;
    inputmode?: 'numeric' | 'text' | 'email' | 'tel';
    widthClass?: string | undefined;
  },
) {
  return (
    <FieldLabel {...props}>
      <input
        {...control(props, 'govuk-input', props.widthClass)}
        type={props.type ?? 'text'}
        value={props.value}
        autocomplete={props.autocomplete ?? 'off'}
        spellcheck={props.spellcheck ?? undefined}
        inputmode={props.inputmode}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </FieldLabel>
  );
}

export function TextArea(props: FieldProps & { rows?: number; autocomplete?: string }) {
  return (
    <FieldLabel {...props}>
      <textarea
        {...control(props, 'govuk-textarea')}
        rows={props.rows ?? 5}
        value={props.value}
        autocomplete={props.autocomplete ?? 'off'}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </FieldLabel>
  );
}

export type SelectOption = string | { value: string; label: string };

export function Select(props: FieldProps & { options: readonly SelectOption[]; placeholder?: string }) {
  const options = () => props.options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  return (
    <FieldLabel {...props}>
      <select {...control(props, 'govuk-select')} onChange={(e) => props.onInput(e.currentTarget.value)}>
        <option value="" selected={props.value === ''}>
          {props.placeholder ?? 'Choose an option'}
        </option>
        <For each={options()}>
          {(option) => (
            <option value={option.value} selected={props.value === option.value}>
              {option.label}
            </option>
          )}
        </For>
      </select>
    </FieldLabel>
  );
}

/**
 * A question in a fieldset: the legend names the group, so screen readers hear
 * it with each choice (radios, a date, a widget of several controls).
 */
export function QuestionGroup(props: {
  id: string;
  legend: string;
  legendClass?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  role?: 'group';
  children: JSX.Element;
}) {
  return (
    <FormGroup error={props.error}>
      <fieldset class="govuk-fieldset" role={props.role} aria-describedby={describedBy(props)}>
        <legend class={`govuk-fieldset__legend ${props.legendClass ?? 'govuk-fieldset__legend--s'}`}>
          {props.legend}
        </legend>
        <HintAndError id={props.id} hint={props.hint} error={props.error} />
        {props.children}
      </fieldset>
    </FormGroup>
  );
}

function Fieldset(props: FieldProps & { role?: 'group'; children: JSX.Element; legendClass?: string | undefined }) {
  return (
    <QuestionGroup
      id={props.id}
      legend={props.label}
      legendClass={props.legendClass}
      hint={props.hint}
      error={props.error}
      role={props.role}
    >
      {props.children}
    </QuestionGroup>
  );
}

export type RadioOption = { value: string; label: string; hint?: string };

/** The first radio has the field's id, so an error summary link can focus it. */
export function Radios(
  props: FieldProps & { options: readonly RadioOption[]; inline?: boolean; legendClass?: string },
) {
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

/**
 * One GOV.UK checkbox that confirms a statement ("I confirm ..."): ticked means `checkedValue`,
 * unticked means ''. Its id is the field's, so an error summary link focuses it.
 */
export function ConfirmCheckbox(props: FieldProps & { checkedValue?: string }) {
  const on = () => props.checkedValue ?? 'Yes';
  return (
    <FormGroup error={props.error} class={props.groupClass}>
      <HintAndError id={props.id} hint={props.hint} error={props.error} />
      <div class="govuk-checkboxes" data-module="govuk-checkboxes">
        <div class="govuk-checkboxes__item">
          <input
            class="govuk-checkboxes__input"
            id={props.id}
            name={props.id}
            type="checkbox"
            value={on()}
            checked={props.value === on()}
            aria-describedby={describedBy(props)}
            onChange={(e) => props.onInput(e.currentTarget.checked ? on() : '')}
          />
          <label class="govuk-label govuk-checkboxes__label" for={props.id}>
            {props.label}
          </label>
        </div>
      </div>
    </FormGroup>
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

type ButtonProps = {
  children: JSX.Element;
  type?: 'submit' | 'button';
  variant?: 'secondary' | 'warning';
  onClick?: () => void;
  /**
   * Shown as unavailable but still focusable, so its explanation (describedBy)
   * is heard; the form's own handler refuses to act and says why.
   */
  unavailable?: boolean;
  describedBy?: string | undefined;
  id?: string;
};

export function Button(props: ButtonProps) {
  return (
    <button
      type={props.type ?? 'submit'}
      id={props.id}
      class={`govuk-button${props.variant ? ` govuk-button--${props.variant}` : ''}${props.unavailable ? ' app-button--unavailable' : ''}`}
      data-module="govuk-button"
      aria-disabled={props.unavailable ? 'true' : undefined}
      aria-describedby={props.describedBy}
      onClick={() => props.onClick?.()}
    >
      {props.children}
    </button>
  );
}
