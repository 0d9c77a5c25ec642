import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { QUESTIONNAIRE_OUTCOMES } from '../../../domain/questionnaire-statuses.ts';
import { isAsked } from '../../../domain/questionnaires.ts';
import { api, type QuestionnaireOutcome, type QuestionnaireRow } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Button, Radios, TextArea } from '../components/fields.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { formatAnswer, formatDate } from '../format.ts';
import { createFormErrors, createSubmitter } from '../forms.ts';
import { createQueuePage } from '../referral/queue-page.ts';

const COLUMNS: Column<QuestionnaireRow>[] = [
  { heading: 'Updated', cell: (row) => formatDate(row.updatedAt, 'short') },
  { heading: 'Organisation', cell: (row) => row.organisation },
  { heading: 'Questionnaire', cell: (row) => row.type },
  { heading: 'Employee', cell: (row) => row.employee },
  { heading: 'Reference', cell: (row) => row.reference },
  { heading: 'Status', cell: (row) => row.statusLabel },
  {
    heading: 'Review',
    cell: (row) => (
      <a class="govuk-link" href={`/questionnaire-review/${row.id}`}>
        Open<span class="govuk-visually-hidden"> questionnaire for {row.employee}</span>
      </a>
    ),
  },
];

/** The clinician console's questionnaires awaiting review. */
export function QuestionnaireReviewQueue() {
  const queue = createQueuePage(api.reviewQueue);
  return (
    <Page title="Questionnaire Review">
      <p class="govuk-body">Health questionnaires the employee has submitted, waiting for a clinician.</p>
      <Async resource={queue.page}>
        {(page) => (
          <>
            <DataTable
              caption="Questionnaires awaiting clinical review"
              columns={COLUMNS}
              rows={page().rows}
              empty="There are no questionnaires waiting for review."
            />
            <Pagination firstHref={queue.firstHref()} nextHref={queue.nextHref()} />
          </>
        )}
      </Async>
    </Page>
  );
}

type Decision = 'accept' | 'return' | 'appointment' | 'refer';
const DECISIONS: { value: Decision; label: string; hint?: string }[] = [
  { value: 'accept', label: 'Accept with an outcome' },
  { value: 'return', label: 'Return to the employee with a question', hint: 'They answer through a new link.' },
  { value: 'appointment', label: 'Require an appointment before the outcome' },
  {
    value: 'refer',
    label: 'Refer for a full assessment',
    hint: 'A Management Referral is drafted for the requester, pre-filled with the employee’s details.',
  },
];
const OUTCOMES = Object.entries(QUESTIONNAIRE_OUTCOMES).map(([value, o]) => ({
  value: value as QuestionnaireOutcome,
  label: o,
}));

/** A clinician's review: the answers (every read audited) and the decision. */
export function QuestionnaireReview() {
  const params = useParams();
  const [detail, { refetch }] = createResource(() => params.id, api.questionnaire);
  const [answers] = createResource(() => params.id, api.questionnaireAnswers);
  const [decision, setDecision] = createSignal('');
  const [outcomeKey, setOutcomeKey] = createSignal('');
  const [question, setQuestion] = createSignal('');
  const errors = createFormErrors({ order: ['decision', 'outcome', 'question'] });
  const [done, setDone] = createSignal<Outcome>();
  const submitter = createSubmitter();

  const submit = (id: string) => (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    if (!decision()) return errors.set([{ target: 'decision', text: 'Select your decision' }]);
    if (decision() === 'accept' && !outcomeKey())
      return errors.set([{ target: 'outcome', text: 'Select the outcome' }]);
    if (decision() === 'return' && !question().trim())
      return errors.set([{ target: 'question', text: 'Enter the question for the employee' }]);
    void submitter.run(async () => {
      try {
        if (decision() === 'accept') {
          const accepted = await api.acceptQuestionnaire(id, outcomeKey() as QuestionnaireOutcome);
          setDone({ heading: `Outcome recorded: ${accepted.outcomeLabel}`, detail: 'The requester has been told.' });
        } else if (decision() === 'return') {
          await api.returnQuestionnaire(id, question().trim());
          setDone({ heading: 'Returned to the employee', detail: 'They have been emailed a new link.' });
        } else if (decision() === 'appointment') {
          await api.requireAppointment(id);
          setDone({ heading: 'An appointment is required' });
        } else {
          await api.referQuestionnaire(id);
          setDone({ heading: 'Referred for a full assessment', detail: 'The requester has a referral to complete.' });
        }
        errors.clear();
        await refetch();
      } catch (error) {
        errors.show(error);
      }
    });
  };

  return (
    <Narrow>
      <BackLink href="/questionnaire-review">Back to Questionnaire Review</BackLink>
      <Async resource={detail}>
        {(q) => (
          <Page
            title={`Review: ${q().type} for ${q().employee}`}
            caption={q().reference}
            error={errors.errors().length > 0}
            notice={<FormNotice errors={errors.errors()} outcome={done()} />}
          >
            <p class="govuk-body">
              <strong class="govuk-tag govuk-tag--blue app-status-tag">{q().statusLabel}</strong>
            </p>
            <SummaryList
              rows={[
                { key: 'Employee', value: q().employee },
                { key: 'Job title', value: q().jobTitle },
                { key: 'Organisation', value: q().organisation },
                { key: 'Submitted', value: formatDate(q().submittedAt) },
                ...(q().outcomeLabel ? [{ key: 'Outcome', value: q().outcomeLabel! }] : []),
              ]}
            />
            <h2 class="govuk-heading-m">Answers</h2>
            <Async resource={answers}>
              {(a) => (
                <>
                  <For each={a().definition.pages}>
                    {(page) => (
                      <>
                        <h3 class="govuk-heading-s">{page.title}</h3>
                        <SummaryList
                          rows={page.questions
                            .filter((field) => isAsked(field, a().answers))
                            .map((field) => ({
                              key: field.label,
                              value: <span class="app-multiline">{formatAnswer(field, a().answers[field.name])}</span>,
                            }))}
                        />
                      </>
                    )}
                  </For>
                  <For each={a().returns}>
                    {(r) => (
                      <SummaryList
                        rows={[
                          { key: `Question asked ${formatDate(r.askedAt)}`, value: r.question },
                          { key: 'Answer', value: r.answer ?? 'Not answered yet' },
                        ]}
                      />
                    )}
                  </For>
                </>
              )}
            </Async>
            <Show when={q().allowed.accept || q().allowed.returnToEmployee || q().allowed.refer}>
              <form novalidate onSubmit={submit(q().id)}>
                <Radios
                  id="decision"
                  label="Your decision"
                  legendClass="govuk-fieldset__legend--m"
                  options={DECISIONS.filter(
                    (d) =>
                      (d.value === 'accept' && q().allowed.accept) ||
                      (d.value === 'return' && q().allowed.returnToEmployee) ||
                      (d.value === 'appointment' && q().allowed.requireAppointment) ||
                      (d.value === 'refer' && q().allowed.refer),
                  )}
                  value={decision()}
                  error={errors.field('decision')}
                  onInput={setDecision}
                />
                <Show when={decision() === 'accept'}>
                  <Radios
                    id="outcome"
                    label="Outcome"
                    options={OUTCOMES}
                    value={outcomeKey()}
                    error={errors.field('outcome')}
                    onInput={setOutcomeKey}
                  />
                </Show>
                <Show when={decision() === 'return'}>
                  <TextArea
                    id="question"
                    label="Question for the employee"
                    value={question()}
                    error={errors.field('question')}
                    onInput={setQuestion}
                  />
                </Show>
                <Button unavailable={submitter.busy()}>Record decision</Button>
              </form>
            </Show>
          </Page>
        )}
      </Async>
    </Narrow>
  );
}
