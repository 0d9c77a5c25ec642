import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { QUESTIONNAIRE_OUTCOMES } from '../../../domain/questionnaire-statuses.ts';
import { isAsked } from '../../../domain/questionnaires.ts';
import { api, type QuestionnaireOutcome, type QuestionnaireRow } from '../api.ts';
import { createActionRunner } from '../case/action-runner.ts';
import { Actions } from '../case/CaseActions.tsx';
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

/** A clinician's review: the answers (every read audited), the decision, then any appointment and the outcome. */
export function QuestionnaireReview() {
  const params = useParams();
  const [detail, { refetch }] = createResource(() => params.id, api.questionnaire);
  const [answers] = createResource(() => params.id, api.questionnaireAnswers);
  const [decision, setDecision] = createSignal('');
  const [outcomeKey, setOutcomeKey] = createSignal('');
  const [question, setQuestion] = createSignal('');
  // The decision and the appointments share one banner and one error summary, as a case page's actions do.
  const runner = createActionRunner(refetch);

  const submit = (id: string) => (event: SubmitEvent) => {
    event.preventDefault();
    if (!decision()) return runner.refuse('Select your decision', 'decision');
    if (decision() === 'accept' && !outcomeKey()) return runner.refuse('Select the outcome', 'outcome');
    if (decision() === 'return' && !question().trim())
      return runner.refuse('Enter the question for the employee', 'question');
    runner.run(async () => {
      const chosen = decision();
      // The form starts afresh for what the new status allows (an outcome after the appointment).
      const done = (outcome: Outcome) => {
        setDecision('');
        setOutcomeKey('');
        return outcome;
      };
      if (chosen === 'accept') {
        const accepted = await api.acceptQuestionnaire(id, outcomeKey() as QuestionnaireOutcome);
        return done({ heading: `Outcome recorded: ${accepted.outcomeLabel}`, detail: 'The requester has been told.' });
      }
      if (chosen === 'return') {
        await api.returnQuestionnaire(id, question().trim());
        return done({ heading: 'Returned to the employee', detail: 'They have been emailed a new link.' });
      }
      if (chosen === 'appointment') {
        await api.requireAppointment(id);
        return done({ heading: 'An appointment is required', detail: 'Book it below, then record the outcome.' });
      }
      await api.referQuestionnaire(id);
      return done({ heading: 'Referred for a full assessment', detail: 'The requester has a referral to complete.' });
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
            error={runner.errors.errors().length > 0}
            notice={<FormNotice errors={runner.errors.errors()} outcome={runner.outcome()} />}
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
            <Show when={q().allowed.changeAction || q().actions.length > 0}>
              <Actions
                runner={runner}
                of={{
                  actions: q().actions,
                  work: q().allowed.changeAction,
                  kinds: ['appointment'],
                  // A questionnaire's appointments have no kind to send, and no closure to suggest.
                  book: ({ kind: _appointment, ...booking }) =>
                    api.bookQuestionnaireAppointment(q().id, booking).then(() => undefined),
                  changeStatus: (actionId, status) =>
                    api.changeQuestionnaireAppointment(q().id, actionId, status).then(() => undefined),
                  rebook: (actionId, rebooking) =>
                    api.rebookQuestionnaireAppointment(q().id, actionId, rebooking).then(() => undefined),
                }}
              />
            </Show>
            <Show when={q().allowed.accept || q().allowed.returnToEmployee || q().allowed.refer}>
              <form novalidate onSubmit={submit(q().id)}>
                <Radios
                  id="decision"
                  label={q().allowed.changeAction ? 'After the appointment: your decision' : 'Your decision'}
                  legendClass="govuk-fieldset__legend--m"
                  options={DECISIONS.filter(
                    (d) =>
                      (d.value === 'accept' && q().allowed.accept) ||
                      (d.value === 'return' && q().allowed.returnToEmployee) ||
                      (d.value === 'appointment' && q().allowed.requireAppointment) ||
                      (d.value === 'refer' && q().allowed.refer),
                  )}
                  value={decision()}
                  error={runner.errors.field('decision')}
                  onInput={setDecision}
                />
                <Show when={decision() === 'accept'}>
                  <Radios
                    id="outcome"
                    label="Outcome"
                    options={OUTCOMES}
                    value={outcomeKey()}
                    error={runner.errors.field('outcome')}
                    onInput={setOutcomeKey}
                  />
                </Show>
                <Show when={decision() === 'return'}>
                  <TextArea
                    id="question"
                    label="Question for the employee"
                    value={question()}
                    error={runner.errors.field('question')}
                    onInput={setQuestion}
                  />
                </Show>
                <Button unavailable={runner.busy()}>Record decision</Button>
              </form>
            </Show>
          </Page>
        )}
      </Async>
    </Narrow>
  );
}
