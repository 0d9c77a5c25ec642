import { useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, on, Show } from 'solid-js';
import {
  hasCertificate,
  QUESTIONNAIRE_OUTCOMES,
  QUESTIONNAIRE_STATUSES,
  type QuestionnaireStatus,
  questionnaireStatusesInTab,
} from '../../../domain/questionnaire-statuses.ts';
import {
  api,
  type QuestionnaireDetail,
  type QuestionnaireQuery,
  type QuestionnaireRow,
  type QuestionnaireSort,
  type QuestionnaireTab,
} from '../api.ts';
import { Async } from '../components/Async.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { type Column as TableColumn, type FilterOption, filteredColumn } from '../components/DataTable.tsx';
import { ExportWorkbook } from '../components/ExportWorkbook.tsx';
import { Button, EMAIL_INPUT, TextInput } from '../components/fields.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { formatDate, formatTime } from '../format.ts';
import { createFormErrors, createSubmitter } from '../forms.ts';
import { ListTable, ListView } from '../components/ListView.tsx';
import { createSortedListing } from '../sorted-listing.ts';
import { SearchForm } from './CaseLists.tsx';

const TABS: { key: QuestionnaireTab; label: string }[] = [
  { key: 'pending', label: 'Pending Employee Completion' },
  { key: 'review', label: 'Awaiting Clinical Review' },
  { key: 'completed', label: 'Completed' },
];

/** The per-column filters the list API takes, named as its columns. */
const FILTER_KEYS = ['employee', 'jobTitle', 'type', 'owner', 'status', 'outcome'] as const;

type Column = TableColumn<QuestionnaireRow>;

const open = (row: QuestionnaireRow, text: string) => (
  <a class="govuk-link" href={`/questionnaires/${row.id}`}>
    {text}
    <span class="govuk-visually-hidden"> questionnaire for {row.employee}</span>
  </a>
);

const text = (
  heading: string,
  key: QuestionnaireSort & (typeof FILTER_KEYS)[number],
  cell: (r: QuestionnaireRow) => string,
): Column => filteredColumn(heading, key, cell);

/** The choices of the select filters, as the tab has them. */
type Choices = { statuses: readonly FilterOption[]; types?: readonly FilterOption[] | undefined };

const statusChoices = (tab: QuestionnaireTab): FilterOption[] =>
  questionnaireStatusesInTab(tab).map((key) => ({ value: key, label: QUESTIONNAIRE_STATUSES[key].label }));
const OUTCOME_CHOICES: FilterOption[] = Object.entries(QUESTIONNAIRE_OUTCOMES).map(([value, label]) => ({
  value,
  label,
}));

/** Each tab's columns: every one sortable and filterable but the reference and the row's links. */
function columnsOf(tab: QuestionnaireTab, choices: Choices): Column[] {
  const common: Column[] = [
    { heading: 'Reference', cell: (row) => open(row, row.reference) },
    text('Employee', 'employee', (row) => row.employee),
    text('Job Title', 'jobTitle', (row) => row.jobTitle),
    filteredColumn('Questionnaire', 'type', (row) => row.type, choices.types),
    text('Requested By', 'owner', (row) => row.owner),
    { heading: 'Sent', cell: (row) => formatDate(row.sentAt, 'short'), sort: 'sentAt' },
    filteredColumn('Status', 'status', (row) => row.statusLabel, choices.statuses),
  ];
  if (tab === 'pending')
    return [
      ...common,
      {
        heading: 'Resend',
        cell: (row) => (
          <a class="govuk-link" href={`/questionnaires/${row.id}#resend`}>
            Resend<span class="govuk-visually-hidden"> the questionnaire to {row.employee}</span>
          </a>
        ),
      },
    ];
  if (tab === 'review') return common;
  return [
    ...common,
    filteredColumn('Outcome', 'outcome', (row) => row.outcomeLabel ?? 'None', OUTCOME_CHOICES),
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
  ];
}

const EMPTY: Record<QuestionnaireTab, string> = {
  pending: 'questionnaires waiting for the employee',
  review: 'questionnaires awaiting clinical review',
  completed: 'completed questionnaires',
};

/**
 * Track Questionnaires: the questionnaires the user may see, on Track Referrals' list
 * machinery (tabs, sortable and filterable columns, search, Filter by User, keyset pages,
 * the whole view in the address, Export to Excel).
 */
export function TrackQuestionnaires() {
  const listing = createSortedListing({
    tabs: TABS,
    filterKeys: FILTER_KEYS,
    // A status or outcome the catalogue does not know (an old bookmark) filters nothing rather than failing.
    accepts: (key, value) =>
      key === 'status' ? value in QUESTIONNAIRE_STATUSES : key === 'outcome' ? value in QUESTIONNAIRE_OUTCOMES : true,
    fetchPage: (query) => api.listQuestionnaires(query as QuestionnaireQuery),
  });
  // Filter by User and the type filter's choices are conveniences: without them the list still works.
  const [owners] = createResource(() => api.questionnaireOwners().catch(() => []));
  const [types] = createResource(() => api.questionnaireTypes().catch(() => undefined));
  const label = () => TABS.find((t) => t.key === listing.tab())!.label;
  const filtered = () => Object.keys(listing.filters()).length > 0 || listing.user() !== '';
  const empty = () =>
    listing.search()
      ? `No ${EMPTY[listing.tab()]} match “${listing.search()}”${filtered() ? ' and the filters' : ''}.`
      : filtered()
        ? `No ${EMPTY[listing.tab()]} match the filters.`
        : `There are no ${EMPTY[listing.tab()]}.`;
  // Rebuilt only when what they show changes, so sorting keeps focus on the header's button.
  const shape = createMemo(() => `${listing.tab()}|${types.latest ? 'types' : ''}`);
  const columns = createMemo(
    on(shape, () =>
      columnsOf(listing.tab(), {
        statuses: statusChoices(listing.tab()),
        types: types.latest?.map((t) => ({ value: t.key, label: t.name })),
      }),
    ),
  );
  return (
    <Page title="Track Questionnaires">
      <SearchForm
        value={listing.search()}
        onSearch={listing.setSearch}
        label="Search Questionnaires"
        hint="Surname, forename or reference, in the tab shown"
      />
      <ExportWorkbook
        heading="Export Questionnaires"
        hint="An Excel workbook of the questionnaires you may see, a sheet for each tab, with the filters below."
        download={(onProgress) => {
          const { tab: _tab, ...view } = listing.query() as QuestionnaireQuery;
          return api.exportQuestionnaires(view, onProgress);
        }}
      />
      <Tabs label="Questionnaires" tabs={TABS} selected={listing.tab()} onSelect={listing.selectTab}>
        <ListView listing={listing} owners={owners.latest ?? []}>
          {(filters) => (
            <ListTable
              listing={listing}
              page={listing.page}
              caption={label()}
              columns={columns()}
              empty={empty()}
              filters={filters}
            />
          )}
        </ListView>
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
