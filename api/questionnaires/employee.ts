import { randomUUID } from 'node:crypto';
import {
  countCodeAttempt,
  countFailedSignIn,
  createEmployeeSession,
  endEmployeeSession,
  findLiveLink,
  readCredential,
  resetFailedSignIns,
  setEmployeePassword,
  signInCandidates,
  touchEmployeeSession,
  useLink,
} from '../../db/queries/questionnaire-employee.ts';
import { findQuestionnaire, type QuestionnaireRecord } from '../../db/queries/questionnaires.ts';
import { commonWords } from '../../domain/common-words.ts';
import { AppError } from '../../domain/errors.ts';
import { referenceOf } from '../../domain/ids.ts';
import { checkPassword, passwordProblem } from '../../domain/password-policy.ts';
import { QUESTIONNAIRE_STATUSES, questionnaireStatusesInTab } from '../../domain/questionnaire-statuses.ts';
import { questionnaireRefusalOf } from '../../domain/questionnaire-transitions.ts';
import {
  firstIncompletePage,
  pickPageAnswers,
  QUESTIONNAIRE_DECLARATION,
  validatePage,
  validateQuestionnaire,
} from '../../domain/questionnaires.ts';
import { hashPassword, verifyPassword } from '../../services/passwords.ts';
import { SESSION_IDLE_MS } from '../../services/sessions.ts';
import { generateToken, hashToken } from '../../services/tokens.ts';
import { sendCodeUpdate, submitUpdate } from '../../workflows/questionnaire.messages.ts';
import { auditLog } from '../../services/audit.ts';
import type { AppDeps } from '../context.ts';
import { runQuestionnaireStep } from '../temporal-edge.ts';
import { readContent, writeContent } from './content.ts';

/**
 * The employee's side. They have no account: an emailed single-use link, then a one-time code sent to
 * the same mailbox, then a password of their own choosing. A forwarded link alone opens nothing.
 */
const LINK_DEAD =
  'This link no longer works. It may have been used already, or a newer link has been sent to you. Use the latest email, or sign in with your email address and password if you have chosen one.';
const MAX_CODE_ATTEMPTS = 5;
const MAX_FAILED_SIGN_INS = 5;
const SIGN_IN_REFUSED = 'The email address or password is not right. Check them and try again.';
const EMPLOYEE_SESSION_ENDED =
  'Your session has ended. Sign in with your email address and the password you chose, or use the link in your latest email.';

const audit = (deps: AppDeps, q: QuestionnaireRecord, ip: string | null) =>
  auditLog(deps.db, { actorId: null, organisationId: q.organisationId, ip });

async function liveLink(deps: AppDeps, token: string) {
  const link = await findLiveLink(deps.db, hashToken(token));
  const q = link && (await findQuestionnaire(deps.db, link.questionnaireId));
  if (!link || !q || QUESTIONNAIRE_STATUSES[q.status].tab !== 'pending') throw new AppError('NOT_FOUND', LINK_DEAD);
  return { link, q };
}

/** "e•••@example.com": enough for the employee to know which mailbox, nothing for anyone else. */
const masked = (email: string) => email.replace(/^(.)[^@]*/, '$1•••');

/** What the link is for: the employer and the kind of questionnaire, no more. */
export async function describeLink(deps: AppDeps, token: string) {
  const { q } = await liveLink(deps, token);
  return { employer: q.organisationName, questionnaire: q.typeName, email: masked(q.employeeEmail) };
}

/** Emails a one-time code to the questionnaire's address. */
export async function requestCode(deps: AppDeps, token: string, ip: string | null): Promise<void> {
  const { q } = await liveLink(deps, token);
  await runQuestionnaireStep(deps, q, 'employeeAnswer', sendCodeUpdate, { requestId: randomUUID() });
  await audit(deps, q, ip)('questionnaire.code_requested', { questionnaire: q.id });
}

/** The code proves the mailbox; the password is theirs for coming back. The link is spent; a session starts. */
export async function verifyCode(
  deps: AppDeps,
  input: { token: string; code: string; password: string; confirmation: string },
  ip: string | null,
): Promise<{ sessionToken: string }> {
  const { link, q } = await liveLink(deps, input.token);
  const credential = await readCredential(deps.db, q.id);
  const askAgain = 'Ask for a new code and use the one in the newest email.';
  if (!credential?.codeHash || !credential.codeExpiresAt || credential.codeExpiresAt.getTime() < Date.now())
    throw new AppError('BAD_REQUEST', `The code has expired or was never sent. ${askAgain}`, {
      code: `The code has expired. ${askAgain}`,
    });
  if (credential.codeAttempts >= MAX_CODE_ATTEMPTS)
    throw new AppError('BAD_REQUEST', `Too many wrong codes. ${askAgain}`, {
      code: `Too many wrong codes. ${askAgain}`,
    });
  if (!(await verifyPassword(credential.codeHash, input.code.trim()))) {
    await countCodeAttempt(deps.db, q.id);
    await audit(deps, q, ip)('questionnaire.code_wrong', { questionnaire: q.id });
    throw new AppError('BAD_REQUEST', 'The code is not right. Check the email and enter the 6 digits.', {
      code: 'The code is not right. Check the email and enter the 6 digits',
    });
  }
  const problem = passwordProblem(
    checkPassword(
      { password: input.password, confirmation: input.confirmation, username: q.employeeEmail.split('@')[0] ?? '' },
      commonWords(),
    ),
  );
  if (problem) throw new AppError('BAD_REQUEST', problem, { password: problem });
  if (!(await useLink(deps.db, link.id))) throw new AppError('NOT_FOUND', LINK_DEAD);
  await setEmployeePassword(deps.db, q.id, await hashPassword(input.password));
  await audit(deps, q, ip)('questionnaire.employee_credential_set', { questionnaire: q.id });
  return { sessionToken: await startSession(deps, q.id) };
}

async function startSession(deps: AppDeps, questionnaireId: string): Promise<string> {
  const token = generateToken();
  await createEmployeeSession(deps.db, {
    id: hashToken(token),
    questionnaireId,
    expiresAt: new Date(Date.now() + SESSION_IDLE_MS),
  });
  return token;
}

/** Coming back: email address and password. The same answer for an unknown address as for a wrong password. */
export async function signIn(deps: AppDeps, email: string, password: string, ip: string | null) {
  const pending = [...questionnaireStatusesInTab('pending')];
  const candidates = await signInCandidates(deps.db, email.trim(), pending);
  for (const c of candidates) {
    if (c.failedSignIns >= MAX_FAILED_SIGN_INS) continue;
    if (await verifyPassword(c.passwordHash, password)) {
      await resetFailedSignIns(deps.db, c.questionnaireId);
      const q = (await findQuestionnaire(deps.db, c.questionnaireId))!;
      await audit(deps, q, ip)('questionnaire.employee_signed_in', { questionnaire: q.id });
      return { sessionToken: await startSession(deps, c.questionnaireId) };
    }
  }
  for (const c of candidates) await countFailedSignIn(deps.db, c.questionnaireId);
  throw new AppError('UNAUTHENTICATED', SIGN_IN_REFUSED);
}

/** The questionnaire a session cookie stands for, its idle timer restarted; 401 when none. */
export async function employeeSession(deps: AppDeps, token: string | undefined): Promise<QuestionnaireRecord> {
  const questionnaireId = token
    ? await touchEmployeeSession(deps.db, hashToken(token), new Date(Date.now() + SESSION_IDLE_MS))
    : undefined;
  const q = questionnaireId && (await findQuestionnaire(deps.db, questionnaireId));
  if (!q) throw new AppError('UNAUTHENTICATED', EMPLOYEE_SESSION_ENDED);
  return q;
}

export async function signOut(deps: AppDeps, token: string | undefined): Promise<void> {
  if (token) await endEmployeeSession(deps.db, hashToken(token));
}

/** The questionnaire as its employee sees it: the questions, their own answers, a clinician's open question. */
export async function currentQuestionnaire(deps: AppDeps, q: QuestionnaireRecord) {
  const content = await readContent(deps, q.id);
  const open = content.returns.at(-1);
  return {
    reference: referenceOf(q.id),
    employer: q.organisationName,
    employeeName: `${q.employeeFirstName} ${q.employeeSurname}`,
    status: q.status,
    definition: q.definition,
    answers: content.answers,
    question: open ? { text: open.question, answer: open.answer } : null,
    declaration: QUESTIONNAIRE_DECLARATION.text,
    nextPage: firstIncompletePage(q.definition, content.answers)?.key ?? null,
  };
}

function refuseUnlessPending(q: QuestionnaireRecord) {
  const refusal = questionnaireRefusalOf('employeeAnswer', q.status);
  if (refusal) throw new AppError('INVALID_STATE', refusal);
}

/**
 * Saves one page. "Continue" checks it, with each problem by question for the error summary;
 * "Save and come back later" keeps what is there unchecked.
 */
export async function savePage(
  deps: AppDeps,
  q: QuestionnaireRecord,
  pageKey: string,
  answers: Record<string, string>,
  check: boolean,
) {
  refuseUnlessPending(q);
  const page = q.definition.pages.find((p) => p.key === pageKey);
  if (!page) throw new AppError('NOT_FOUND', 'That page is not part of this questionnaire.');
  const picked = pickPageAnswers(page, answers);
  if (check) {
    const errors = validatePage(page, picked);
    if (Object.keys(errors).length > 0) throw new AppError('BAD_REQUEST', 'There is a problem', errors);
  }
  const content = await readContent(deps, q.id);
  for (const question of page.questions) delete content.answers[question.name];
  Object.assign(content.answers, picked);
  await writeContent(deps, q.id, content);
  return { nextPage: firstIncompletePage(q.definition, content.answers)?.key ?? null };
}

/** The employee's answer to the clinician's question. */
export async function answerQuestion(deps: AppDeps, q: QuestionnaireRecord, answer: string) {
  refuseUnlessPending(q);
  const content = await readContent(deps, q.id);
  const open = content.returns.at(-1);
  if (!open) throw new AppError('INVALID_STATE', 'No question is waiting for your answer.');
  if (!/[\p{L}\p{N}]/u.test(answer))
    throw new AppError('BAD_REQUEST', 'There is a problem', {
      answer: 'Enter your answer to the clinician’s question',
    });
  open.answer = answer.trim();
  await writeContent(deps, q.id, content);
}

/** Check your answers, the declaration, then submit: every required answer and the declaration first. */
export async function submitAnswers(deps: AppDeps, q: QuestionnaireRecord, declaration: boolean, ip: string | null) {
  refuseUnlessPending(q);
  const content = await readContent(deps, q.id);
  const errors = validateQuestionnaire(q.definition, content.answers);
  const open = content.returns.at(-1);
  if (open && !open.answer) errors.answer = 'Enter your answer to the clinician’s question';
  if (!declaration) errors.declaration = QUESTIONNAIRE_DECLARATION.missing;
  if (Object.keys(errors).length > 0) throw new AppError('BAD_REQUEST', 'There is a problem', errors);
  await runQuestionnaireStep(deps, q, 'submit', submitUpdate, { declared: true });
  await audit(deps, q, ip)('questionnaire.submitted', { questionnaire: q.id });
  return { submitted: true };
}
