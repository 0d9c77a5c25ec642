import { describe, expect, it } from 'vitest';
import { ACCEPT_STATUSES, CASE_STATUSES, isCaseStatus, statusesInTab } from '../../domain/statuses.ts';

describe('the status catalogue', () => {
  it('gives every status a label and a plain-English explanation', () => {
    for (const [key, s] of Object.entries(CASE_STATUSES)) {
      expect(s.label, key).toMatch(/\w/);
      expect(s.explanation.length, key).toBeGreaterThan(20);
    }
  });

  it('puts pending triage in its own tab, not among open cases', () => {
    expect(statusesInTab('pending')).toEqual(['pending_triage']);
    expect(statusesInTab('open')).not.toContain('pending_triage');
  });

  it('only lets a case be accepted into an open status', () => {
    for (const s of ACCEPT_STATUSES) expect(CASE_STATUSES[s].tab).toBe('open');
  });

  it('recognises its own keys only', () => {
    expect(isCaseStatus('closed')).toBe(true);
    expect(isCaseStatus('toString')).toBe(false);
  });
});
