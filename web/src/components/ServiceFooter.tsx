import { For } from 'solid-js';
import { FOOTER_PAGES } from '../pages/footer-pages.ts';

/** GOV.UK's footer, unbranded: no crown, no licence, only Casebook's own pages. */
export function ServiceFooter() {
  return (
    <footer class="govuk-footer">
      <div class="govuk-width-container">
        <div class="govuk-footer__meta">
          <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 class="govuk-visually-hidden">Support links</h2>
            <ul class="govuk-footer__inline-list">
              <For each={FOOTER_PAGES}>
                {(link) => (
                  <li class="govuk-footer__inline-list-item">
                    <a class="govuk-footer__link" href={link.path}>
                      {link.label}
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </div>
      </div>
    </footer>
  );
}
