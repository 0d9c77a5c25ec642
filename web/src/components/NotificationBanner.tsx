import { onMount, type JSX } from 'solid-js';

/** GOV.UK success banner; it takes focus so the outcome of an action is heard. */
export function SuccessBanner(props: { heading: string; children?: JSX.Element }) {
  let banner!: HTMLDivElement;
  onMount(() => banner.focus());
  return (
    <div
      class="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby="success-banner-title"
      data-module="govuk-notification-banner"
      tabindex="-1"
      ref={banner}
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="success-banner-title">
          Success
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{props.heading}</p>
        {props.children}
      </div>
    </div>
  );
}
