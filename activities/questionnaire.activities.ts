import { randomInt } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { findQuestionnaireAction } from '../db/queries/questionnaire-actions.ts';
import {
  clearCredential,
  endEmployeeSessions,
  replaceLink,
  revokeLinks,
  storeCode,
} from '../db/queries/questionnaire-employee.ts';
import {
  appendQuestionnaireEvent,
  findQuestionnaire,
  questionnaireRecipients,
  recordQuestionnaireStatus,
  type QuestionnaireRecord,
  stampQuestionnaireSent,
} from '../db/queries/questionnaires.ts';
import { markSent, wasSent } from '../db/queries/sent-emails.ts';
import { APPOINTMENT_TYPES } from '../domain/appointments.ts';
import { referenceOf } from '../domain/ids.ts';
import {
  QUESTIONNAIRE_OUTCOMES,
  QUESTIONNAIRE_STATUSES,
  type QuestionnaireStatus,
} from '../domain/questionnaire-statuses.ts';
import { employeeEmailTemplates } from '../services/email-templates.ts';
import type { Mailer } from '../services/mailer.ts';
import { hashPassword } from '../services/passwords.ts';
import { questionnaireEmployeeEmails, questionnaireRequesterEmails } from '../services/questionnaire-emails.ts';
import { generateToken, hashToken } from '../services/tokens.ts';

export type QuestionnaireActivityDeps = { db: Knex; mailer: Mailer; publicUrl: string };

/** How long an emailed one-time code works. */
const CODE_VALID_MS = 15 * 60 * 1000;
const CODE_VALID_FOR = '15 minutes';

/** The employee's pages in the portal. */
const EMPLOYEE_PAGE = '/questionnaire';

/**
 * Thin, idempotent writes and emails of what the questionnaire workflow decided, each keyed
 * (event key, sent-email key, link id) so a retry changes nothing twice.
 */
export function questionnaireActivities({ db, mailer, publicUrl }: QuestionnaireActivityDeps) {
  async function load(questionnaireId: string): Promise<QuestionnaireRecord> {
    const q = await findQuestionnaire(db, questionnaireId);
    if (!q)
      throw ApplicationFailure.nonRetryable(`Questionnaire ${questionnaireId} does not exist`, 'QuestionnaireMissing');
    return q;
  }
  const employeeContext = (q: QuestionnaireRecord, url: string) => ({
    employeeName: `${q.employeeFirstName} ${q.employeeSurname}`,
    employer: q.organisationName,
    questionnaire: q.typeName,
    url,
  });

  /** A new single-use link: every earlier link stops working. Its token exists only in this email. */
  async function newLink(q: QuestionnaireRecord, linkId: string): Promise<string> {
    const token = generateToken();
    await replaceLink(db, { id: linkId, questionnaireId: q.id, tokenHash: hashToken(token) });
    return `${publicUrl}${EMPLOYEE_PAGE}?token=${token}`;
  }

  return {
    async recordQuestionnaireStatus(input: {
      questionnaireId: string;
      status: QuestionnaireStatus;
      eventKey: string;
      actorId: string | null;
      at: number;
    }): Promise<void> {
      await load(input.questionnaireId);
      await recordQuestionnaireStatus(db, { ...input, at: new Date(input.at) });
      // Past the employee's part, no link or session of theirs works any more.
      if (!(QUESTIONNAIRE_STATUSES[input.status].tab === 'pending')) {
        await revokeLinks(db, input.questionnaireId);
        await endEmployeeSessions(db, input.questionnaireId);
      }
    },

    /** The first link, a resend (perhaps to a new address) or a return with a question. */
    async sendQuestionnaireLink(input: {
      questionnaireId: string;
      linkId: string;
      reason: 'invitation' | 'resend' | 'return';
      actorId: string | null;
      eventKey: string;
    }): Promise<void> {
      if (await wasSent(db, input.eventKey)) return;
      const q = await load(input.questionnaireId);
      // Whoever holds the new link proves the mailbox again, and chooses a password again.
      if (input.reason !== 'invitation') await clearCredential(db, q.id);
      const url = await newLink(q, input.linkId);
      await mailer.send(q.employeeEmail, questionnaireEmployeeEmails[input.reason](employeeContext(q, url)));
      await stampQuestionnaireSent(db, q.id);
      await appendQuestionnaireEvent(db, {
        questionnaireId: q.id,
        eventKey: input.eventKey,
        type: input.reason === 'invitation' ? 'sent' : input.reason === 'resend' ? 'resent' : 'returned',
        actorId: input.actorId,
      });
      await markSent(db, { key: input.eventKey, template: `questionnaire-${input.reason}` });
    },

    /**
     * A reminder. It carries no new link (that would stop the one the employee may be using): the
     * invitation's link still works, and once they have a password they sign in; a lost email is what Resend is for.
     */
    async sendQuestionnaireReminder(input: { questionnaireId: string; eventKey: string }) {
      if (await wasSent(db, input.eventKey)) return;
      const q = await load(input.questionnaireId);
      const url = `${publicUrl}${EMPLOYEE_PAGE}/sign-in`;
      await mailer.send(q.employeeEmail, questionnaireEmployeeEmails.reminder(employeeContext(q, url)));
      await appendQuestionnaireEvent(db, { questionnaireId: q.id, eventKey: input.eventKey, type: 'reminded' });
      await markSent(db, { key: input.eventKey, template: 'questionnaire-reminder' });
    },

    /** A one-time code to the questionnaire's address; only its hash is kept. */
    async sendQuestionnaireCode({ questionnaireId, requestId }: { questionnaireId: string; requestId: string }) {
      const key = `questionnaire-code:${requestId}`;
      if (await wasSent(db, key)) return;
      const q = await load(questionnaireId);
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await storeCode(db, q.id, await hashPassword(code), new Date(Date.now() + CODE_VALID_MS));
      await mailer.send(
        q.employeeEmail,
        questionnaireEmployeeEmails.code({
          employeeName: `${q.employeeFirstName} ${q.employeeSurname}`,
          code,
          validFor: CODE_VALID_FOR,
        }),
      );
      await markSent(db, { key, template: 'questionnaire-code' });
    },

    /** To the requester and the sharers who asked for copies: where it stands, never an answer. */
    async sendQuestionnaireRequesterEmail(input: {
      questionnaireId: string;
      template: 'reminder' | 'expired' | 'outcome' | 'referred';
      eventKey: string;
    }): Promise<void> {
      if (await wasSent(db, input.eventKey)) return;
      const q = await load(input.questionnaireId);
      const path = input.template === 'referred' ? '/referrals/saved' : `/questionnaires/${q.id}`;
      for (const user of await questionnaireRecipients(db, q)) {
        const context = {
          recipientName: user.name,
          employee: `${q.employeeFirstName} ${q.employeeSurname}`,
          questionnaire: q.typeName,
          reference: referenceOf(q.id),
          url: `${publicUrl}${path}`,
        };
        const email =
          input.template === 'outcome'
            ? questionnaireRequesterEmails.outcome({
                ...context,
                outcome: q.outcome ? QUESTIONNAIRE_OUTCOMES[q.outcome] : 'recorded',
              })
            : questionnaireRequesterEmails[input.template](context);
        await mailer.send(user.email, email);
      }
      await markSent(db, {
        key: input.eventKey,
        template: `questionnaire-${input.template}`,
        recipientUserId: q.ownerId,
      });
    },

    /** An appointment booked, moved, missed...: in the activity list; a booking or rebooking is emailed to the employee. */
    async recordQuestionnaireAction(input: {
      questionnaireId: string;
      actionId: string;
      event: 'booked' | 'rebooked' | 'closed' | 'canx' | 'dna';
      actorId: string;
      eventKey: string;
    }): Promise<void> {
      const q = await load(input.questionnaireId);
      if ((input.event === 'booked' || input.event === 'rebooked') && !(await wasSent(db, input.eventKey))) {
        const action = await findQuestionnaireAction(db, q.id, input.actionId);
        if (action) {
          const at = new Date(action.scheduledAt);
          const london = { timeZone: 'Europe/London' } as const;
          await mailer.send(
            q.employeeEmail,
            employeeEmailTemplates.appointment({
              notice: input.event === 'rebooked' ? 'moved' : 'booked',
              employeeName: `${q.employeeFirstName} ${q.employeeSurname}`,
              date: at.toLocaleDateString('en-GB', { ...london, day: 'numeric', month: 'long', year: 'numeric' }),
              time: at.toLocaleTimeString('en-GB', { ...london, hour: '2-digit', minute: '2-digit' }),
              type: action.appointmentType,
              typeLabel: action.appointmentType ? APPOINTMENT_TYPES[action.appointmentType] : null,
              place: action.place,
            }),
          );
          await markSent(db, { key: input.eventKey, template: `questionnaire-appointment-${input.event}` });
        }
      }
      await appendQuestionnaireEvent(db, {
        questionnaireId: q.id,
        eventKey: input.eventKey,
        type: `appointment-${input.event}`,
        actorId: input.actorId,
      });
    },
  };
}
