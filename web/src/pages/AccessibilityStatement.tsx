import { Page } from '../components/Page.tsx';

function ContactDesk() {
  return (
    <a class="govuk-link" href="/help">
      contact the service desk
    </a>
  );
}

/**
 * GOV.UK's model accessibility statement, filled in with what the browser
 * tests in test/e2e/ check each time Casebook changes, and what they do not.
 */
export function AccessibilityStatement() {
  return (
    <Page title="Accessibility statement" heading="Accessibility statement for Casebook">
      <p class="govuk-body">
        This accessibility statement applies to Casebook, the occupational health referral and case portal at this web
        address. It is run by the occupational health provider that Casebook belongs to.
      </p>
      <p class="govuk-body">
        We want as many people as possible to be able to use Casebook. For example, you should be able to:
      </p>
      <ul class="govuk-list govuk-list--bullet">
        <li>change colours, contrast levels and fonts using your browser or device settings</li>
        <li>use it on a phone, or zoomed in up to 300%, without scrolling sideways to read lists</li>
        <li>use it with a keyboard alone</li>
        <li>use it with a screen reader or speech recognition software</li>
      </ul>

      <h2 class="govuk-heading-m">How accessible Casebook is</h2>
      <p class="govuk-body">We know some parts are not fully accessible:</p>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          advice letters that Casebook makes as PDF files are not tagged, so screen readers cannot tell their headings
          from their text
        </li>
        <li>documents that people upload, such as reports sent with a referral, may not be accessible</li>
      </ul>

      <h2 class="govuk-heading-m">Feedback and contact information</h2>
      <p class="govuk-body">
        If you need an advice letter or a document in another format, <ContactDesk />. Say which case it belongs to.
      </p>

      <h2 class="govuk-heading-m">Reporting accessibility problems with Casebook</h2>
      <p class="govuk-body">
        We are always looking to improve the accessibility of Casebook. If you find a problem not listed on this page,
        or think we are not meeting accessibility requirements, <ContactDesk />. Tell us the web address of the page,
        what you were trying to do and what went wrong.
      </p>

      <h2 class="govuk-heading-m">Enforcement procedure</h2>
      <p class="govuk-body">
        If you are not happy with how we respond to your complaint, contact the{' '}
        <a class="govuk-link" href="https://www.equalityadvisoryservice.com/">
          Equality Advisory and Support Service (EASS)
        </a>
        .
      </p>

      <h2 class="govuk-heading-m">Technical information about Casebook's accessibility</h2>
      <p class="govuk-body">The provider is committed to making Casebook accessible.</p>
      <h3 class="govuk-heading-s">Compliance status</h3>
      <p class="govuk-body">
        Casebook is partially compliant with the{' '}
        <a class="govuk-link" href="https://www.w3.org/TR/WCAG22/">
          Web Content Accessibility Guidelines version 2.2
        </a>{' '}
        AA standard, due to the non-compliance listed below.
      </p>

      <h2 class="govuk-heading-m">Non-accessible content</h2>
      <h3 class="govuk-heading-s">Non-compliance with the accessibility regulations</h3>
      <p class="govuk-body">
        Advice letters made by Casebook are PDF files without tags: their headings and reading order are not marked up.
        This fails WCAG 2.2 success criterion 1.3.1 (Info and Relationships). Their text can be read and copied. If you
        need a letter in another format, <ContactDesk />.
      </p>
      <h3 class="govuk-heading-s">Content that is not within the scope of the accessibility regulations</h3>
      <p class="govuk-body">
        Documents that referrers and clinicians upload are theirs: Casebook stores them as they are and does not check
        their accessibility.
      </p>

      <h2 class="govuk-heading-m">How we tested Casebook</h2>
      <p class="govuk-body">
        Automated tests run in a real Chromium browser every time Casebook changes. They check that:
      </p>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          every page, in each state people see it in (with error messages, with the timeout warning open, while a file
          uploads), has no failure of WCAG 2.2 A or AA that the axe checker can find
        </li>
        <li>
          signing in, two-factor authentication, the skip link and the timeout warning work with a keyboard alone, and
          focus moves where it should
        </li>
        <li>
          on a phone screen 375 pixels wide, lists of cases show every row's status and link without scrolling sideways
        </li>
      </ul>
      <p class="govuk-body">
        Automated checks find many problems but not all of them. Casebook has not yet been audited by accessibility
        specialists, or tested by people who use assistive technologies.
      </p>

      <h2 class="govuk-heading-m">Preparation of this accessibility statement</h2>
      <p class="govuk-body">
        This statement was prepared on 23 November 2026. It was last reviewed on 23 November 2026.
      </p>
    </Page>
  );
}
