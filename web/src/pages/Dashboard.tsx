import { For, Show } from 'solid-js';
import { Page } from '../components/Page.tsx';
import { useSession } from '../session.tsx';

const DESCRIPTIONS: Record<string, string> = {
  'make-referral': 'Refer an employee to occupational health.',
  'track-referrals': 'Follow your open and closed cases, and referrals waiting for triage.',
  'saved-referrals': 'Continue a referral you saved for later, or see referrals that were rejected.',
  'approval-queue': 'Approve or reject referrals from people you manage.',
  'request-questionnaire': 'Send a health questionnaire to an employee.',
  'track-questionnaires': 'Follow the questionnaires you have requested.',
  triage: 'Accept or reject referrals waiting for a clinician.',
  'management-information': 'Reports on the referrals and cases you may see.',
  'user-admin': "Manage your organisation's users, locked accounts and shares.",
  'my-account': 'Your details, password, two-factor authentication and organisations.',
};

export function Dashboard() {
  const session = useSession();
  return (
    <Page title="Home" heading={`Welcome, ${session.user.firstName}`}>
      <p class="govuk-body-l">What would you like to do?</p>
      <Show
        when={session.navigation.length > 0}
        fallback={
          <p class="govuk-body">There is nothing you can do in Casebook yet. Contact your organisation's user admin.</p>
        }
      >
        <ul class="govuk-list">
          <For each={session.navigation}>
            {(item) => (
              <li class="govuk-!-margin-bottom-4">
                <h2 class="govuk-heading-s govuk-!-margin-bottom-1">
                  <a class="govuk-link" href={item.path}>
                    {item.label}
                  </a>
                </h2>
                <p class="govuk-body govuk-!-margin-bottom-0">{DESCRIPTIONS[item.key] ?? ''}</p>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </Page>
  );
}
