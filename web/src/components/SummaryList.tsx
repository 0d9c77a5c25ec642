import { For, Show, type JSX } from 'solid-js';

/** A row's action ("Change"): its hidden text says what it changes, for link lists. */
type SummaryAction = { label: string; hidden: string; href: string; onClick?: () => void };
export type SummaryRow = { key: string; value: JSX.Element; action?: SummaryAction };

export function SummaryList(props: { rows: readonly SummaryRow[] }) {
  const withActions = () => props.rows.some((row) => row.action);
  return (
    <dl class="govuk-summary-list">
      <For each={props.rows}>
        {(row) => (
          <div
            class={`govuk-summary-list__row${withActions() && !row.action ? ' govuk-summary-list__row--no-actions' : ''}`}
          >
            <dt class="govuk-summary-list__key">{row.key}</dt>
            <dd class="govuk-summary-list__value">{row.value}</dd>
            <Show when={row.action}>
              {(action) => (
                <dd class="govuk-summary-list__actions">
                  <a
                    class="govuk-link"
                    href={action().href}
                    on:click={(event) => {
                      if (!action().onClick) return;
                      event.preventDefault();
                      action().onClick!();
                    }}
                  >
                    {action().label}
                    <span class="govuk-visually-hidden"> {action().hidden}</span>
                  </a>
                </dd>
              )}
            </Show>
          </div>
        )}
      </For>
    </dl>
  );
}
