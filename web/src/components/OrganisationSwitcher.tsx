import { createSignal, For, Show } from 'solid-js';
import { api, ApiError, type Membership } from '../api.ts';
import { SERVICE_PROBLEM } from '../forms.ts';

/**
 * Shared services: someone who works for several organisations picks which one
 * they are acting for. Choosing does nothing until "Switch" is pressed (WCAG
 * 3.2.2); then the whole portal starts again, at the dashboard, for the other
 * organisation: navigation, permissions and lists all change.
 */
export function OrganisationSwitcher(props: { current: string; memberships: readonly Membership[] }) {
  const active = () => props.memberships.filter((m) => m.status === 'active');
  const [chosen, setChosen] = createSignal(props.current);
  const [problem, setProblem] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || chosen() === props.current) return;
    setBusy(true);
    try {
      await api.switchOrganisation(chosen());
      window.location.assign('/');
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : SERVICE_PROBLEM);
      setBusy(false);
    }
  };

  return (
    <Show when={active().length > 1}>
      <form class="app-organisation-switcher" novalidate onSubmit={(e) => void submit(e)}>
        <label class="govuk-label app-organisation-switcher__label" for="organisation-switcher">
          Organisation
        </label>
        <select
          class="govuk-select app-organisation-switcher__select"
          id="organisation-switcher"
          name="organisation"
          aria-describedby={problem() ? 'organisation-switcher-error' : undefined}
          onChange={(e) => setChosen(e.currentTarget.value)}
        >
          <For each={active()}>
            {(membership) => (
              <option value={membership.id} selected={membership.id === chosen()}>
                {membership.name}
              </option>
            )}
          </For>
        </select>
        <button
          type="submit"
          class="govuk-button govuk-button--secondary app-organisation-switcher__button"
          data-module="govuk-button"
        >
          Switch<span class="govuk-visually-hidden"> organisation</span>
        </button>
        <Show when={problem()}>
          <p class="govuk-error-message" id="organisation-switcher-error" role="alert">
            <span class="govuk-visually-hidden">Error:</span> {problem()}
          </p>
        </Show>
      </form>
    </Show>
  );
}
