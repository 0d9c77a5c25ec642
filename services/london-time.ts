/**
 * Excel has no time zones: a cell holds wall-clock time, so every export writes an instant as
 * its time in London (where the service's users are), as the portal shows it.
 */
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const HOUR_MS = 3_600_000;
/**
 * London's offset from UTC by UTC hour. Its clocks change on the hour (01:00 UTC), so one offset
 * holds for a whole UTC hour: asked once per hour, not once per cell of a 100,000-row export.
 */
const offsets = new Map<number, number>();

function offsetAt(hourStart: number): number {
  const parts = Object.fromEntries(LONDON.formatToParts(hourStart).map((p) => [p.type, p.value]));
  const n = (k: string) => Number(parts[k]);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - hourStart;
}

/** The instant's wall-clock time in London, as a Date whose UTC fields hold it (what exceljs writes). */
export function londonWallClock(instant: Date): Date {
  const at = instant.getTime();
  if (Number.isNaN(at)) return instant;
  const hourStart = Math.floor(at / HOUR_MS) * HOUR_MS;
  let offset = offsets.get(hourStart);
  if (offset === undefined) {
    offset = offsetAt(hourStart);
    // Bounded: a decade of distinct hours at most, however many exports run.
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(hourStart, offset);
  }
  return new Date(at + offset);
}
