import { Match, Switch, untrack, type Accessor, type JSX, type Resource } from 'solid-js';
import { ApiError } from '../api.ts';
import { NotFound } from '../pages/NotFound.tsx';
import { Page } from './Page.tsx';

/**
 * Shows a loading message, the API's error, or the loaded data. The content is
 * built once and follows refetches through the accessor, so it keeps its state.
 */
export function Async<T>(props: { resource: Resource<T>; children: (value: Accessor<T>) => JSX.Element }) {
  return (
    <Switch fallback={<Loading />}>
      <Match when={props.resource.error as unknown}>{(error) => <Problem error={error()} />}</Match>
      <Match when={props.resource.state === 'ready' || props.resource.state === 'refreshing'}>
        {untrack(() => props.children(() => props.resource.latest as T))}
      </Match>
    </Switch>
  );
}

export function Loading() {
  return (
    <p class="govuk-body" role="status">
      Loading…
    </p>
  );
}

function Problem(props: { error: unknown }) {
  const error = () => (props.error instanceof ApiError ? props.error : undefined);
  return (
    <Switch fallback={<ServiceProblem message="Sorry, there is a problem with the service. Try again later." />}>
      {/* Signed out: the app is already on its way to the sign-in page. */}
      <Match when={error()?.status === 401}>
        <Loading />
      </Match>
      <Match when={error()?.status === 404 || error()?.status === 400}>
        <NotFound />
      </Match>
      <Match when={error()}>{(e) => <ServiceProblem message={e().message} />}</Match>
    </Switch>
  );
}

function ServiceProblem(props: { message: string }) {
  return (
    <Page title="Sorry, there is a problem with the service">
      <p class="govuk-body">{props.message}</p>
    </Page>
  );
}
