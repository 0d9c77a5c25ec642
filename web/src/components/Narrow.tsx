import type { JSX } from 'solid-js';

/** GOV.UK's two-thirds column: a comfortable line length for reading and forms. */
export function Narrow(props: { children: JSX.Element }) {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">{props.children}</div>
    </div>
  );
}
