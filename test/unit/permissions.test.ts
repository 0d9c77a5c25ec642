import { describe, expect, it } from 'vitest';
import { can, navigationFor, type Actor } from '../../domain/permissions.ts';

const actor = (permissions: Actor['permissions'], isProvider = false): Actor => ({
  userId: 'u',
  organisationId: 'o',
  isProvider,
  permissions,
});

describe('permissions', () => {
  describe('can', () => {
    it('lets a referrer refer and track, nothing more', () => {
      const a = actor(['referrer']);
      expect(can(a, 'referral.create')).toBe(true);
      expect(can(a, 'referral.track')).toBe(true);
      expect(can(a, 'referral.approve')).toBe(false);
      expect(can(a, 'users.admin')).toBe(false);
    });

    it('counts clinician and provider admin only inside the provider organisation', () => {
      expect(can(actor(['clinician'], true), 'triage.work')).toBe(true);
      expect(can(actor(['clinician'], false), 'triage.work')).toBe(false);
      expect(can(actor(['provider_admin'], false), 'users.admin')).toBe(false);
      expect(can(actor(['provider_admin'], true), 'users.admin')).toBe(true);
    });
  });

  describe('navigationFor', () => {
    it('shows a referrer the referral pages and My Account', () => {
      expect(navigationFor(actor(['referrer']), { myAccountEnabled: true }).map((n) => n.label)).toEqual([
        'Make Referral',
        'Track Referrals',
        'Saved Referrals',
        'Request Questionnaire',
        'Track Questionnaires',
        'Library',
        'My Account',
      ]);
    });

    it('shows the top of an organisation every client-side page, in the spec order', () => {
      const nav = navigationFor(actor(['referrer', 'approver', 'user_admin', 'mi_viewer']), {
        myAccountEnabled: true,
      }).map((n) => n.label);
      expect(nav).toEqual([
        'Make Referral',
        'Track Referrals',
        'Saved Referrals',
        'Approval Queue',
        'Request Questionnaire',
        'Track Questionnaires',
        'Management Information',
        'Library',
        'User Admin',
        'My Account',
      ]);
    });

    it('shows a clinician the triage queue, not the referrer pages', () => {
      expect(navigationFor(actor(['clinician'], true), { myAccountEnabled: true }).map((n) => n.label)).toEqual([
        'Triage Queue',
        'Cases',
        'Questionnaire Review',
        'My Account',
      ]);
    });

    it('hides My Account where the organisation has turned it off', () => {
      expect(navigationFor(actor(['referrer']), { myAccountEnabled: false }).map((n) => n.label)).not.toContain(
        'My Account',
      );
    });
  });
});
