import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { api, sessionExpiry } from '../api.ts';

/** The warning opens this long before the session ends (WCAG 2.2.1: at least 20 seconds to act). */
const WARNING_MS = 2 * 60_000;
/** After a failed look at the session (no network), look again this much later. */
const RECHECK_MS = 5_000;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "1 minute 5 seconds": what the dialog shows, every second. */
function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes === 0) return plural(seconds, 'second');
  return seconds === 0 ? plural(minutes, 'minute') : `${plural(minutes, 'minute')} ${plural(seconds, 'second')}`;
}

/** What screen readers hear: whole minutes, then 15-second steps, so a change is news. */
function spoken(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  if (total > 60) return `You will be signed out in ${plural(Math.ceil(total / 60), 'minute')}.`;
  return `You will be signed out in ${plural(Math.max(15, Math.ceil(total / 15) * 15), 'second')}.`;
}

/**
 * GOV.UK's timeout warning. The API says when the session will end; two minutes
 * before, a modal dialog counts down with "Stay signed in" and "Sign out".
 * Focus moves into it and stays there; Escape means "Stay signed in". When the
 * time is up, the API is asked once more (another tab may have kept the session
 * alive) before the user is sent to sign in.
 */
export function TimeoutWarning(props: { onSignOut: () => void; onExpired: () => void }) {
  const [now, setNow] = createSignal(Date.now());
  const tick = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(tick));

  const remaining = () => {
    const expiry = sessionExpiry();
    return expiry === null ? null : expiry - now();
  };
  const open = () => {
    const left = remaining();
    return left !== null && left <= WARNING_MS;
  };

  let checkingSince = 0;
  createEffect(() => {
    const left = remaining();
    if (left === null || left > 0 || Date.now() - checkingSince < RECHECK_MS) return;
    checkingSince = Date.now();
    api.sessionAlive().then(
      (alive) => {
        if (!alive) props.onExpired();
      },
      () => undefined,
    );
  });

  const [extending, setExtending] = createSignal(false);
  const staySignedIn = async () => {
    if (extending()) return;
    setExtending(true);
    try {
      await api.extendSession();
    } catch {
      // A 401 is already on its way to the sign-in page; otherwise the dialog stays.
    } finally {
      setExtending(false);
    }
  };

  return (
    <Show when={open()}>
      <Dialog remaining={remaining() ?? 0} onStay={() => void staySignedIn()} onSignOut={props.onSignOut} />
    </Show>
  );
}

function Dialog(props: { remaining: number; onStay: () => void; onSignOut: () => void }) {
  let dialog!: HTMLDivElement;
  const app = document.getElementById('app');
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  // Everything behind the dialog is out of reach: no focus, no clicks, not read.
  app?.setAttribute('inert', '');
  onCleanup(() => {
    app?.removeAttribute('inert');
    if (returnTo?.isConnected) returnTo.focus();
  });

  const [announced, setAnnounced] = createSignal(spoken(props.remaining));
  createEffect(on(() => spoken(props.remaining), setAnnounced, { defer: true }));

  const controls = () => [...dialog.querySelectorAll<HTMLElement>('button')];
  const keydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      props.onStay();
      return;
    }
    if (event.key !== 'Tab') return;
    const [first, last] = [controls()[0], controls().at(-1)];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === dialog)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <Portal>
      <div class="app-modal__overlay" />
      <div
        class="app-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="timeout-heading"
        aria-describedby="timeout-description"
        tabindex="-1"
        ref={(el) => {
          dialog = el;
          requestAnimationFrame(() => el.focus());
        }}
        on:keydown={keydown}
      >
        <h2 class="govuk-heading-m" id="timeout-heading">
          You will be signed out soon
        </h2>
        <p class="govuk-body" aria-hidden="true">
          We will sign you out in <strong class="app-modal__countdown">{countdown(props.remaining)}</strong> because you
          have not done anything for a while.
        </p>
        <p class="govuk-visually-hidden" id="timeout-description" aria-live="polite" aria-atomic="true">
          {announced()} Select Stay signed in to carry on.
        </p>
        <p class="govuk-body">Your work is saved as you go, so nothing is lost if you are signed out.</p>
        <div class="govuk-button-group">
          <button type="button" class="govuk-button" data-module="govuk-button" onClick={() => props.onStay()}>
            Stay signed in
          </button>
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            onClick={() => props.onSignOut()}
          >
            Sign out
          </button>
        </div>
      </div>
    </Portal>
  );
}
