import { onMount, type JSX } from 'solid-js';

let banners = 0;

/**
 * GOV.UK notification banner. A success banner reports what the user just did:
 * it is an alert and takes focus, so the outcome is heard. An important banner
 * tells something the user needs to know on arrival (why they were signed out),
 * and is a region found with the rest of the page.
 */
function NotificationBanner(props: { variant: 'success' | 'important'; heading: string; children?: JSX.Element }) {
  let banner!: HTMLDivElement;
  const titleId = `notification-banner-title-${++banners}`;
  const success = props.variant === 'success';
  onMount(() => {
    if (success) banner.focus();
  });
  return (
    <div
      class={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
      tabindex={success ? '-1' : undefined}
      ref={banner}
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id={titleId}>
          {success ? 'Success' : 'Important'}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{props.heading}</p>
        {props.children}
      </div>
    </div>
  );
}

export function SuccessBanner(props: { heading: string; children?: JSX.Element }) {
  return (
    <NotificationBanner variant="success" heading={props.heading}>
      {props.children}
    </NotificationBanner>
  );
}

export function ImportantBanner(props: { heading: string; children?: JSX.Element }) {
  return (
    <NotificationBanner variant="important" heading={props.heading}>
      {props.children}
    </NotificationBanner>
  );
}
