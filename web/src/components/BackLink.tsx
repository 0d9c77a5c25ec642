import type { JSX } from 'solid-js';

/** GOV.UK back link: to the page this one belongs to. */
export function BackLink(props: { href: string; children: JSX.Element; onClick?: (event: MouseEvent) => void }) {
  return (
    <a class="govuk-back-link app-back-link" href={props.href} on:click={(event) => props.onClick?.(event)}>
      {props.children}
    </a>
  );
}
