import { createEffect, on, onMount, Show, type JSX } from 'solid-js';

let firstPageShown = false;

type PageProps = {
  /** The page's name in the browser tab: "<title> - Casebook". */
  title: string;
  /** The h1, when it says more than the title. */
  heading?: string;
  caption?: string;
  /** Prefixes the title with "Error: " while the page shows errors. */
  error?: boolean;
  /** Moves focus to the heading again whenever this changes (a new step, say). */
  focusKey?: unknown;
  /** A confirmation page's panel body ("Your reference ..."): the heading then stands in a green panel. */
  panel?: JSX.Element;
  /** Above the heading: an error summary or a notification banner. */
  notice?: JSX.Element;
  children?: JSX.Element;
};

/**
 * One page: sets document.title and holds its only h1. After an in-app
 * navigation focus moves to the h1, so screen reader users hear where they
 * are; on a fresh page load focus stays at the top, where the skip link is.
 */
export function Page(props: PageProps) {
  let heading!: HTMLHeadingElement;
  createEffect(() => {
    document.title = `${props.error ? 'Error: ' : ''}${props.title} - Casebook`;
  });
  onMount(() => {
    if (firstPageShown) heading.focus();
    firstPageShown = true;
  });
  createEffect(
    on(
      () => props.focusKey,
      () => heading.focus(),
      { defer: true },
    ),
  );
  return (
    <>
      {props.notice}
      <Show when={props.caption}>
        <span class="govuk-caption-l">{props.caption}</span>
      </Show>
      <Show
        when={props.panel}
        fallback={
          <h1 class="govuk-heading-l" tabindex="-1" ref={heading}>
            {props.heading ?? props.title}
          </h1>
        }
      >
        <div class="govuk-panel govuk-panel--confirmation">
          <h1 class="govuk-panel__title" tabindex="-1" ref={heading}>
            {props.heading ?? props.title}
          </h1>
          <div class="govuk-panel__body">{props.panel}</div>
        </div>
      </Show>
      {props.children}
    </>
  );
}
