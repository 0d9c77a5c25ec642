import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import type { AltchaWidgetElement } from 'altcha/external';
import { QuestionGroup } from './fields.tsx';

type WidgetState = 'unverified' | 'verifying' | 'verified' | 'expired' | 'error' | 'code';

/** How long a form waits for the check before sending without it (the API then says why). */
const WAIT_LIMIT_MS = 60_000;

/**
 * The self-hosted bot check (ALTCHA proof of work, challenges from
 * /api/bot-check). It starts by itself when the user first moves into the form,
 * so most people never have to do anything; the tick box stays there to do it
 * by hand, with the keyboard too.
 */
export function createBotCheck() {
  let widget: AltchaWidgetElement | undefined;
  const [state, setState] = createSignal<WidgetState>('unverified');
  const [payload, setPayload] = createSignal('');
  let waiting: ((value: string) => void)[] = [];

  const settle = () => {
    const value = payload();
    for (const resolve of waiting) resolve(value);
    waiting = [];
  };

  return {
    state,
    attach(element: AltchaWidgetElement) {
      widget = element;
      element.addEventListener('statechange', (event) => {
        const detail = (event as CustomEvent<{ state: WidgetState; payload: string | null }>).detail;
        setState(detail.state);
        setPayload(detail.state === 'verified' ? (detail.payload ?? '') : '');
        if (detail.state !== 'verifying') settle();
      });
    },
    /** The solved payload for the form's `botCheck`, solving it first if need be. */
    ensure(): Promise<string> {
      if (payload() || !widget) return Promise.resolve(payload());
      if (state() !== 'verifying') void widget.verify();
      return new Promise((resolve) => {
        waiting.push(resolve);
        setTimeout(() => resolve(payload()), WAIT_LIMIT_MS);
      });
    },
    /** A payload works once: after the form was sent, the next send needs a new one. */
    reset() {
      setPayload('');
      widget?.reset();
    },
  };
}

export type BotCheckControl = ReturnType<typeof createBotCheck>;

const HINT =
  'Your browser does a short calculation that takes a few seconds. It starts by itself; if the box is not ticked when you are ready to send the form, tick it.';

const STATUS: Partial<Record<WidgetState, string>> = {
  verified: 'Check complete: you are not a robot.',
  error: 'The check that you are not a robot did not work. Tick the box to try again.',
  expired: 'The check that you are not a robot has expired. Tick the box to do it again.',
};

export function BotCheck(props: { control: BotCheckControl; error?: string | undefined }) {
  let host!: HTMLDivElement;
  const [failed, setFailed] = createSignal(false);
  let widget: AltchaWidgetElement | undefined;
  onMount(() => {
    import('./altcha.ts').then(
      () => {
        if (!host.isConnected) return;
        widget = document.createElement('altcha-widget');
        widget.setAttribute('challenge', '/api/bot-check');
        widget.setAttribute('auto', 'onfocus');
        widget.setAttribute('type', 'checkbox');
        widget.setAttribute('language', 'en');
        widget.setAttribute('name', 'botCheck');
        widget.setAttribute(
          'configuration',
          JSON.stringify({
            hideFooter: true,
            hideLogo: true,
            humanInteractionSignature: false,
            disableAutoFocus: true,
          }),
        );
        props.control.attach(widget);
        host.append(widget);
      },
      () => setFailed(true),
    );
  });
  onCleanup(() => widget?.remove());
  return (
    <QuestionGroup id="botCheck-question" legend="Check you are not a robot" hint={HINT} error={props.error}>
      <Show when={failed()}>
        <p class="govuk-body">The check could not be loaded. Reload the page to try again.</p>
      </Show>
      <div class="app-bot-check" id="botCheck" ref={host} />
      <p class="govuk-visually-hidden" role="status">
        {STATUS[props.control.state()] ?? ''}
      </p>
    </QuestionGroup>
  );
}
