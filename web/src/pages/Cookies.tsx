import { DataTable } from '../components/DataTable.tsx';
import { Page } from '../components/Page.tsx';

const COOKIES = [
  {
    name: 'casebook_session',
    purpose: 'Keeps you signed in. It holds a random reference to your session, nothing about you.',
    expires: 'After 20 minutes without activity, or when you sign out',
  },
];

/** What the API's session middleware sets (api/middleware/session.ts), and nothing more. */
export function Cookies() {
  return (
    <Page title="Cookies">
      <p class="govuk-body">
        Cookies are small files saved on your phone, tablet or computer when you visit a website.
      </p>
      <p class="govuk-body">
        Casebook uses one cookie, and only once you sign in. It is essential: Casebook cannot keep you signed in without
        it, so it does not ask you to accept it.
      </p>
      <DataTable
        caption="The cookie Casebook uses"
        columns={[
          { heading: 'Name', cell: (c) => c.name },
          { heading: 'Purpose', cell: (c) => c.purpose },
          { heading: 'Expires', cell: (c) => c.expires },
        ]}
        rows={COOKIES}
        empty=""
      />
      <h2 class="govuk-heading-m">How the cookie is protected</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>It is HttpOnly: scripts on the page cannot read it.</li>
        <li>It is SameSite=Strict: your browser does not send it with anything another website starts.</li>
        <li>It is Secure: your browser sends it only over an encrypted (HTTPS) connection.</li>
      </ul>
      <h2 class="govuk-heading-m">What Casebook does not do</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>There are no analytics, advertising or tracking cookies, and no cookies from other websites.</li>
        <li>Casebook stores nothing else in your browser.</li>
        <li>
          The check that you are not a robot, on the registration and account recovery pages, runs in your browser and
          stores nothing.
        </li>
      </ul>
    </Page>
  );
}
