import { useParams, useSearchParams } from '@solidjs/router';
import { createResource, onCleanup, Show } from 'solid-js';
import { api } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';

/** How often the page asks how far the workflow has got. */
const POLL_MS = 1_000;

const casesMoved = (moved: number, total: number) => `${moved} of ${total} ${total === 1 ? 'case' : 'cases'} moved`;

/**
 * A reassign-all (or a leaver's) under way: a progress bar that follows the workflow's progress, asked
 * every second, and read out as "n of m cases moved" by a polite live region; when it is done, a
 * confirmation panel. Leaving the page does not stop the workflow: coming back shows where it is.
 */
export function ReassignProgress() {
  const params = useParams();
  const [search] = useSearchParams();
  const leaver = () => search.leaver === '1';
  const [progress, { refetch }] = createResource(() => params.id, api.reassignment);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = () => {
    timer = setTimeout(async () => {
      await refetch();
      if (!progress.error && !progress.latest?.done) poll();
    }, POLL_MS);
  };
  poll();
  onCleanup(() => clearTimeout(timer));
  return (
    <Narrow>
      <Async resource={progress}>
        {(p) => (
          <Show
            when={p().done}
            fallback={
              <Page title="Reassigning cases" heading={`Moving ${p().fromName}'s cases to ${p().toName}`}>
                <Show when={leaver()}>
                  <p class="govuk-body">
                    {p().fromName}'s account is disabled and they are signed out. Their cases are moving now.
                  </p>
                </Show>
                <div class="govuk-form-group app-reassign-progress">
                  <label class="govuk-label govuk-label--s" for="reassign-progress">
                    Cases moved
                  </label>
                  <Show
                    when={p().total > 0}
                    fallback={<progress id="reassign-progress" aria-valuetext="Counting the cases" />}
                  >
                    <progress
                      id="reassign-progress"
                      max={p().total}
                      value={p().moved}
                      aria-valuetext={casesMoved(p().moved, p().total)}
                    />
                  </Show>
                </div>
                <p class="govuk-body" aria-live="polite">
                  {p().total > 0 ? casesMoved(p().moved, p().total) : 'Counting the cases…'}
                </p>
                <p class="govuk-body">
                  You can leave this page: the cases keep moving, and this page shows where it is.
                </p>
              </Page>
            }
          >
            <Page
              title={leaver() ? 'Leaver done' : 'Cases reassigned'}
              heading={leaver() ? `${p().fromName} has left` : 'Cases reassigned'}
              panel={casesMoved(p().moved, p().total)}
            >
              <p class="govuk-body">
                <Show when={leaver()}>{p().fromName}'s account is disabled and they are signed out. </Show>
                All of {p().fromName}'s cases now belong to {p().toName}, who tracks them and gets their emails. Each
                case's history shows who reassigned it and why.
              </p>
              <p class="govuk-body">
                <a class="govuk-link" href={`/admin/users/${p().fromUserId}`}>
                  Back to {p().fromName}
                </a>
              </p>
              <p class="govuk-body">
                <a class="govuk-link" href="/users">
                  Back to All Users
                </a>
              </p>
            </Page>
          </Show>
        )}
      </Async>
    </Narrow>
  );
}
