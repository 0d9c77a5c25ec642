import type { Knex } from 'knex';

/**
 * The employee's side of a questionnaire: the emailed links, the one-time code, their own
 * password and their sessions. Only hashes are stored; the tokens, codes and passwords exist
 * in an email or a request, never here.
 */

/** A new link; every earlier link of the questionnaire stops working at once. */
export async function replaceLink(
  db: Knex,
  link: { id: string; questionnaireId: string; tokenHash: string },
): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('questionnaire_links')
      .where({ questionnaireId: link.questionnaireId })
      .whereNot({ id: link.id })
      .whereNull('revokedAt')
      .update({ revokedAt: trx.fn.now() });
    await trx('questionnaire_links').insert(link).onConflict('id').merge(['tokenHash']);
  });
}

/** Every link of the questionnaire stops working (expired, completed). */
export async function revokeLinks(db: Knex, questionnaireId: string): Promise<void> {
  await db('questionnaire_links').where({ questionnaireId }).whereNull('revokedAt').update({ revokedAt: db.fn.now() });
}

/** The link a token stands for while it still works (neither revoked nor used). */
export async function findLiveLink(
  db: Knex,
  tokenHash: string,
): Promise<{ id: string; questionnaireId: string } | undefined> {
  return db('questionnaire_links')
    .where({ tokenHash })
    .whereNull('revokedAt')
    .whereNull('usedAt')
    .first('id', 'questionnaireId');
}

/** Uses the link once; false when someone used it meanwhile. */
export async function useLink(db: Knex, linkId: string): Promise<boolean> {
  return (
    (await db('questionnaire_links')
      .where({ id: linkId })
      .whereNull('usedAt')
      .whereNull('revokedAt')
      .update({ usedAt: db.fn.now() })) === 1
  );
}

export type Credential = {
  codeHash: string | null;
  codeExpiresAt: Date | null;
  codeAttempts: number;
  passwordHash: string | null;
  failedSignIns: number;
};

export async function readCredential(db: Knex, questionnaireId: string): Promise<Credential | undefined> {
  return db('questionnaire_credentials')
    .where({ questionnaireId })
    .first('codeHash', 'codeExpiresAt', 'codeAttempts', 'passwordHash', 'failedSignIns');
}

/** A new one-time code replaces any earlier one, with fresh attempts. */
export async function storeCode(db: Knex, questionnaireId: string, codeHash: string, expiresAt: Date): Promise<void> {
  await db('questionnaire_credentials')
    .where({ questionnaireId })
    .update({ codeHash, codeExpiresAt: expiresAt, codeAttempts: 0, updatedAt: db.fn.now() });
}

export async function countCodeAttempt(db: Knex, questionnaireId: string): Promise<void> {
  await db('questionnaire_credentials').where({ questionnaireId }).increment('codeAttempts', 1);
}

/** The employee's own password; the code is spent. A new link (resend, return) asks for a new one. */
export async function setEmployeePassword(db: Knex, questionnaireId: string, passwordHash: string): Promise<void> {
  await db('questionnaire_credentials')
    .where({ questionnaireId })
    .update({ passwordHash, codeHash: null, codeExpiresAt: null, failedSignIns: 0, updatedAt: db.fn.now() });
}

/** A new link (resend to a new address, a return) means the employee proves the mailbox again. */
export async function clearCredential(db: Knex, questionnaireId: string): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('questionnaire_credentials')
      .where({ questionnaireId })
      .update({ codeHash: null, codeExpiresAt: null, codeAttempts: 0, passwordHash: null, failedSignIns: 0 });
    await endEmployeeSessions(trx, questionnaireId);
  });
}

export async function countFailedSignIn(db: Knex, questionnaireId: string): Promise<void> {
  await db('questionnaire_credentials').where({ questionnaireId }).increment('failedSignIns', 1);
}

export async function resetFailedSignIns(db: Knex, questionnaireId: string): Promise<void> {
  await db('questionnaire_credentials').where({ questionnaireId }).update({ failedSignIns: 0 });
}

/** Questionnaires sent to this address that have a password set and still wait for the employee. */
export async function signInCandidates(
  db: Knex,
  email: string,
  statuses: readonly string[],
): Promise<{ questionnaireId: string; passwordHash: string; failedSignIns: number }[]> {
  return db('questionnaires as q')
    .join('questionnaire_credentials as c', 'c.questionnaire_id', 'q.id')
    .whereRaw('lower(q.employee_email) = lower(?)', [email])
    .whereIn('q.status', statuses)
    .whereNotNull('c.password_hash')
    .orderBy('q.sent_at', 'desc')
    .limit(20)
    .select('q.id as questionnaire_id', 'c.password_hash', 'c.failed_sign_ins');
}

export async function createEmployeeSession(
  db: Knex,
  session: { id: string; questionnaireId: string; expiresAt: Date },
): Promise<void> {
  await db('questionnaire_sessions').insert(session);
}

/** The questionnaire a live session is for, its expiry pushed on; undefined when none. */
export async function touchEmployeeSession(db: Knex, id: string, expiresAt: Date): Promise<string | undefined> {
  const [row] = await db('questionnaire_sessions')
    .where({ id })
    .where('expiresAt', '>', db.fn.now())
    .update({ expiresAt })
    .returning('questionnaireId');
  return row?.questionnaireId;
}

/** Every session the employee holds for this questionnaire ends (their part is over, or a new link was sent). */
export async function endEmployeeSessions(db: Knex, questionnaireId: string): Promise<void> {
  await db('questionnaire_sessions').where({ questionnaireId }).delete();
}

export async function endEmployeeSession(db: Knex, id: string): Promise<void> {
  await db('questionnaire_sessions').where({ id }).delete();
}
