import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Match, Switch } from 'solid-js';
import { api, ApiError } from '../api.ts';
import { Loading } from '../components/Async.tsx';
import { LinkQuestion } from '../components/LinkQuestion.tsx';
import { Page } from '../components/Page.tsx';
import { SERVICE_PROBLEM } from '../forms.ts';

const OPTIONS = [
  { value: 'given' as const, label: 'Yes, I give my consent', hint: 'The occupational health provider goes ahead with your referral.' },
  { value: 'declined' as const, label: 'No, I do not give my consent', hint: 'The referral is closed. Your employer is told you declined.' },
];

export const linkToken = (value: string | string[] | undefined) => (typeof value === 'string' ? value : '');

/** The page an employee reaches from the consent email: the link is their only key. */
export function EmployeeConsent() {
  const [params] = useSearchParams();
  const token = () => linkToken(params.token);
  const [request] = createResource(token, (t) =>
    api.consentRequest(t).then(
      (r) => ({ ok: true as const, employer: r.employer }),
      (error: unknown) => ({ ok: false as const, message: error instanceof ApiError ? error.message : SERVICE_PROBLEM }),
    ),
  );
  const [answered, setAnswered] = createSignal<'given' | 'declined'>();
  return (
    <Switch fallback={<Loading />}>
      <Match when={!token()}>
        <LinkProblem title="This consent link is not complete" message="Copy the whole link from the email into your browser's address bar." />
      </Match>
      <Match when={answered()}>
        {(a) => (
          <Page title={a() === 'given' ? 'Thank you: your consent has been recorded' : 'Your answer has been recorded'}>
            <p class="govuk-body">
              {a() === 'given'
                ? 'The occupational health provider will contact you about the next steps.'
                : 'Your referral has been closed. You can talk to your manager or HR if you change your mind.'}
            </p>
          </Page>
        )}
      </Match>
      <Match when={request()}>
        {(r) => {
          const result = r();
          return result.ok ? <ConsentQuestion token={token()} employer={result.employer} onAnswered={setAnswered} /> : <LinkProblem title="This consent link cannot be used" message={result.message} />;
        }}
      </Match>
    </Switch>
  );
}

function ConsentQuestion(props: { token: string; employer: string; onAnswered: (decision: 'given' | 'declined') => void }) {
  return (
    <LinkQuestion
      title="Do you consent to the occupational health referral?"
      id="decision"
      legend="Your answer"
      options={OPTIONS}
      missing="Choose whether you give your consent"
      send={(decision) => api.answerConsent(props.token, decision)}
      onAnswered={props.onAnswered}
    >
      <p class="govuk-body">{props.employer} has referred you to its occupational health provider.</p>
      <p class="govuk-body">
        With your consent, a clinician will review the referral, may arrange an appointment with you, and will write advice for your employer about your
        health and work. Your medical details are not shared with your employer without your agreement.
      </p>
    </LinkQuestion>
  );
}

export function LinkProblem(props: { title: string; message: string }) {
  return (
    <Page title={props.title}>
      <p class="govuk-body">{props.message}</p>
      <p class="govuk-body">If you need help, contact the occupational health provider using the details in the email.</p>
    </Page>
  );
}
