import { Show, type Accessor, type JSX, type Resource } from 'solid-js';
import { referenceOf } from '../../../domain/ids.ts';
import type { Referral } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { formatDate } from '../format.ts';

const employeeOf = (r: Referral) =>
  [r.formData.employeeFirstName, r.formData.employeeSurname].filter((s) => s?.trim()).join(' ') ||
  'Employee not named yet';

/** A case's heading: its number once accepted, else who it is about. */
const caseHeading = (r: Referral) => (r.caseNumber ? `Case ${r.caseNumber}` : `Referral for ${employeeOf(r)}`);

/** The facts of a case or referral, status explained in plain English. */
function CaseSummary(props: { referral: Referral }) {
  const r = () => props.referral;
  return (
    <SummaryList
      rows={[
        // Until it has a case number a referral goes by the reference its emails give.
        ...(r().caseNumber ? [] : [{ key: 'Reference', value: referenceOf(r().id) }]),
        { key: 'Case number', value: r().caseNumber ?? 'Given when the referral is accepted' },
        {
          key: 'Status',
          value: (
            <>
              <strong class="govuk-tag govuk-tag--blue app-status-tag">{r().statusLabel}</strong>
              <p class="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-1">{r().statusExplanation}</p>
              <a class="govuk-link govuk-body-s" href="/help/statuses">
                What the statuses mean
              </a>
            </>
          ),
        },
        { key: 'Case type', value: r().formName },
        { key: 'Employee name', value: r().employee.name ?? employeeOf(r()) },
        { key: 'Position', value: r().employee.position ?? 'Not provided' },
        { key: 'Address', value: <span class="app-multiline">{r().employee.address ?? 'Not provided'}</span> },
        {
          key: 'Date of birth',
          value: (
            <Show when={r().employee.dateOfBirth} fallback="Not provided">
              {(dob) => formatDate(dob())}
            </Show>
          ),
        },
        {
          key: 'Date submitted',
          value: (
            <Show when={r().submittedAt} fallback="Not submitted">
              {(at) => formatDate(at())}
            </Show>
          ),
        },
        {
          key: 'Owner',
          value: r().owner,
          ...(r().allowed.reassign
            ? { action: { label: 'Reassign Case', hidden: `from ${r().owner}`, href: `/cases/${r().id}/reassign` } }
            : {}),
        },
      ]}
    />
  );
}

/**
 * A page about one referral: its heading and facts, then what the page adds,
 * in a column of reading width; below, `wide` has the page's full width (for tables).
 */
export function CasePage(props: {
  referral: Resource<Referral>;
  caption: (r: Referral) => string;
  error?: boolean;
  notice?: JSX.Element;
  children: (r: Accessor<Referral>) => JSX.Element;
  wide?: (r: Accessor<Referral>) => JSX.Element;
}) {
  return (
    <Async resource={props.referral}>
      {(r) => (
        <>
          <Narrow>
            <Page title={caseHeading(r())} caption={props.caption(r())} error={props.error} notice={props.notice}>
              <CaseSummary referral={r()} />
              {props.children(r)}
            </Page>
          </Narrow>
          {props.wide?.(r)}
        </>
      )}
    </Async>
  );
}
