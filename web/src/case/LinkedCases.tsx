import { createResource } from 'solid-js';
import { api, type Referral } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDate } from '../format.ts';

const LINKS = {
  earlier_referral: 'Earlier referral (re-referred from it)',
  later_referral: 'Later referral (re-referred from this case)',
  same_employee: 'Same employee',
} as const;

/** Earlier and later referrals of the same employee, only those this user may see (the server decides). */
export function LinkedCases(props: { referral: Referral }) {
  const [cases] = createResource(() => props.referral.id, api.linkedCases);
  return (
    <DataTable
      caption="Linked cases"
      empty={
        cases.loading ? 'Loading linked cases…' : 'There are no other referrals of this employee that you can see.'
      }
      rows={cases.latest ?? []}
      columns={[
        {
          heading: 'Case',
          cell: (c) => (
            <a class="govuk-link" href={`/cases/${c.id}`}>
              {c.caseNumber ?? 'Not yet accepted'}
              <span class="govuk-visually-hidden"> ({c.caseType})</span>
            </a>
          ),
        },
        { heading: 'Case type', cell: (c) => c.caseType },
        { heading: 'Submitted', cell: (c) => (c.submittedAt ? formatDate(c.submittedAt, 'short') : 'Not submitted') },
        { heading: 'Status', cell: (c) => c.statusLabel },
        { heading: 'Link', cell: (c) => LINKS[c.link] },
      ]}
    />
  );
}
