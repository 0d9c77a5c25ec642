import { Page } from '../components/Page.tsx';

export function NotFound() {
  return (
    <Page title="Page not found">
      <p class="govuk-body">If you typed the web address, check it is correct.</p>
      <p class="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/">
          Go to the Casebook home page
        </a>
      </p>
    </Page>
  );
}
