import type { FieldDefinition } from '../../domain/forms.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** "1 April 1980" (or "1 Apr 1980" in tables); a date-only value is not shifted by time zone. */
export function formatDate(value: string | null | undefined, month: 'long' | 'short' = 'long'): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month,
    year: 'numeric',
    ...(DATE_ONLY.test(value) ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

/** "14:05", in the user's time zone. */
export function formatTime(value: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false }).format(
    new Date(value),
  );
}

/** An answer as the case page shows it. */
export function formatAnswer(field: FieldDefinition, value: string | undefined): string {
  if (!value?.trim()) return 'Not provided';
  return field.type === 'date' ? formatDate(value) : value;
}
