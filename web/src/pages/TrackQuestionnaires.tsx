import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import {
  hasCertificate,
  QUESTIONNAIRE_STATUSES,
  type QuestionnaireStatus,
} from '../../../domain/questionnaire-statuses.ts';
import { api, type QuestionnaireDetail, type QuestionnaireRow, type QuestionnaireTab } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Button, EMAIL_INPUT, TextInput } from '../components/fields.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { formatDate, formatTime } from '../format.ts';
import { createFormErrors, createSubmitter } from '../forms.ts';
import { createListing } from '../referral/listing.ts';
import { SearchForm } from './CaseLists.tsx';

const TABS: { key: QuestionnaireTab; label: string }[] = [
  { key: 'pending', label: 'Pending Employee Completion' },
  { key: 'review', label: 'Awaiting Clinical Review' },
  { key: 'completed', label: 'Completed' },
];

const open = (row: QuestionnaireRow, text: string) => (
  <a class="govuk-link" href={`/questionnaires/${row.id}`}>
    {text}
    <span class="govuk-visually-hidden"> questionnaire for {row.employee}</span>
  </a>
);

const COMMON: Column<QuestionnaireRow>[] = [
  { heading: 'Reference', cell: (row) => open(row, row.reference) },
  { heading: 'Employee', cell: (row) => row.employee },
  { heading: 'Job Title', cell: (row) => row.jobTitle },
  { heading: 'Questionnaire', cell: (row) => row.type },
  { heading: 'Requested By', cell: (row) => row.owner },
  { heading: 'Sent', cell: (row) => formatDate(row.sentAt, 'short') },
];

const COLUMNS: Record<QuestionnaireTab, Column<QuestionnaireRow>[]> = {
  pending: [
    ...COMMON,
    { heading: 'Status', cell: (row) => row.statusLabel },
    {
      heading: 'Resend',
      cell: (row) => (
        <a class="govuk-link" href={`/questionnaires/${row.id}#resend`}>
          Resend<span class="govuk-visually-hidden"> the questionnaire to {row.employee}</span>
        </a>
      ),
    },
  ],
  review: [...COMMON, { heading: 'Status', cell: (row) => row.statusLabel }],
  completed: [
    ...COMMON,
    { heading: 'Outcome', cell: (row) => row.outcomeLabel ?? row.statusLabel },
    {
      heading: 'Certificate',
      cell: (row) =>
        hasCertificate(row.outcome) ? (
          <a class="govuk-link" href={api.certificateHref(row.id)} download="">
            Download<span class="govuk-visually-hidden"> the certificate for {row.employee}</span>
          </a>
        ) : (
          'None'
        ),
    },
  ],
};

const EMPTY: Record<QuestionnaireTab, string> = {
  pending: 'questionnaires waiting for the employee',
  review: 'questionnaires awaiting clinical review',
  completed: 'completed questionnaires',
};

/** Track Questionnaires: the same tabbed, searchable, paginated list as Track Referrals. */
export function TrackQuestionnaires() {
  const listing = createListing(TABS, api.listQuestionnaires);
  const label = () => TABS.find((t) => t.key === listing.tab())!.label;
  const empty = () =>
    listing.search()
      ? `No ${EMPTY[listing.tab()]} match “${listing.search()}”.`
      : `There are no ${EMPTY[listing.tab()]}.`;
  return (
    <Page title="Track Questionnaires">
      <SearchForm value={listing.search()} onSearch={listing.setSearch} />
      <Tabs label="Questionnaires" tabs={TABS} selected={listing.tab()} onSelect={listing.selectTab}>
        <Async resource={listing.page}>
          {(page) => (
            <>
              <DataTable caption={label()} columns={COLUMNS[listing.tab()]} rows={page().rows} empty={empty()} />
              <Pagination firstHref={listing.firstHref()} nextHref={listing.nextHref()} />
            </>
          )}
        </Async>
      </Tabs>
    </Page>
  );
}

const EVENTS: Record<string, string> = {
  sent: 'Questionnaire emailed to the employee',
  resent: 'Questionnaire sent again',
  returned: 'Returned to the employee with a question',
  reminded: 'Reminder emailed to the employee',
};

function eventText(event: QuestionnaireDetail['events'][number]): string {
  if (event.type === 'status' && event.status)
    return QUESTIONNAIRE_STATUSES[event.status as QuestionnaireStatus]?.label ?? event.status;
  if (event.type.startsWith('appointment-')) return `Appointment ${event.type.slice('appointment-'.length)}`;
  return EVENTS[event.type] ?? event.type;
}

/**
 * One questionnaire's activity and progress to date, for everyone who may see it; never the
 * answers (a clinician reads those on the review page).
 */
export function QuestionnaireCase() {
  const params = useParams();
  const [detail, { refetch }] = createResource(() => params.id, api.questionnaire);
  const errors = createFormErrors({ order: ['employeeEmail'] });
  const [outcome, setOutcome] = createSignal<Outcome>();
  const [email, setEmail] = createSignal('');
  const submitter = createSubmitter();

  const resend = (id: string) => (event: SubmitEvent) => {
    event.preventDefault();
    void submitter.run(async () => {
      try {
        await api.resendQuestionnaire(id, email().trim() || undefined);
        errors.clear();
        setOutcome({
          heading: 'The questionnaire has been sent again',
          detail: 'The earlier link no longer works.',
        });
        setEmail('');
        await refetch();
      } catch (error) {
        setOutcome(undefined);
        errors.show(error);
      }
    });
  };

  return (
    <Narrow>
      <BackLink href="/questionnaires">Back to Track Questionnaires</BackLink>
      <Async resource={detail}>
        {(q) => (
          <Page
            title={`${q().type} for ${q().employee}`}
            caption={q().reference}
            error={errors.errors().length > 0}
            notice={<FormNotice errors={errors.errors()} outcome={outcome()} />}
          >
            <p class="govuk-body">
              <strong class="govuk-tag govuk-tag--blue app-status-tag">{q().statusLabel}</strong>
            </p>
            <p class="govuk-body">{q().statusExplanation}</p>
            <SummaryList
              rows={[
                { key: 'Reference', value: q().reference },
                { key: 'Questionnaire', value: q().type },
                { key: 'Employee', value: q().employee },
                { key: 'Job title', value: q().jobTitle },
                { key: 'Employee’s email', value: q().employeeEmail },
                { key: 'Organisation', value: q().organisation },
                { key: 'Requested by', value: q().owner },
                { key: 'Sent', value: formatDate(q().sentAt) },
                ...(q().submittedAt ? [{ key: 'Submitted', value: formatDate(q().submittedAt) }] : []),
                ...(q().outcomeLabel ? [{ key: 'Outcome', value: q().outcomeLabel! }] : []),
              ]}
            />
            <Show when={q().certificate}>
              <p class="govuk-body">
                <a class="govuk-link" href={api.certificateHref(q().id)} download="">
                  Download the certificate (PDF)
                </a>
              </p>
            </Show>
            <Show when={q().referralId}>
              {(referralId) => <ParagraphLink href={`/cases/${referralId()}`}>View the referral</ParagraphLink>}
            </Show>
            <Show when={q().allowed.readAnswers}>
              <ParagraphLink href={`/questionnaire-review/${q().id}`}>Review this questionnaire</ParagraphLink>
            </Show>
            <Show when={q().allowed.resend}>
              <h2 class="govuk-heading-m" id="resend">
                Resend the questionnaire
              </h2>
              <p class="govuk-body">
                A new link is emailed and the earlier one stops working at once. The reminders start again.
              </p>
              <form novalidate onSubmit={resend(q().id)}>
                <TextInput
                  id="employeeEmail"
                  label="New email address (optional)"
                  hint={`Leave empty to send it to ${q().employeeEmail} again.`}
                  {...EMAIL_INPUT}
                  autocomplete="off"
                  value={email()}
                  error={errors.field('employeeEmail')}
                  onInput={setEmail}
                />
                <Button variant="secondary" unavailable={submitter.busy()}>
                  Resend questionnaire
                </Button>
              </form>
            </Show>
            <Show when={q().actions.length > 0}>
              <h2 class="govuk-heading-m">Appointments</h2>
              <SummaryList
                rows={q().actions.map((a) => ({
                  key: `${formatDate(a.scheduledAt)} ${formatTime(a.scheduledAt)}`,
                  value: [a.appointmentTypeLabel, a.statusLabel].filter(Boolean).join(', '),
                }))}
              />
            </Show>
            <h2 class="govuk-heading-m">Activity</h2>
            <ul class="govuk-list">
              <For each={q().events}>
                {(event) => (
                  <li>
                    {formatDate(event.at)} {formatTime(event.at)}: {eventText(event)}
                    {event.actor ? ` (${event.actor})` : ''}
                  </li>
                )}
              </For>
            </ul>
          </Page>
        )}
      </Async>
    </Narrow>
  );
}
