import { For, type JSX } from 'solid-js';

export type TabItem = { key: string; label: string };

/**
 * GOV.UK tabs whose selection lives in the address (`?tab=`), so it survives a
 * reload and the back button. Arrow keys move between tabs, as in GOV.UK Frontend.
 */
export function Tabs(props: {
  label: string;
  tabs: readonly TabItem[];
  selected: string;
  onSelect: (key: string) => void;
  children: JSX.Element;
}) {
  const tabElements: HTMLAnchorElement[] = [];
  const move = (event: KeyboardEvent, index: number) => {
    const step =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? -1
          : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + props.tabs.length) % props.tabs.length;
    props.onSelect(props.tabs[next]!.key);
    tabElements[next]?.focus();
  };
  return (
    <div class="govuk-tabs" data-module="govuk-tabs">
      <ul class="govuk-tabs__list" role="tablist" aria-label={props.label}>
        <For each={props.tabs}>
          {(tab, i) => {
            const selected = () => tab.key === props.selected;
            return (
              <li
                class={`govuk-tabs__list-item${selected() ? ' govuk-tabs__list-item--selected' : ''}`}
                role="presentation"
              >
                <a
                  class="govuk-tabs__tab"
                  href={`?tab=${tab.key}`}
                  id={`tab_${tab.key}`}
                  role="tab"
                  aria-controls="tab-panel"
                  aria-selected={selected() ? 'true' : 'false'}
                  tabindex={selected() ? 0 : -1}
                  ref={(el) => (tabElements[i()] = el)}
                  on:click={(event) => {
                    event.preventDefault();
                    props.onSelect(tab.key);
                  }}
                  on:keydown={(event) => move(event, i())}
                >
                  {tab.label}
                </a>
              </li>
            );
          }}
        </For>
      </ul>
      <div class="govuk-tabs__panel" id="tab-panel" role="tabpanel" aria-labelledby={`tab_${props.selected}`}>
        {props.children}
      </div>
    </div>
  );
}
