import { Show } from 'solid-js';
import { ErrorSummary, type ErrorItem } from './ErrorSummary.tsx';
import { SuccessBanner } from './NotificationBanner.tsx';

/** What an action did, for the success banner. */
export type Outcome = { heading: string; detail?: string };

/**
 * Above a page's heading: the error summary of its form, or the banner saying
 * what the last action did. A new outcome object is a new banner, which takes focus.
 */
export function FormNotice(props: {
  errors: readonly ErrorItem[];
  outcome?: Outcome | undefined;
  onSelect?: (target: string) => void;
}) {
  return (
    <>
      <ErrorSummary errors={props.errors} onSelect={props.onSelect} />
      <Show when={props.outcome} keyed>
        {(outcome) => (
          <SuccessBanner heading={outcome.heading}>
            <Show when={outcome.detail}>
              <p class="govuk-body">{outcome.detail}</p>
            </Show>
          </SuccessBanner>
        )}
      </Show>
    </>
  );
}
