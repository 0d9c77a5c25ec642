import { api } from '../api.ts';
import { EmployeeLink } from '../components/LinkQuestion.tsx';
import { Page } from '../components/Page.tsx';

const OPTIONS = [
  {
    value: 'given' as const,
    label: 'Yes, I give my consent',
    hint: 'The occupational health provider goes ahead with your referral.',
  },
  {
    value: 'declined' as const,
    label: 'No, I do not give my consent',
    hint: 'The referral is closed. Your employer is told you declined.',
  },
];

/** The page an employee reaches from the consent email: the link is their only key. */
export function EmployeeConsent() {
  return (
    <EmployeeLink
      what="consent"
      check={api.consentRequest}
      title="Do you consent to the occupational health referral?"
      intro={(_, employer) => (
        <>
          <p class="govuk-body">{employer} has referred you to its occupational health provider.</p>
          <p class="govuk-body">
            With your consent, a clinician will review the referral, may arrange an appointment with you, and will write
            advice for your employer about your health and work. Your medical details are not shared with your employer
            without your agreement.
          </p>
        </>
      )}
      id="decision"
      legend="Your answer"
      options={OPTIONS}
      missing="Choose whether you give your consent"
      send={api.answerConsent}
      done={(decision) => (
        <Page
          title={decision === 'given' ? 'Thank you: your consent has been recorded' : 'Your answer has been recorded'}
        >
          <p class="govuk-body">
            {decision === 'given'
              ? 'The occupational health provider will contact you about the next steps.'
              : 'Your referral has been closed. You can talk to your manager or HR if you change your mind.'}
          </p>
        </Page>
      )}
    />
  );
}
