import { createEffect, For, Show } from 'solid-js';

export type ErrorItem = {
  text: string;
  /** The id of the field to focus. */
  target?: string;
  /** Where the question is when it is on another page (check answers' errors link back to the form). */
  href?: string;
};

type ErrorSummaryProps = {
  errors: readonly ErrorItem[];
  /** Called before focusing a field, e.g. to show the form step that holds it. */
  onSelect?: (target: string) => void;
};

/** GOV.UK error summary: takes focus whenever a new list of errors arrives. */
export function ErrorSummary(props: ErrorSummaryProps) {
  let summary: HTMLDivElement | undefined;
  createEffect(() => {
    if (props.errors.length > 0) summary?.focus();
  });
  const select = (event: MouseEvent, target: string) => {
    event.preventDefault();
    props.onSelect?.(target);
    // After the step holding the field has rendered.
    requestAnimationFrame(() => focusField(target));
  };
  return (
    <Show when={props.errors.length > 0}>
      <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" ref={summary}>
        <div role="alert">
          <h2 class="govuk-error-summary__title">There is a problem</h2>
          <div class="govuk-error-summary__body">
            <ul class="govuk-list govuk-error-summary__list">
              <For each={props.errors}>
                {(error) => (
                  <li>
                    <Show when={!error.href} fallback={<a href={error.href}>{error.text}</a>}>
                      <Show when={error.target} fallback={error.text}>
                        {(target) => (
                          <a href={`#${target()}`} on:click={(e) => select(e, target())}>
                            {error.text}
                          </a>
                        )}
                      </Show>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </div>
      </div>
    </Show>
  );
}

const CONTROLS = 'input:not([type="hidden"]), select, textarea, button';

/**
 * Focuses a field and brings its question (legend or label) into view. A target
 * that is not a control itself (a widget's wrapper) stands for its first control.
 */
export function focusField(id: string) {
  const target = document.getElementById(id);
  const field = target?.matches(CONTROLS) ? target : target?.querySelector<HTMLElement>(CONTROLS);
  if (!field) return;
  const question =
    field.closest('fieldset')?.querySelector('legend') ??
    document.querySelector(`label[for="${CSS.escape(field.id)}"]`) ??
    field;
  question.scrollIntoView();
  field.focus({ preventScroll: true });
}
