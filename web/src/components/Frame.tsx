import type { JSX } from 'solid-js';
import { ServiceFooter } from './ServiceFooter.tsx';
import { ServiceHeader } from './ServiceHeader.tsx';
import type { Membership, Session } from '../api.ts';

/** The page template: skip link, header, the main content region and the footer. */
export function Frame(props: {
  session?: Session | undefined;
  memberships?: readonly Membership[];
  onSignOut?: () => void;
  children: JSX.Element;
}) {
  let main!: HTMLElement;
  // GOV.UK's skip link behaviour: focus <main> itself, not just scroll to it.
  const skip = (event: MouseEvent) => {
    event.preventDefault();
    main.setAttribute('tabindex', '-1');
    main.classList.add('govuk-skip-link-focused-element');
    main.focus();
  };
  const unfocus = () => {
    main.removeAttribute('tabindex');
    main.classList.remove('govuk-skip-link-focused-element');
  };
  return (
    <>
      <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link" on:click={skip}>
        Skip to main content
      </a>
      <ServiceHeader session={props.session} memberships={props.memberships ?? []} onSignOut={props.onSignOut} />
      <div class="govuk-width-container">
        <main class="govuk-main-wrapper" id="main-content" ref={main} on:blur={unfocus}>
          {props.children}
        </main>
      </div>
      <ServiceFooter />
    </>
  );
}
