import { Show } from 'solid-js';

const ARROWS = {
  next: 'm8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z',
  prev: 'm6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z',
} as const;

/** One of GOV.UK pagination's block links, with its arrow. */
function PageLink(props: { href: string; direction: 'prev' | 'next'; title: string }) {
  return (
    <div class={`govuk-pagination__${props.direction}`}>
      <a class="govuk-link govuk-pagination__link" href={props.href} rel={props.direction}>
        <svg
          class={`govuk-pagination__icon govuk-pagination__icon--${props.direction}`}
          xmlns="http://www.w3.org/2000/svg"
          height="13"
          width="15"
          aria-hidden="true"
          viewBox="0 0 15 13"
        >
          <path d={ARROWS[props.direction]} />
        </svg>
        <span class="govuk-pagination__link-title govuk-pagination__link-title--decorated">{props.title}</span>
      </a>
    </div>
  );
}

/** Keyset pagination: a way forward, and back (to the start, or to the page before when the list keeps its trail). */
export function Pagination(props: {
  firstHref?: string | undefined;
  prevHref?: string | undefined;
  nextHref?: string | undefined;
}) {
  return (
    <Show when={props.firstHref || props.prevHref || props.nextHref}>
      <nav class="govuk-pagination govuk-pagination--block" aria-label="Pagination">
        <Show when={props.prevHref}>{(href) => <PageLink href={href()} direction="prev" title="Previous page" />}</Show>
        <Show when={props.prevHref ? undefined : props.firstHref}>
          {(href) => <PageLink href={href()} direction="prev" title="First page" />}
        </Show>
        <Show when={props.nextHref}>{(href) => <PageLink href={href()} direction="next" title="Next page" />}</Show>
      </nav>
    </Show>
  );
}
