import { useLocation } from '@solidjs/router';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { Membership, NavItem, Session } from '../api.ts';
import { OrganisationSwitcher } from './OrganisationSwitcher.tsx';

/** GOV.UK's tablet breakpoint: below it the navigation collapses behind "Menu". */
const WIDE = '(min-width: 40.0625em)';

/**
 * The GOV.UK service navigation, unbranded: the service name, who is signed in,
 * and only the navigation the API says this user may use.
 */
export function ServiceHeader(props: { session?: Session | undefined; memberships: readonly Membership[]; onSignOut?: (() => void) | undefined }) {
  return (
    <header>
      <section aria-label="Service information" class="govuk-service-navigation" data-module="govuk-service-navigation">
        <div class="govuk-width-container">
          <div class="govuk-service-navigation__container">
            <span class="govuk-service-navigation__service-name">
              <a href="/" class="govuk-service-navigation__link">
                Casebook
              </a>
            </span>
            <Show when={props.session}>
              {(session) => <Navigation items={session().navigation} onSignOut={props.onSignOut} />}
            </Show>
          </div>
          <Show when={props.session}>
            {(session) => (
              <div class="app-account">
                <p class="app-account__who">
                  Signed in as <strong>{`${session().user.firstName} ${session().user.surname}`}</strong>
                  {', '}
                  {session().organisation.name}
                </p>
                <OrganisationSwitcher current={session().organisation.id} memberships={props.memberships} />
              </div>
            )}
          </Show>
        </div>
      </section>
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

  // The item whose path is the longest prefix of the current path is the current section.
  const current = () => {
    const path = location.pathname;
    const matches = props.items.filter((i) => path === i.path || (i.path !== '/' && path.startsWith(`${i.path}/`)));
    return matches.sort((a, b) => b.path.length - a.path.length)[0];
  };

  return (
    <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
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
      <ul class="govuk-service-navigation__list" id="navigation" hidden={!isWide() && !open()}>
        <For each={props.items}>
          {(item) => {
            const active = () => current()?.key === item.key;
            return (
              <li class={`govuk-service-navigation__item${active() ? ' govuk-service-navigation__item--active' : ''}`}>
                <a
                  class="govuk-service-navigation__link"
                  href={item.path}
                  aria-current={active() ? (location.pathname === item.path ? 'page' : 'true') : undefined}
                >
                  <Show when={active()} fallback={item.label}>
                    <strong class="govuk-service-navigation__active-fallback">{item.label}</strong>
                  </Show>
                </a>
              </li>
            );
          }}
        </For>
        <li class="govuk-service-navigation__item">
          <button type="button" class="app-service-navigation__button" onClick={() => props.onSignOut?.()}>
            Sign out
          </button>
        </li>
      </ul>
    </nav>
  );
}
