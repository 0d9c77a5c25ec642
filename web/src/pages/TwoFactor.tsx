import { useNavigate } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { api, type TwoFactorSetup } from '../api.ts';
import { BackLink } from '../components/BackLink.tsx';
import { AuthenticatorCode, sixDigits } from '../account/AuthenticatorCode.tsx';
import { Button } from '../components/fields.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { ImportantBanner } from '../components/NotificationBanner.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';
import { useSessionControls } from '../session.tsx';

/** The key as authenticator apps show it when typed in: groups of four. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

type Step = { name: 'status' } | { name: 'scan'; setup: TwoFactorSetup } | { name: 'codes'; codes: string[] };

/**
 * My Account: two-factor authentication. Set up: a key as a QR code and as text,
 * then a first code from the app, then the ten recovery codes, shown once.
 * Where the organisation requires it, the portal sends users here until it is on.
 */
export function TwoFactor() {
  const navigate = useNavigate();
  const { session, reload } = useSessionControls();
  const required = () => session().twoFactorSetupRequired;
  const [step, setStep] = createSignal<Step>({ name: 'status' });
  const [outcome, setOutcome] = createSignal<Outcome>();
  const [code, setCode] = createSignal('');
  const errors = createFormErrors();
  const submitter = createSubmitter();

  const begin = () =>
    void submitter.run(async () => {
      try {
        const setup = await api.setUpTwoFactor();
        errors.clear();
        setOutcome(undefined);
        setStep({ name: 'scan', setup });
      } catch (error) {
        errors.show(error);
      }
    });

  const confirm = (event: SubmitEvent) => {
    event.preventDefault();
    const typed = sixDigits(code());
    if (!typed) return errors.set([{ target: 'code', text: 'Enter the 6-digit code your authenticator app shows' }]);
    void submitter.run(async () => {
      try {
        const { recoveryCodes } = await api.confirmTwoFactor(typed);
        errors.clear();
        setCode('');
        setStep({ name: 'codes', codes: recoveryCodes });
      } catch (error) {
        errors.show(error);
      }
    });
  };

  const turnOff = () =>
    void submitter.run(async () => {
      try {
        await api.turnOffTwoFactor();
        errors.clear();
        await reload();
        setOutcome({ heading: 'Two-factor authentication is off' });
      } catch (error) {
        errors.show(error);
      }
    });

  /** After the codes are stored: the session now has two-factor on (and its navigation back). */
  const finish = () =>
    void submitter.run(async () => {
      const wasRequired = required();
      await reload();
      setStep({ name: 'status' });
      if (wasRequired) navigate('/', { replace: true });
    });

  const title = () => {
    const s = step();
    return s.name === 'scan'
      ? 'Set up two-factor authentication'
      : s.name === 'codes'
        ? 'Store your recovery codes'
        : 'Two-factor authentication';
  };

  return (
    <Narrow>
      <Show when={!required()}>
        <BackLink href="/account">Back to My Account</BackLink>
      </Show>
      <Page
        title={title()}
        focusKey={step().name}
        error={errors.errors().length > 0}
        notice={
          <>
            <FormNotice errors={errors.errors()} outcome={outcome()} />
            <Show when={required() && step().name === 'status'}>
              <ImportantBanner heading="Your organisation requires two-factor authentication">
                <p class="govuk-body">
                  Set it up now to carry on using Casebook. It takes a few minutes and you need your phone.
                </p>
              </ImportantBanner>
            </Show>
          </>
        }
      >
        <Switch>
          <Match when={step().name === 'status' && session().twoFactorEnabled}>
            <p class="govuk-body">
              Two-factor authentication is <strong>on</strong>. When you sign in, Casebook asks for the code your
              authenticator app shows, or one of your recovery codes.
            </p>
            <Button type="button" variant="warning" onClick={turnOff}>
              Turn off two-factor authentication
            </Button>
          </Match>
          <Match when={step().name === 'status'}>
            <p class="govuk-body">
              Two-factor authentication is <strong>off</strong>. With it on, signing in needs your password and a code
              from an authenticator app on your phone, so a stolen password alone is not enough.
            </p>
            <p class="govuk-body">
              Any authenticator app works, for example Microsoft Authenticator or Google Authenticator.
            </p>
            <Button type="button" onClick={begin}>
              Set up two-factor authentication
            </Button>
          </Match>
          <Match when={step().name === 'scan' && (step() as Extract<Step, { name: 'scan' }>).setup}>
            {(setup) => (
              <>
                <h2 class="govuk-heading-m">1. Add Casebook to your authenticator app</h2>
                <p class="govuk-body">Scan this QR code with the app.</p>
                <img
                  class="app-qr-code"
                  src={setup().qrCodeDataUrl}
                  alt="QR code for adding Casebook to your authenticator app. If you cannot scan it, enter the key below instead."
                  width="200"
                  height="200"
                />
                <p class="govuk-body">If you cannot scan it, choose to enter a key in the app and type this key:</p>
                <p class="govuk-body">
                  <code class="app-secret" id="two-factor-key">
                    {grouped(setup().secret)}
                  </code>
                </p>
                <h2 class="govuk-heading-m">2. Enter the code the app shows</h2>
                <form novalidate onSubmit={confirm}>
                  <AuthenticatorCode
                    hint="The 6-digit code the app shows for Casebook"
                    value={code()}
                    error={errors.field('code')}
                    onInput={setCode}
                  />
                  <Button>Turn on two-factor authentication</Button>
                </form>
              </>
            )}
          </Match>
          <Match when={step().name === 'codes' && (step() as Extract<Step, { name: 'codes' }>).codes}>
            {(codes) => (
              <>
                <p class="govuk-body">
                  Two-factor authentication is <strong>on</strong>.
                </p>
                <div class="govuk-warning-text">
                  <span class="govuk-warning-text__icon" aria-hidden="true">
                    !
                  </span>
                  <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">Warning</span>
                    These codes are shown only once. Store them somewhere safe, away from your phone, such as a password
                    manager or a printed copy.
                  </strong>
                </div>
                <p class="govuk-body">
                  If you lose your phone, sign in with one of these codes instead of the app's code. Each code works
                  once.
                </p>
                <ul class="govuk-list app-recovery-codes" aria-label="Recovery codes">
                  <For each={codes()}>
                    {(c) => (
                      <li>
                        <code>{c}</code>
                      </li>
                    )}
                  </For>
                </ul>
                <Button type="button" onClick={finish}>
                  I have stored my recovery codes
                </Button>
              </>
            )}
          </Match>
        </Switch>
      </Page>
    </Narrow>
  );
}
