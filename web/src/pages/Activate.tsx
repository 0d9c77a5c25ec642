import { useSearchParams } from '@solidjs/router';
import { createResource, Match, Switch } from 'solid-js';
import { api, ApiError } from '../api.ts';
import { Loading } from '../components/Async.tsx';
import { Page } from '../components/Page.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { SERVICE_PROBLEM } from '../forms.ts';

/** The link in the activation email: activates the account once. */
export function Activate() {
  const [params] = useSearchParams();
  const token = () => (typeof params.token === 'string' ? params.token : '');
  const [outcome] = createResource(token, (t) =>
    api.activate(t).then(
      () => ({ ok: true as const }),
      (error: unknown) => ({
        ok: false as const,
        message: error instanceof ApiError ? error.message : SERVICE_PROBLEM,
      }),
    ),
  );
  return (
    <Switch fallback={<Loading />}>
      <Match when={!token()}>
        <LinkProblem message="The link is not complete. Copy the whole link from the email into your browser's address bar." />
      </Match>
      <Match when={outcome()?.ok}>
        <Page title="Your account is active">
          <p class="govuk-body">You can now sign in with your username and password.</p>
          <ParagraphLink href="/sign-in">Sign in</ParagraphLink>
        </Page>
      </Match>
      <Match when={outcome()}>
        {(o) => {
          const result = o();
          return <LinkProblem message={result.ok ? SERVICE_PROBLEM : result.message} />;
        }}
      </Match>
    </Switch>
  );
}

function LinkProblem(props: { message: string }) {
  return (
    <Page title="Your account could not be activated">
      <p class="govuk-body">{props.message}</p>
      <h2 class="govuk-heading-m">Get a new activation link</h2>
      <p class="govuk-body">
        <a class="govuk-link" href="/sign-in">
          Sign in with your username and password
        </a>
        . Casebook will tell you the account is not active yet and offer to send the activation email again.
      </p>
    </Page>
  );
}
