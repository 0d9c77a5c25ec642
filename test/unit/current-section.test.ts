import { describe, expect, it } from 'vitest';
import { currentSection, sharedPage } from '../../web/src/components/current-section.ts';

const item = (key: string, path: string) => ({ key, path });
const REFERRER = [
  item('make-referral', '/referrals/new'),
  item('track-referrals', '/referrals'),
  item('saved-referrals', '/referrals/saved'),
  item('approval-queue', '/approvals'),
  item('my-account', '/account'),
];
const CLINICIAN = [item('triage', '/triage'), item('cases', '/cases'), item('my-account', '/account')];

describe('the current section of the header', () => {
  it('is the section a page belongs to, not the one its address starts with', () => {
    expect(currentSection('/referrals/new', REFERRER)).toBe('make-referral');
    expect(currentSection('/referrals/abc/edit', REFERRER)).toBe('make-referral');
    expect(currentSection('/referrals/new/management-referral', REFERRER)).toBe('make-referral');
    expect(currentSection('/referrals/abc/check', REFERRER)).toBe('make-referral');
    expect(currentSection('/referrals/abc/submitted', REFERRER)).toBe('make-referral');
    expect(currentSection('/referrals/abc/delete', REFERRER)).toBe('saved-referrals');
    expect(currentSection('/referrals/saved', REFERRER)).toBe('saved-referrals');
    expect(currentSection('/referrals', REFERRER)).toBe('track-referrals');
  });

  it('is the longest matching path for every other page, and none for pages of no section', () => {
    expect(currentSection('/account/password', REFERRER)).toBe('my-account');
    expect(currentSection('/triage/abc', CLINICIAN)).toBe('triage');
    expect(currentSection('/', REFERRER)).toBeUndefined();
    expect(currentSection('/accessibility', REFERRER)).toBeUndefined();
    expect(currentSection('/accountancy', REFERRER)).toBeUndefined();
  });

  it("for a case page is the list the user came from, else the role's own list", () => {
    expect(sharedPage('/cases/abc')).toBe(true);
    expect(currentSection('/cases/abc', REFERRER)).toBe('track-referrals');
    expect(currentSection('/cases/abc', CLINICIAN)).toBe('cases');
    expect(currentSection('/cases/abc', REFERRER, 'approval-queue')).toBe('approval-queue');
    expect(currentSection('/cases/abc', REFERRER, 'saved-referrals')).toBe('saved-referrals');
    // A list the user does not have, or a section that is no list of cases, does not count.
    expect(currentSection('/cases/abc', CLINICIAN, 'approval-queue')).toBe('cases');
    expect(currentSection('/cases/abc', REFERRER, 'my-account')).toBe('track-referrals');
  });

  it('is never taken from where the user came from for a page with a section of its own', () => {
    expect(sharedPage('/referrals/abc/edit')).toBe(false);
    expect(currentSection('/referrals/abc/edit', REFERRER, 'saved-referrals')).toBe('make-referral');
  });
});
