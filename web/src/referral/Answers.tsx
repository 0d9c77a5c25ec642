import { For } from 'solid-js';
import type { FormData, FormDefinition } from '../../../domain/forms.ts';
import { SummaryList } from '../components/SummaryList.tsx';
import { formatAnswer } from '../format.ts';

/** A referral's answers, grouped by the step they were asked in. */
export function Answers(props: { definition: FormDefinition; data: FormData }) {
  return (
    <For each={props.definition.steps.filter((step) => step.fields.length > 0)}>
      {(step) => (
        <>
          <h3 class="govuk-heading-s">{step.title}</h3>
          <SummaryList
            rows={step.fields.map((field) => ({
              key: field.label,
              value: <span class="app-multiline">{formatAnswer(field, props.data[field.name])}</span>,
            }))}
          />
        </>
      )}
    </For>
  );
}
