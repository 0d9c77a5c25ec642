import { Page } from '../components/Page.tsx';

/** Where to get help: most problems are solved in the organisation, the rest by the provider's service desk. */
export function Help() {
  return (
    <Page title="Help and contact">
      <h2 class="govuk-heading-m">If you cannot sign in</h2>
      <ul class="govuk-list govuk-list--bullet">
        <li>
          <a class="govuk-link" href="/forgot-password">
            Forgot your password?
          </a>{' '}
          We email you a link to set a new one. The link works once, for 24 hours.
        </li>
        <li>
          <a class="govuk-link" href="/forgot-username">
            Forgot your username?
          </a>{' '}
          We email it to the address registered to your account.
        </li>
        <li>
          Your account is locked after 3 incorrect passwords in a row. Your organisation's user admin, usually the
          person at the top of your organisation in Casebook, can unlock it from User Admin, under Locked Users. If they
          cannot, contact the service desk.
        </li>
        <li>
          No activation email? Look in your junk mail. Signing in with your username and password offers to send it
          again; the link works for 7 days.
        </li>
      </ul>
      <h2 class="govuk-heading-m">Registering</h2>
      <p class="govuk-body">
        You need your organisation's verification code. Your organisation's occupational health contract manager can
        give it to you. Register with your work email address.
      </p>
      <h2 class="govuk-heading-m">Contact the service desk</h2>
      <p class="govuk-body">
        The service desk is run by the occupational health provider that Casebook belongs to. Its telephone number and
        email address are in your organisation's occupational health contract; your contract manager has them. Contact
        the service desk to:
      </p>
      <ul class="govuk-list govuk-list--bullet">
        <li>unlock your account when your organisation's user admin cannot</li>
        <li>change the email address registered to your account</li>
        <li>ask about a referral or a case</li>
        <li>report a problem with Casebook, including an accessibility problem</li>
      </ul>
      <div class="govuk-inset-text">The service desk will never ask for your password. Do not give it to anyone.</div>
    </Page>
  );
}
