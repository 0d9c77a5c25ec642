import { createSignal, Show } from 'solid-js';
import { DateInput, TextInput } from '../components/fields.tsx';

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/**
 * A date and a time, as GOV.UK asks for them (a date input, then a time), read
 * as the user's local time and sent as an instant. `check` says what is wrong,
 * in GOV.UK's words, or gives the instant.
 */
export function createDateTime(prefix: string) {
  const [date, setDate] = createSignal('');
  const [time, setTime] = createSignal('');
  // The date input keeps its boxes as typed, so clearing the form builds it afresh.
  const [generation, setGeneration] = createSignal(0);
  const dateId = `${prefix}-date`;
  // An error summary link focuses the day, the date's first box.
  const dateTarget = `${dateId}-day`;
  const timeId = `${prefix}-time`;
  const check = (): { error: string; target: string } | { at: string } => {
    const [y, m, d] = date().split('-').map(Number);
    const day = new Date(y ?? NaN, (m ?? NaN) - 1, d ?? NaN);
    if (!date()) return { error: 'Enter the date', target: dateTarget };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date()) || day.getDate() !== d || day.getMonth() !== (m ?? 0) - 1)
      return { error: 'The date must be a real date', target: dateTarget };
    const t = TIME.exec(time().trim());
    if (!t) return { error: 'Enter the time, like 14:30', target: timeId };
    day.setHours(Number(t[1]), Number(t[2]));
    return { at: day.toISOString() };
  };
  return {
    check,
    reset: () => {
      setDate('');
      setTime('');
      setGeneration((n) => n + 1);
    },
    Fields: (props: { label: string; errorFor: (id: string) => string | undefined }) => (
      <>
        <Show when={generation() + 1} keyed>
          {(_fresh) => (
            <DateInput
              id={dateId}
              label={`${props.label}: date`}
              value={date()}
              error={props.errorFor(dateTarget)}
              onInput={setDate}
              hint="For example, 15 1 2027"
            />
          )}
        </Show>
        <TextInput
          id={timeId}
          label={`${props.label}: time`}
          hint="Use the 24-hour clock, for example 14:30"
          widthClass="govuk-input--width-5"
          value={time()}
          error={props.errorFor(timeId)}
          onInput={setTime}
        />
      </>
    ),
  };
}
