import { createSignal, Match, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { api, type Organisation, type Registration } from '../api.ts';
import { DETAIL_KEYS, DetailFields } from '../account/DetailFields.tsx';
import { ManagerAndLocation } from '../account/ManagerAndLocation.tsx';
import { createNewPassword, NewPasswordFields, passwordRefused, PasswordSubmit } from '../account/NewPassword.tsx';
import { createOrganisationLookup, VerificationCodeForm } from '../account/VerificationCode.tsx';
import { BotCheck, createBotCheck } from '../components/BotCheck.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { EMAIL_INPUT, TextInput } from '../components/fields.tsx';
import { Page } from '../components/Page.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';

type Details = Omit<Registration, 'verificationCode' | 'password' | 'passwordConfirmation' | 'botCheck'>;

/** The fields in the order they stand on the page: the error summary follows it. */
const ORDER = [
  'verificationCode',
  'managerId',
  'locationId',
  ...DETAIL_KEYS,
  'email',
  'emailConfirmation',
  'username',
  'password',
  'passwordConfirmation',
  'botCheck',
];

/**
 * Registration: the organisation's Verification Code first, then the form,
 * then "check your email" for the activation link.
 */
export function Register() {
  const [organisation, setOrganisation] = createSignal<{ code: string; found: Organisation }>();
  const [sent, setSent] = createSignal<string>();
  const lookup = createOrganisationLookup((code, found) => setOrganisation({ code, found }));
  return (
    <Switch>
      <Match when={sent()}>
        {(message) => (
          <Page title="Check your email">
            <p class="govuk-body">{message()}</p>
            <p class="govuk-body">
              You can sign in once you have followed the link. If the email has not arrived after a few minutes, check
              your junk or spam folder.
            </p>
          </Page>
        )}
      </Match>
      <Match when={organisation()}>
        {(org) => (
          <RegistrationForm
            code={org().code}
            organisation={org().found}
            onChangeCode={() => setOrganisation(undefined)}
            onSent={setSent}
          />
        )}
      </Match>
      <Match when={true}>
        <Page
          title="Register for an account"
          error={lookup.errors.errors().length > 0}
          notice={<ErrorSummary errors={lookup.errors.errors()} />}
        >
          <p class="govuk-body">To register, you need the Verification Code your organisation gave you.</p>
          <VerificationCodeForm lookup={lookup} button="Continue" />
          <p class="govuk-body">
            Already registered?{' '}
            <a class="govuk-link" href="/sign-in">
              Sign in
            </a>
          </p>
        </Page>
      </Match>
    </Switch>
  );
}

function RegistrationForm(props: {
  code: string;
  organisation: Organisation;
  onChangeCode: () => void;
  onSent: (message: string) => void;
}) {
  const [details, setDetails] = createStore<Details>({
    managerId: '',
    locationId: '',
    title: '',
    firstName: '',
    surname: '',
    workAddress: '',
    workPostcode: '',
    jobTitle: '',
    telephone: '',
    email: '',
    emailConfirmation: '',
    username: '',
  });
  const password = createNewPassword(() => details.username);
  const botCheck = createBotCheck();
  // A Verification Code no longer valid is not a field of this page: said, not linked.
  const errors = createFormErrors({ order: ORDER, targets: () => ({ verificationCode: '' }) });
  const submitter = createSubmitter();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (passwordRefused(password, errors)) return;
    void submitter.run(async () => {
      const solved = await botCheck.ensure();
      try {
        const answer = await api.register({
          ...details,
          verificationCode: props.code,
          password: password.password(),
          passwordConfirmation: password.confirmation(),
          botCheck: solved,
        });
        props.onSent(answer.message);
      } catch (error) {
        // The API spent the check on this attempt: the next one needs a new one.
        botCheck.reset();
        errors.show(error);
      }
    });
  };

  return (
    <Page
      title="Your details"
      caption="Register for an account"
      error={errors.errors().length > 0}
      notice={<ErrorSummary errors={errors.errors()} />}
    >
      <SummaryList
        rows={[
          {
            key: 'Company name',
            value: props.organisation.name,
            action: {
              label: 'Change',
              hidden: 'the Verification Code',
              href: '/register',
              onClick: props.onChangeCode,
            },
          },
        ]}
      />
      <form novalidate onSubmit={submit}>
        <ManagerAndLocation
          organisation={props.organisation}
          managerId={details.managerId}
          locationId={details.locationId}
          errors={errors}
          onInput={(key, value) => setDetails(key, value)}
        />
        <DetailFields values={details} errors={errors} onInput={(key, value) => setDetails(key, value)} />
        <TextInput
          id="email"
          label="Email Address"
          hint="Your work email address. We send the activation link to it."
          {...EMAIL_INPUT}
          value={details.email}
          error={errors.field('email')}
          onInput={(value) => setDetails('email', value)}
        />
        <TextInput
          id="emailConfirmation"
          label="Confirm Email Address"
          {...EMAIL_INPUT}
          value={details.emailConfirmation}
          error={errors.field('emailConfirmation')}
          onInput={(value) => setDetails('emailConfirmation', value)}
        />
        <h2 class="govuk-heading-m">Your sign-in details</h2>
        <TextInput
          id="username"
          label="User name"
          hint="3 to 50 letters, digits, dots, dashes or underscores. You sign in with it."
          autocomplete="username"
          spellcheck={false}
          widthClass="govuk-!-width-two-thirds"
          value={details.username}
          error={errors.field('username')}
          onInput={(value) => setDetails('username', value)}
        />
        <NewPasswordFields form={password} errors={errors} />
        <BotCheck control={botCheck} error={errors.field('botCheck')} />
        <PasswordSubmit form={password} busy={submitter.busy()}>
          Register
        </PasswordSubmit>
      </form>
    </Page>
  );
}
