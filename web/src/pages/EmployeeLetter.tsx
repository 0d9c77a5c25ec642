import { api } from '../api.ts';
import { EmployeeLink } from '../components/LinkQuestion.tsx';
import { Page } from '../components/Page.tsx';

const OPTIONS = [
  {
    value: 'accurate' as const,
    label: 'Yes, it is factually accurate',
    hint: 'The letter is released to your employer now.',
  },
  {
    value: 'correction' as const,
    label: 'No, it needs a correction',
    hint: 'The clinician will contact you. The letter is not released until it is put right.',
  },
];

/** The employee checks their advice letter before their employer sees it. */
export function EmployeeLetter() {
  return (
    <EmployeeLink
      what="letter"
      check={api.letterReview}
      title="Check your advice letter"
      intro={(token, employer) => (
        <>
          <p class="govuk-body">
            You asked to see the occupational health advice letter before {employer || 'your employer'} does. Read it,
            then tell us whether it is factually accurate. If you do not answer, it is released to your employer at the
            end of the review period.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={api.employeeLetterHref(token)} download="">
              Read your advice letter (PDF)
            </a>
          </p>
        </>
      )}
      id="response"
      legend="Is the letter factually accurate?"
      options={OPTIONS}
      missing="Choose whether the letter is factually accurate"
      send={api.answerLetter}
      done={(response) => (
        <Page
          title={
            response === 'accurate'
              ? 'Thank you: your letter has been released'
              : 'Thank you: the clinician will contact you'
          }
        >
          <p class="govuk-body">
            {response === 'accurate'
              ? 'Your employer can now read the advice letter.'
              : 'Your letter has not been released. The clinician will talk to you about the correction before it is.'}
          </p>
        </Page>
      )}
    />
  );
}
