import { useLocation } from '@solidjs/router';
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import type { Membership, NavItem, Session } from '../api.ts';
import { currentSection, sharedPage } from './current-section.ts';
import { OrganisationSwitcher } from './OrganisationSwitcher.tsx';

/** GOV.UK's tablet breakpoint: below it the navigation collapses behind "Menu". */
const WIDE = '(min-width: 40.0625em)';

/**
 * GOV.UK's header and service navigation, unbranded: the service name and,
 * once signed in, who is signed in for which organisation, the navigation the
 * API says this user may use, and "Sign out".
 */
export function ServiceHeader(props: {
  session?: Session | undefined;
  memberships: readonly Membership[];
  onSignOut?: (() => void) | undefined;
}) {
  return (
    <header>
      <div class="govuk-generic-header">
        <div class="govuk-generic-header__container govuk-width-container app-header__container">
          <div class="govuk-generic-header__logo">
            <a href="/" class="govuk-generic-header__homepage-link app-header__service-name">
              Casebook
            </a>
          </div>
          <Show when={props.session}>
            {(session) => (
              <div class="app-header__account">
                <p class="app-header__who">
                  Signed in as <strong>{`${session().user.firstName} ${session().user.surname}`}</strong>
                  {', '}
                  {session().organisation.name}
                </p>
                <OrganisationSwitcher current={session().organisation.id} memberships={props.memberships} />
              </div>
            )}
          </Show>
        </div>
      </div>
      <Show when={props.session}>
        {(session) => (
          <div class="govuk-service-navigation" data-module="govuk-service-navigation">
            <div class="govuk-width-container">
              <div class="govuk-service-navigation__container">
                <Navigation items={session().navigation} onSignOut={props.onSignOut} />
              </div>
            </div>
          </div>
        )}
      </Show>
    </header>
  );
}

function Navigation(props: { items: readonly NavItem[]; onSignOut?: (() => void) | undefined }) {
  const location = useLocation();
  const wide = window.matchMedia(WIDE);
  const [isWide, setWide] = createSignal(wide.matches);
  const [open, setOpen] = createSignal(false);
  const listen = () => setWide(wide.matches);
  wide.addEventListener('change', listen);
  onCleanup(() => wide.removeEventListener('change', listen));

  // The list the user last opened, for pages reached from several lists.
  let cameFrom: string | undefined;
  const current = createMemo(() => {
    const key = currentSection(location.pathname, props.items, cameFrom);
    if (!sharedPage(location.pathname)) cameFrom = key;
    return key;
  });

  return (
    <nav aria-label="Menu" class="govuk-service-navigation__wrapper app-service-navigation">
      <button
        type="button"
        class="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
        aria-controls="navigation"
        aria-expanded={open() ? 'true' : 'false'}
        hidden={isWide()}
        onClick={() => setOpen(!open())}
      >
        Menu
      </button>
      <ul
        class="govuk-service-navigation__list app-service-navigation__list"
        id="navigation"
        hidden={!isWide() && !open()}
      >
        <For each={props.items}>
          {(item) => {
            const active = () => current() === item.key;
            return (
              <li class={`govuk-service-navigation__item${active() ? ' govuk-service-navigation__item--active' : ''}`}>
                {/* Every page of a section marks its item, not only the section's first page. */}
                <a class="govuk-service-navigation__link" href={item.path} aria-current={active() ? 'page' : undefined}>
                  <Show when={active()} fallback={item.label}>
                    <strong class="govuk-service-navigation__active-fallback">{item.label}</strong>
                  </Show>
                </a>
              </li>
            );
          }}
        </For>
      </ul>
      {/* Outside the collapsible list: on a phone it stays in sight, on a wide screen it ends the first row. */}
      <div class="app-service-navigation__end">
        <button type="button" class="app-service-navigation__button" onClick={() => props.onSignOut?.()}>
          Sign out
        </button>
      </div>
    </nav>
  );
}
