import { Page } from '../components/Page.tsx';

/**
 * What Casebook holds, who sees it and for how long, as the code enforces it:
 * the visibility rule (domain/visibility.ts), the retention timers
 * (temporal.config.ts) and the audit log (db/queries/audit-log.ts).
 */
export function PrivacyNotice() {
  return (
    <Page title="Privacy notice">
      <p class="govuk-body-l">
        Casebook holds health information about employees referred to occupational health. The law treats health
        information as special category personal data, which needs extra protection. This notice says what Casebook
        holds, who can see it and how long it is kept.
      </p>

      <h2 class="govuk-heading-m">What Casebook holds</h2>
      <p class="govuk-body">About the employee who is referred:</p>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          their name, date of birth, job, contact details and the reason for the referral, including health information
          and absences
        </li>
        <li>
          documents sent with the referral, appointments, whether they gave consent, advice letters and the outcome of
          the case
        </li>
      </ul>
      <p class="govuk-body">About the people who use Casebook:</p>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          name, job title, work address, work telephone number, work email address, username and the organisations they
          work for
        </li>
        <li>
          a scrambled form of their password that cannot be turned back into it, and the key for two-factor
          authentication if they set it up
        </li>
        <li>when they signed in, what they did and the address of the network they did it from, in the audit log</li>
      </ul>

      <h2 class="govuk-heading-m">Who can see it</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          You see the referrals and cases you made, those of everyone below you in your organisation's hierarchy, and
          those of people who shared their cases with you. Sharing works one way. You see nothing else, ever: searches,
          exports, documents, counts and reports included.
        </li>
        <li>A referral saved for later is seen only by the person who wrote it, until it is submitted.</li>
        <li>
          Where your organisation asks for it, your manager sees your referral before it goes to the provider, to
          approve or reject it.
        </li>
        <li>
          The occupational health provider's clinical team sees every submitted referral, to accept it and run the case.
        </li>
        <li>
          The employee is asked for consent by email. If they asked to see the advice letter first, they see it before
          their employer does, through a link that only works for them.
        </li>
        <li>Emails from Casebook carry links, never health details or documents.</li>
      </ul>

      <h2 class="govuk-heading-m">How long it is kept</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>A referral saved for later and not submitted is deleted 30 days after it was last saved.</li>
        <li>A rejected referral is deleted 30 days after it was rejected.</li>
        <li>A password-reset link works once, for 24 hours. An activation link works for 7 days.</li>
        <li>An employee's look at an advice letter lasts 21 days; then the letter is released to the employer.</li>
        <li>You are signed out after 20 minutes without activity.</li>
        <li>Accepted and closed cases are not deleted by Casebook: they are the provider's clinical records.</li>
      </ul>

      <h2 class="govuk-heading-m">The audit log</h2>
      <p class="govuk-body">
        Every time someone opens a case or downloads a document, Casebook records who it was, what they opened and when.
        It also records sign-ins, unlocked accounts and changes to accounts. The log holds references, never the health
        information itself, and its entries cannot be changed or deleted.
      </p>

      <h2 class="govuk-heading-m">How it is protected</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>Every request to see a case or document is checked on the server against the rules above.</li>
        <li>Documents are encrypted where they are stored, and can only be downloaded through Casebook.</li>
        <li>
          An account is locked after 3 incorrect passwords in a row; organisations can require two-factor
          authentication.
        </li>
      </ul>

      <h2 class="govuk-heading-m">Your rights</h2>
      <p class="govuk-body">
        You can ask to see the personal information held about you, and to have it corrected. To ask, or if you are
        worried about how your information is used, contact the service desk (see{' '}
        <a class="govuk-link" href="/help">
          help and contact
        </a>
        ).
      </p>
    </Page>
  );
}
