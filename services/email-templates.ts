/**
 * Every email, plain text and HTML. Emails carry links, never health details,
 * documents or the employee's name beyond what the recipient already knows.
 */
import type { AppointmentType } from '../domain/appointments.ts';
import { rejectionCategoryLabel, type RejectionCategory } from '../domain/rejection.ts';

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function render(subject: string, paragraphs: string[], link?: { text: string; url: string }): RenderedEmail {
  const footer = 'This message was sent from an unmanned mailbox. Please do not reply.';
  const text = [...paragraphs, ...(link ? [`${link.text}: ${link.url}`] : []), '', footer].join('\n\n');
  const html = `<!doctype html><html lang="en"><body style="font-family: Arial, sans-serif">
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.text)}</a></p>\n` : ''}<p style="color:#505a5f">${footer}</p></body></html>`;
  return { subject, text, html };
}

type ReferralContext = {
  recipientName: string;
  formName: string;
  reference: string;
  url: string;
  when?: string;
  /** Why a referral was rejected, from the fixed list. */
  rejectionCategory?: RejectionCategory;
  /** The rejecter's own words about the request (SPEC 4.4: the email gives the reason). */
  rejectionReason?: string;
};

/** "Management Referral" reads as "Management referral" in a sentence, never "... Referral referral". */
const kind = (formName: string) => formName.replace(/\s+referral$/i, '');

export const emailTemplates = {
  'referral-submitted': (c: ReferralContext) =>
    render(
      `${kind(c.formName)} referral submitted`,
      [`Dear ${c.recipientName},`, `Your ${kind(c.formName)} referral (${c.reference}) has been submitted.`],
      { text: 'Track the referral', url: c.url },
    ),
  'approval-needed': (c: ReferralContext) =>
    render(
      `${kind(c.formName)} referral awaiting your approval`,
      [
        `Dear ${c.recipientName},`,
        `A ${kind(c.formName)} referral (${c.reference}) is waiting in your Approval Queue.`,
      ],
      { text: 'Open the Approval Queue', url: c.url },
    ),
  'referral-rejected': (c: ReferralContext) =>
    render(
      `Rejected ${kind(c.formName)} referral`,
      [
        `Dear ${c.recipientName},`,
        `Your ${kind(c.formName)} referral (${c.reference}) was rejected.`,
        ...(c.rejectionCategory ? [`Reason: ${rejectionCategoryLabel(c.rejectionCategory)}`] : []),
        ...(c.rejectionReason?.trim()
          ? [`In the words of the person who rejected it: ${c.rejectionReason.trim()}`]
          : []),
        'The referral is under Saved Referrals, Rejected Referrals, where you can re-refer or delete it. It is deleted 30 days after it was rejected.',
      ],
      { text: 'View rejected referrals', url: c.url },
    ),
  'case-accepted': (c: ReferralContext) =>
    render(
      `${kind(c.formName)} referral accepted: case ${c.reference}`,
      [
        `Dear ${c.recipientName},`,
        `Your ${kind(c.formName)} referral has been accepted and is now case ${c.reference}.`,
      ],
      { text: 'View the case', url: c.url },
    ),
  'appointment-booked': (c: ReferralContext) =>
    render(
      `Appointment booked: case ${c.reference}`,
      [
        `Dear ${c.recipientName},`,
        `An appointment has been booked for case ${c.reference}${c.when ? ` on ${c.when}` : ''}. Please make sure the employee can attend.`,
      ],
      { text: 'View the case', url: c.url },
    ),
  'appointment-changed': (c: ReferralContext) =>
    render(
      `Appointment changed: case ${c.reference}`,
      [
        `Dear ${c.recipientName},`,
        `The appointment for case ${c.reference} has been rearranged${c.when ? `; the new appointment is on ${c.when}` : ''}. Please make sure the employee can attend.`,
      ],
      { text: 'View the case', url: c.url },
    ),
  'appointment-cancelled': (c: ReferralContext) =>
    render(
      `Appointment cancelled: case ${c.reference}`,
      [
        `Dear ${c.recipientName},`,
        `The appointment${c.when ? ` on ${c.when}` : ''} for case ${c.reference} has been cancelled. The employee does not need to attend it; the provider will arrange a new one if it is needed.`,
      ],
      { text: 'View the case', url: c.url },
    ),
  'appointment-dna': (c: ReferralContext) =>
    render(
      `Appointment not attended: case ${c.reference}`,
      [
        `Dear ${c.recipientName},`,
        `The employee did not attend the appointment${c.when ? ` on ${c.when}` : ''} for case ${c.reference}. The provider will be in touch about rebooking.`,
      ],
      { text: 'View the case', url: c.url },
    ),
  'advice-letter-available': (c: ReferralContext) =>
    render(
      `Advice letter available: case ${c.reference}`,
      [
        `Dear ${c.recipientName},`,
        `An advice letter for case ${c.reference} is ready. Sign in to Casebook to read it.`,
      ],
      { text: 'View the case', url: c.url },
    ),
  'case-closed': (c: ReferralContext) =>
    render(
      `Case closed: outcome available for case ${c.reference}`,
      [
        `Dear ${c.recipientName},`,
        `Case ${c.reference} has been closed and its outcome is available. Sign in to Casebook to read it.`,
      ],
      { text: 'View the case', url: c.url },
    ),
  'note-added': (c: ReferralContext) =>
    render(
      `Note added: case ${c.reference}`,
      [
        `Dear ${c.recipientName},`,
        `The occupational health provider has added a note to case ${c.reference}. Sign in to Casebook to read it on the Notes tab.`,
      ],
      { text: 'Read the note', url: c.url },
    ),
} as const;

/** To the referred employee, who has no account: a link, and nothing about their health. */
export const employeeEmailTemplates = {
  consent: (c: { employeeName: string; employer: string; url: string; validFor: string }) =>
    render(
      'Your occupational health referral: your consent',
      [
        `Dear ${c.employeeName},`,
        `${c.employer} has referred you to occupational health. Before the provider goes ahead, they need your consent.`,
        `Use the link below to give or decline consent. It works once and is valid for ${c.validFor}.`,
      ],
      { text: 'Give or decline consent', url: c.url },
    ),
  letterReview: (c: { employeeName: string; url: string; validFor: string }) =>
    render(
      'Your occupational health advice letter is ready for you to check',
      [
        `Dear ${c.employeeName},`,
        'You asked to see your occupational health advice letter before your employer does. Use the link below to read it and tell us whether it is factually accurate or needs a correction.',
        `If we do not hear from you within ${c.validFor}, the letter will be released to your employer.`,
      ],
      { text: 'Read your advice letter', url: c.url },
    ),
  appointment: (c: AppointmentNotice) => {
    const what = {
      booked: {
        subject: 'Your occupational health appointment',
        intro: 'An occupational health appointment has been booked for you.',
      },
      moved: {
        subject: 'Your occupational health appointment has changed',
        intro: 'Your occupational health appointment has been rearranged. This is the new appointment.',
      },
      cancelled: {
        subject: 'Your occupational health appointment has been cancelled',
        intro: 'This occupational health appointment has been cancelled. You do not need to attend it.',
      },
    }[c.notice];
    const place =
      c.type === 'video'
        ? [`Video call link: ${c.place ?? ''}`]
        : c.type === 'face_to_face'
          ? [
              `Address: ${(c.place ?? '')
                .split(/\s*\n\s*/)
                .filter(Boolean)
                .join(', ')}`,
            ]
          : [];
    return render(what.subject, [
      `Dear ${c.employeeName || 'Sir or Madam'},`,
      what.intro,
      `Date: ${c.date}`,
      `Time: ${c.time}`,
      // Appointments booked before types were recorded have none.
      ...(c.typeLabel ? [`Type: ${c.typeLabel}`] : []),
      ...place,
      ...(c.type === 'telephone' && c.notice !== 'cancelled'
        ? ['The occupational health clinician will telephone you at that time.']
        : []),
      c.notice === 'cancelled'
        ? 'The occupational health provider will contact you if you need a new appointment.'
        : 'If you cannot attend, tell your manager as soon as you can so that it can be rearranged.',
    ]);
  },
} as const;

/**
 * An appointment, as the employee is told of it: when, how and where, and nothing else (no health
 * details, no reason for referral, not even the kind of referral, whose name can say too much).
 */
export type AppointmentNotice = {
  notice: 'booked' | 'moved' | 'cancelled';
  employeeName: string;
  date: string;
  time: string;
  type: AppointmentType | null;
  typeLabel: string | null;
  place: string | null;
};

type AccountContext = { recipientName: string; url: string };

/** Account emails: links only, never passwords. */
export const accountEmailTemplates = {
  activation: (c: AccountContext & { validFor: string }) =>
    render(
      'Activate your Casebook account',
      [
        `Dear ${c.recipientName},`,
        `Thank you for registering. Activate your account with the link below; it works once and is valid for ${c.validFor}.`,
      ],
      { text: 'Activate your account', url: c.url },
    ),
  'password-reset': (c: AccountContext & { validFor: string }) =>
    render(
      'Reset your Casebook password',
      [
        `Dear ${c.recipientName},`,
        `Someone asked to reset the password of your Casebook account. If it was you, use the link below; it works once and is valid for ${c.validFor}. If it was not, you can ignore this email.`,
      ],
      { text: 'Reset your password', url: c.url },
    ),
  invitation: (c: AccountContext & { validFor: string; username: string; email: string }) =>
    render(
      'Your Casebook account: choose your password',
      [
        `Dear ${c.recipientName},`,
        'An account has been made for you on Casebook, the occupational health referral portal. ' +
          `Your username is: ${c.username}`,
        `Choose your password with the link below: enter this email address (${c.email}) and your new password. ` +
          `The link works once and is valid for ${c.validFor}; your account is active once your password is set.`,
      ],
      { text: 'Choose your password', url: c.url },
    ),
  'account-unlocked': (c: AccountContext) =>
    render(
      'Your Casebook account has been unlocked',
      [
        `Dear ${c.recipientName},`,
        'Your Casebook account was locked after 3 incorrect passwords in a row, and an administrator has now unlocked it. You can sign in again.',
        'If you have forgotten your password, use "Forgot your password?" on the sign-in page. If you did not ask for your account to be unlocked, tell your organisation\'s user admin.',
      ],
      { text: 'Sign in to Casebook', url: c.url },
    ),
  'email-changed': (c: AccountContext & { oldEmail: string; newEmail: string }) =>
    render(
      'The email address of your Casebook account has changed',
      [
        `Dear ${c.recipientName},`,
        `The service desk has changed the email address registered to your Casebook account from ${c.oldEmail} to ${c.newEmail}. Emails from Casebook now go to ${c.newEmail}; your username and password are unchanged.`,
        "We are telling you at both addresses. If you did not ask for this change, tell your organisation's user admin at once.",
      ],
      { text: 'Sign in to Casebook', url: c.url },
    ),
  'username-reminder': (c: AccountContext & { username: string }) =>
    render('Your Casebook username', [`Dear ${c.recipientName},`, `Your Casebook username is: ${c.username}`], {
      text: 'Sign in to Casebook',
      url: c.url,
    }),
} as const;
