import { createSignal, Show } from 'solid-js';
import type { Message } from '../api.ts';
import { BotCheck, createBotCheck } from '../components/BotCheck.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { Button, EMAIL_INPUT, TextInput } from '../components/fields.tsx';
import { Page } from '../components/Page.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';

/**
 * Forgot password and forgot username: a registered email address and the bot
 * check, then the API's answer, which is the same whether or not the address
 * has an account.
 */
export function EmailRequestPage(props: {
  title: string;
  intro: string;
  button: string;
  send: (email: string, botCheck: string) => Promise<Message>;
}) {
  const [email, setEmail] = createSignal('');
  const [sent, setSent] = createSignal<string>();
  const botCheck = createBotCheck();
  const errors = createFormErrors({ order: ['email', 'botCheck'] });
  const submitter = createSubmitter();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!email().trim()) return errors.set([{ target: 'email', text: 'Enter your email address' }]);
    void submitter.run(async () => {
      const solved = await botCheck.ensure();
      try {
        setSent((await props.send(email().trim(), solved)).message);
      } catch (error) {
        botCheck.reset();
        errors.show(error);
      }
    });
  };

  return (
    <Show
      when={sent()}
      fallback={
        <Page title={props.title} error={errors.errors().length > 0} notice={<ErrorSummary errors={errors.errors()} />}>
          <p class="govuk-body">{props.intro}</p>
          <form novalidate onSubmit={submit}>
            <TextInput
              id="email"
              label="Email Address"
              hint="The email address registered to your Casebook account"
              {...EMAIL_INPUT}
              value={email()}
              error={errors.field('email')}
              onInput={setEmail}
            />
            <BotCheck control={botCheck} error={errors.field('botCheck')} />
            <Button>{props.button}</Button>
          </form>
          <ParagraphLink href="/sign-in">Back to sign in</ParagraphLink>
        </Page>
      }
    >
      {(message) => (
        <Page title="Check your email">
          <p class="govuk-body">{message()}</p>
          <p class="govuk-body">If the email has not arrived after a few minutes, check your junk or spam folder.</p>
          <ParagraphLink href="/sign-in">Back to sign in</ParagraphLink>
        </Page>
      )}
    </Show>
  );
}
