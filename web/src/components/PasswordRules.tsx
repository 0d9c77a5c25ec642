import { createEffect, createSignal, For, on, onCleanup } from 'solid-js';
import { PASSWORD_RULES, type PasswordCheck } from '../../../domain/password-policy.ts';

/** How long typing must pause before the count of rules met is announced. */
const ANNOUNCE_AFTER_MS = 1200;

/**
 * The password rules as a list of ticks and crosses that follow what is typed.
 * Each rule says "met" or "not met" in words as well, for screen readers and for
 * anyone who cannot tell the colours apart. A single polite summary ("7 of 10
 * password rules met") is announced when typing pauses, and only when it changes.
 */
export function PasswordRules(props: { id: string; check: PasswordCheck; started: boolean }) {
  const met = () => PASSWORD_RULES.filter((r) => props.check[r.key]).length;
  const [announcement, setAnnouncement] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      () => [met(), props.started] as const,
      ([count, started]) => {
        clearTimeout(timer);
        if (!started) return;
        const text =
          count === PASSWORD_RULES.length
            ? 'All password rules are met.'
            : `${count} of ${PASSWORD_RULES.length} password rules met.`;
        timer = setTimeout(() => setAnnouncement(text), ANNOUNCE_AFTER_MS);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(timer));
  return (
    <div class="app-password-rules" id={props.id}>
      <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2" id={`${props.id}-heading`}>
        Your password must have:
      </p>
      <ul class="govuk-list app-password-rules__list" aria-labelledby={`${props.id}-heading`}>
        <For each={PASSWORD_RULES}>
          {(rule) => {
            const ok = () => props.check[rule.key];
            return (
              <li
                class={`app-password-rules__rule app-password-rules__rule--${ok() ? 'met' : 'unmet'}`}
                data-rule={rule.key}
              >
                <span class="app-password-rules__icon" aria-hidden="true">
                  {ok() ? '✓' : '✗'}
                </span>
                {rule.label}
                <span class="govuk-visually-hidden">{ok() ? ' (met)' : ' (not met)'}</span>
              </li>
            );
          }}
        </For>
      </ul>
      <p class="govuk-visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement()}
      </p>
    </div>
  );
}
