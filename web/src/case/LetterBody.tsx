import { createSignal, onCleanup, Show } from 'solid-js';
import { LETTER_CLOSING, letterAddressee, letterOpening } from '../../../domain/advice-letters.ts';
import { api, type Referral } from '../api.ts';
import { FieldLabel } from '../components/fields.tsx';
import { useSession } from '../session.tsx';
import { hasWords, type ActionRunner } from './action-runner.ts';

/**
 * The body of a written advice letter, between the opening and the closing the PDF adds, shown here
 * as they will read: a letter written with its own "Dear ..." would otherwise say it twice.
 */
export function LetterBodyField(props: {
  referral: Referral;
  value: string;
  error?: string | undefined;
  onInput: (value: string) => void;
}) {
  const session = useSession();
  const id = 'letter-body';
  const describedBy = () =>
    [`${id}-hint`, props.error ? `${id}-error` : '', `${id}-opening`, `${id}-closing`].filter(Boolean).join(' ');
  return (
    <FieldLabel
      id={id}
      label="Letter"
      hint="Write the body of the letter only. The opening and the closing shown here are added for you."
      error={props.error}
    >
      <p id={`${id}-opening`} class="govuk-body govuk-!-margin-bottom-2">
        {letterOpening(letterAddressee(props.referral.owner))}
      </p>
      <textarea
        class={`govuk-textarea${props.error ? ' govuk-textarea--error' : ''} govuk-!-margin-bottom-2`}
        id={id}
        name={id}
        rows={12}
        autocomplete="off"
        aria-describedby={describedBy()}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <p id={`${id}-closing`} class="govuk-body">
        {LETTER_CLOSING}
        <br />
        {session.user.firstName} {session.user.surname}
      </p>
    </FieldLabel>
  );
}

/**
 * "Preview letter": the PDF issuing would make, fetched and opened in a new tab; nothing is stored or
 * issued. The link stays until the text changes, for a browser that blocked the new tab.
 */
export function createLetterPreview(referral: () => Referral, runner: ActionRunner) {
  const [href, setHref] = createSignal<string>();
  const forget = () => {
    const old = href();
    if (old) URL.revokeObjectURL(old);
    setHref(undefined);
  };
  onCleanup(forget);
  const preview = (body: string) => {
    if (!hasWords(body)) return runner.refuse('Write the advice letter', 'letter-body');
    runner.run(async () => {
      const pdf = await api.previewLetter(referral().id, body.trim());
      forget();
      const url = URL.createObjectURL(pdf);
      setHref(url);
      const opened = window.open(url, '_blank');
      return {
        heading: opened ? 'Letter preview opened in a new tab' : 'Letter preview ready',
        detail: 'Nothing has been issued. Check the letter, then issue it.',
      };
    });
  };
  const Link = () => (
    <Show when={href()}>
      {(url) => (
        <p class="govuk-body">
          <a class="govuk-link" href={url()} target="_blank" rel="noopener">
            Open the letter preview (PDF, opens in a new tab)
          </a>
        </p>
      )}
    </Show>
  );
  return { preview, forget, Link };
}
