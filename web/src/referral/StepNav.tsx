import { For } from 'solid-js';
import type { StepDefinition } from '../../../domain/forms.ts';

/** The form's steps; any step can be opened, the current one is marked. */
export function StepNav(props: { steps: readonly StepDefinition[]; current: string; onSelect: (key: string) => void }) {
  return (
    <nav aria-label="Referral steps">
      <ol class="app-step-nav">
        <For each={props.steps}>
          {(step) => {
            const current = () => step.key === props.current;
            return (
              <li class={`app-step-nav__item${current() ? ' app-step-nav__item--current' : ''}`}>
                <a
                  class="govuk-link govuk-link--no-visited-state"
                  href={`?step=${encodeURIComponent(step.key)}`}
                  aria-current={current() ? 'step' : undefined}
                  on:click={(event) => {
                    event.preventDefault();
                    props.onSelect(step.key);
                  }}
                >
                  {step.title}
                </a>
              </li>
            );
          }}
        </For>
      </ol>
    </nav>
  );
}
