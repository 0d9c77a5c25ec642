import { For, type JSX } from 'solid-js';

export type SummaryRow = { key: string; value: JSX.Element };

export function SummaryList(props: { rows: readonly SummaryRow[] }) {
  return (
    <dl class="govuk-summary-list">
      <For each={props.rows}>
        {(row) => (
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{row.key}</dt>
            <dd class="govuk-summary-list__value">{row.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}
