import { describe, expect, it } from 'vitest';
import { monthOf, previousMonth } from '../../domain/mi.ts';

/** Packs and their "this month or earlier" check go by the UK calendar, as Live MI does, not by UTC. */
describe('MI months on a UK calendar', () => {
  it('puts 23:30 UTC on 31 March 2026 in April (British Summer Time has begun)', () => {
    const at = new Date('2026-03-31T23:30:00Z');
    expect(monthOf(at)).toBe('2026-04');
    expect(previousMonth(at)).toBe('2026-03');
  });

  it('keeps 23:30 UTC on 31 October 2026 in October (back on GMT, UTC and UK agree)', () => {
    const at = new Date('2026-10-31T23:30:00Z');
    expect(monthOf(at)).toBe('2026-10');
    expect(previousMonth(at)).toBe('2026-09');
  });

  it('builds December of the year before on the 1st of January, just after midnight in the UK', () => {
    const at = new Date('2027-01-01T00:05:00Z');
    expect(monthOf(at)).toBe('2027-01');
    expect(previousMonth(at)).toBe('2026-12');
  });

  it('gives the schedule its month: 02:00 UK on 1 August is 01:00 UTC', () => {
    expect(previousMonth(new Date('2026-08-01T01:00:00Z'))).toBe('2026-07');
    // A minute before midnight UK on 31 July is still July's day: the month before is June.
    expect(previousMonth(new Date('2026-07-31T22:59:00Z'))).toBe('2026-06');
  });
});
