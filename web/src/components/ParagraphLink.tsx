import type { JSX } from 'solid-js';

/** A link on a line of its own: where to go next ("Sign in", "Back to sign in"). */
export function ParagraphLink(props: { href: string; children: JSX.Element }) {
  return (
    <p class="govuk-body">
      <a class="govuk-link" href={props.href}>
        {props.children}
      </a>
    </p>
  );
}
