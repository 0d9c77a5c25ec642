import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountLink } from '../../api/accounts/account-links.ts';
import { activateAccount } from '../../api/accounts/register.ts';
import { createUser } from '../../db/queries/provisioning.ts';
import { ACCOUNT_EMAIL_WORKFLOW_TYPE } from '../../workflows/account-email.messages.ts';
import { createWorld } from '../helpers/fixtures.ts';
import { recordHistory } from '../helpers/histories.ts';
import { startTestSystem, type TestSystem } from '../helpers/test-system.ts';

/**
 * Each path of the account-email workflow on the real dev server, with
 * lifetimes of seconds; histories are recorded for the replay test.
 */
const LINK_MS = 2_500;
let sys: TestSystem;
let world: Awaited<ReturnType<typeof createWorld>>;

beforeAll(async () => {
  sys = await startTestSystem({ durations: { activationLink: LINK_MS, passwordResetLink: LINK_MS } });
  world = await createWorld(sys.db);
});
afterAll(() => sys?.stop());

let n = 0;
async function pendingUser() {
  const username = `pending${++n}-${world.tag}`;
  const id = await createUser(
    sys.db,
    {
      username,
      email: `${username}@client-${world.tag}.test`,
      passwordHash: 'x',
      firstName: 'Pat',
      surname: 'Pending',
      status: 'pending',
    },
    [{ organisationId: world.client.id, permissions: ['referrer'] }],
  );
  return { id, email: `${username}@client-${world.tag}.test` };
}
const latestToken = (userId: string) => sys.db('auth_tokens').where({ userId }).orderBy('createdAt', 'desc').first();

describe('account-email workflow', () => {
  it('ends as soon as the link is used', async () => {
    const user = await pendingUser();
    await startAccountLink(sys.deps, user.id, 'activation');
    const mail = await sys.mail.waitFor((m) => m.to.includes(user.email));
    const token = /token=([a-z0-9]+)/.exec(mail.text)![1]!;
    await activateAccount(sys.deps, token, null);
    const row = await latestToken(user.id);
    const handle = sys.temporal.workflow.getHandle(`activation-${row.id}`);
    expect(await handle.result()).toBe('used');
    expect(row.usedAt).not.toBeNull();
    expect((await sys.db('users').where({ id: user.id }).first()).status).toBe('active');
    await recordHistory(sys.temporal, 'account-email-link-used', `activation-${row.id}`);
  });

  it('invalidates the link when its lifetime runs out', async () => {
    const user = await pendingUser();
    await startAccountLink(sys.deps, user.id, 'activation');
    const row = await latestToken(user.id);
    expect(await sys.temporal.workflow.getHandle(`activation-${row.id}`).result()).toBe('expired');
    expect((await latestToken(user.id)).invalidatedAt).not.toBeNull();
    await recordHistory(sys.temporal, 'account-email-link-expired', `activation-${row.id}`);
  });

  it('stops an earlier link working when a new one is sent', async () => {
    const user = await pendingUser();
    await startAccountLink(sys.deps, user.id, 'activation');
    const first = await latestToken(user.id);
    await startAccountLink(sys.deps, user.id, 'activation');
    expect((await sys.db('auth_tokens').where({ id: first.id }).first()).invalidatedAt).not.toBeNull();
  });

  it('sends a username reminder once', async () => {
    const workflowId = `username-reminder-test-${world.tag}`;
    const handle = await sys.temporal.workflow.start(ACCOUNT_EMAIL_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: sys.taskQueue,
      args: [{ kind: 'username-reminder', userId: world.referrer.id, requestId: workflowId }],
    });
    expect(await handle.result()).toBe('sent');
    const mail = await sys.mail.waitFor(
      (m) => m.to.includes(world.referrer.email) && m.subject === 'Your Casebook username',
    );
    expect(mail.text).toContain(world.referrer.username);
    await recordHistory(sys.temporal, 'account-email-username-reminder', workflowId);
  });
});
