import { For, Match, Switch } from 'solid-js';
import { STEP_STATUS_LABELS, type StepDefinition, type StepStatus } from '../../../domain/forms.ts';

type StepNavProps = {
  steps: readonly StepDefinition[];
  current: string;
  status: (step: StepDefinition) => StepStatus;
  /** Shown under a step's name ("Optional" under the documents). */
  hint?: (step: StepDefinition) => string | undefined;
  onSelect: (key: string) => void;
};

/**
 * The form's steps as a GOV.UK task list: each says whether it is completed,
 * incomplete or not started; any step can be opened, the current one is marked.
 */
export function StepNav(props: StepNavProps) {
  return (
    <nav aria-label="Referral steps">
      <ul class="govuk-task-list">
        <For each={props.steps}>
          {(step) => {
            const current = () => step.key === props.current;
            const statusId = `step-${step.key}-status`;
            const hintId = `step-${step.key}-hint`;
            const hint = () => props.hint?.(step);
            return (
              <li
                class={`govuk-task-list__item govuk-task-list__item--with-link${current() ? ' app-step-nav__item--current' : ''}`}
              >
                <div class="govuk-task-list__name-and-hint">
                  <a
                    class="govuk-link govuk-task-list__link govuk-link--no-visited-state"
                    href={`?step=${encodeURIComponent(step.key)}`}
                    aria-current={current() ? 'step' : undefined}
                    aria-describedby={hint() ? `${hintId} ${statusId}` : statusId}
                    on:click={(event) => {
                      event.preventDefault();
                      props.onSelect(step.key);
                    }}
                  >
                    {step.title}
                  </a>
                  {hint() ? (
                    <div id={hintId} class="govuk-task-list__hint">
                      {hint()}
                    </div>
                  ) : null}
                </div>
                <div class="govuk-task-list__status" id={statusId}>
                  <StatusText status={props.status(step)} />
                </div>
              </li>
            );
          }}
        </For>
      </ul>
    </nav>
  );
}

/** As the GOV.UK task list shows them: completed as plain text, the others as tags. */
function StatusText(props: { status: StepStatus }) {
  return (
    <Switch>
      <Match when={props.status === 'completed'}>{STEP_STATUS_LABELS.completed}</Match>
      <Match when={props.status === 'incomplete'}>
        <strong class="govuk-tag govuk-tag--blue">{STEP_STATUS_LABELS.incomplete}</strong>
      </Match>
      <Match when={props.status === 'not-started'}>
        <strong class="govuk-tag govuk-tag--grey">{STEP_STATUS_LABELS['not-started']}</strong>
      </Match>
    </Switch>
  );
}
