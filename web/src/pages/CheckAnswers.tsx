import { useNavigate, useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { formatSize } from '../../../domain/documents.ts';
import {
  isDocumentsStep,
  validateField,
  validateForm,
  type FieldDefinition,
  type StepDefinition,
} from '../../../domain/forms.ts';
import { api, ApiError, type Referral, type SupportingDocument } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { ErrorSummary, type ErrorItem } from '../components/ErrorSummary.tsx';
import { Button } from '../components/fields.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { SummaryList, type SummaryRow } from '../components/SummaryList.tsx';
import { formatAnswer } from '../format.ts';
import { createSubmitter } from '../forms.ts';
import { referralPaths } from '../referral/paths.ts';
import { fieldTarget } from '../referral/ReferralField.tsx';

/**
 * GOV.UK's check answers page: every answer of a draft, step by step, each with a
 * Change link back to its question, and the one Submit button of the journey.
 */
export function CheckAnswers() {
  const params = useParams();
  const navigate = useNavigate();
  const [referral] = createResource(() => params.id, api.referral);
  // Only a draft is checked and submitted; anything sent is shown on its case page.
  createEffect(() => {
    const r = referral.state === 'ready' ? referral() : undefined;
    if (r && r.status !== 'draft') navigate(`/cases/${r.id}`, { replace: true });
  });
  return (
    <Async resource={referral}>
      {(r) => (
        <Show when={r().status === 'draft'}>
          <Review referral={r()} />
        </Show>
      )}
    </Async>
  );
}

function Review(props: { referral: Referral }) {
  const { id, definition, formData } = props.referral;
  const navigate = useNavigate();
  const [documents] = createResource(() => id, api.documents, { initialValue: [] });
  const [errors, setErrors] = createSignal<ErrorItem[]>([]);
  const submitter = createSubmitter();

  const fields = definition.steps.flatMap((step) => step.fields.map((field) => ({ step, field })));
  // A label asked in two steps ("Telephone") says which step its Change link is for.
  const repeated = new Set(fields.map((f) => f.field.label).filter((label, i, all) => all.indexOf(label) !== i));
  const changeHref = (step: StepDefinition, field?: FieldDefinition) =>
    referralPaths.change(id, step.key, field ? fieldTarget(field) : undefined);

  /** Errors in the order the form asks, each linking to its question. */
  const toErrors = (byField: Record<string, string>): ErrorItem[] =>
    fields
      .filter(({ field }) => byField[field.name])
      .map(({ step, field }) => ({ text: byField[field.name]!, href: changeHref(step, field) }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void submitter.run(async () => {
      const missing = toErrors(validateForm(definition, formData));
      if (missing.length > 0) return void setErrors(missing);
      try {
        await api.submitReferral(id);
        navigate(referralPaths.submitted(id));
      } catch (error) {
        const fieldErrors = error instanceof ApiError ? toErrors(error.fields) : [];
        setErrors(
          fieldErrors.length > 0
            ? fieldErrors
            : [{ text: error instanceof ApiError ? error.message : 'The referral could not be submitted. Try again.' }],
        );
      }
    });
  };

  const answerRow = (step: StepDefinition, field: FieldDefinition): SummaryRow => {
    const href = changeHref(step, field);
    const value = formData[field.name];
    // A required question left unanswered links to itself, as GOV.UK's summary list does for missing information.
    if (field.required && !value?.trim()) {
      return {
        key: field.label,
        value: (
          <a class="govuk-link" href={href}>
            {validateField(field, value)}
          </a>
        ),
      };
    }
    return {
      key: field.label,
      value: <span class="app-multiline">{formatAnswer(field, value)}</span>,
      action: {
        label: 'Change',
        hidden: repeated.has(field.label) ? `${field.label} (${step.title})` : field.label,
        href,
      },
    };
  };

  return (
    <Narrow>
      <Page
        title="Check your answers before submitting your referral"
        caption={definition.name}
        error={errors().length > 0}
        notice={<ErrorSummary errors={errors()} />}
      >
        <For each={definition.steps}>
          {(step) => (
            <>
              <h2 class="govuk-heading-m">{step.title}</h2>
              <Show
                when={isDocumentsStep(step) && step.fields.length === 0}
                fallback={<SummaryList rows={step.fields.map((field) => answerRow(step, field))} />}
              >
                <SummaryList rows={documentRows(step, documents(), changeHref(step))} />
              </Show>
            </>
          )}
        </For>
        <h2 class="govuk-heading-m">Now submit your referral</h2>
        <p class="govuk-body">
          Once submitted, the referral can no longer be changed. We will email you a confirmation with its reference.
        </p>
        <form novalidate onSubmit={submit}>
          <Button>Submit referral</Button>
        </form>
      </Page>
    </Narrow>
  );
}

/** The documents step: each slot and its file, or the files added; optional, so nothing is missing. */
function documentRows(step: StepDefinition, documents: readonly SupportingDocument[], href: string): SummaryRow[] {
  const describe = (doc: SupportingDocument) => `${doc.filename} (${formatSize(doc.size)})`;
  if (step.documentSlots?.length) {
    return step.documentSlots.map((slot) => {
      const doc = documents.find((d) => d.slot === slot.key);
      return {
        key: slot.label,
        value: doc ? describe(doc) : 'None added',
        action: { label: 'Change', hidden: slot.label, href },
      };
    });
  }
  return [
    {
      key: 'Documents',
      value:
        documents.length > 0 ? (
          <ul class="govuk-list">
            <For each={documents}>{(doc) => <li>{describe(doc)}</li>}</For>
          </ul>
        ) : (
          'None added'
        ),
      action: { label: 'Change', hidden: 'documents', href },
    },
  ];
}
