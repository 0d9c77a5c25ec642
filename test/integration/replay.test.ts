import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';

/**
 * Stored histories of every path of every workflow replay against today's
 * workflow code without non-determinism. A change to a workflow's command
 * sequence that is not behind patched() fails here. Re-record with
 * `npm run histories:record` only when adding a path.
 */
const DIR = path.resolve('test/fixtures/histories');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('workflow replay', () => {
  it('has stored histories for every workflow type and path', () => {
    expect(files.filter((f) => f.startsWith('referral-')).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((f) => f.startsWith('questionnaire-')).sort()).toEqual([
      'questionnaire-appointment-dna-rebooked-fit.json',
      'questionnaire-completed-fit.json',
      'questionnaire-expired.json',
      'questionnaire-referred.json',
      'questionnaire-reminded-completed.json',
      'questionnaire-resent-completed.json',
      'questionnaire-returned-unfit.json',
    ]);
    expect(files.filter((f) => f.startsWith('account-email-')).sort()).toEqual([
      'account-email-link-expired.json',
      'account-email-link-used.json',
      'account-email-username-reminder.json',
    ]);
    expect(files.filter((f) => f.startsWith('mi-pack-')).sort()).toEqual([
      'mi-pack-run-again.json',
      'mi-pack-scheduled.json',
    ]);
    expect(files.filter((f) => f.startsWith('reassign-')).sort()).toEqual([
      'reassign-all-continued-first-run.json',
      'reassign-all-continued-last-run.json',
      'reassign-all-one-run.json',
    ]);
  });

  it.each(files)('replays %s deterministically', async (file) => {
    const { workflowId, history } = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: inject('workflowBundlePath') }, replayName: file },
        history,
        workflowId,
      ),
    ).resolves.toBeUndefined();
  });
});
