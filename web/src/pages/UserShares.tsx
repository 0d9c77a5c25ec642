import { createResource, createSignal, For, Show } from 'solid-js';
import { api, type Share } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { DataTable } from '../components/DataTable.tsx';
import type { Outcome } from '../components/FormNotice.tsx';
import { Button } from '../components/fields.tsx';

type Owner = Awaited<ReturnType<typeof api.userShares>>[number];
type Act = (action: () => Promise<void>, outcome: Outcome, refetch: () => unknown) => void;

const nameOf = (p: { firstName: string; surname: string }) => `${p.firstName} ${p.surname}`;

/**
 * User Admin, 03 User Shares: each user of the organisation who shares their cases, with a disclosure
 * (View shares / Hide shares) listing whom with, and Remove Share, which asks first.
 */
export function UserShares(props: { act: Act }) {
  const [owners, { refetch }] = createResource(api.userShares);
  return (
    <>
      <h2 class="govuk-heading-m">User Shares</h2>
      <p class="govuk-body">
        A user who shares their cases lets another user of the organisation see all of them (one way). Remove a share
        when it is no longer needed, for example when someone changes role.
      </p>
      <Async resource={owners}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={<p class="govuk-body">No one in your organisation shares their cases.</p>}
          >
            <ul class="govuk-list">
              <For each={list()}>{(owner) => <OwnerShares owner={owner} act={props.act} refetch={refetch} />}</For>
            </ul>
          </Show>
        )}
      </Async>
    </>
  );
}

function OwnerShares(props: { owner: Owner; act: Act; refetch: () => unknown }) {
  const [open, setOpen] = createSignal(false);
  const [confirming, setConfirming] = createSignal<Share>();
  const owner = () => nameOf(props.owner);
  const count = () => props.owner.shares.length;
  return (
    <li class="govuk-!-margin-bottom-6">
      <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
        {owner()} ({props.owner.username})
      </h3>
      <p class="govuk-body govuk-!-margin-bottom-2">
        Shares their cases with {count()} {count() === 1 ? 'user' : 'users'}.
      </p>
      <details class="govuk-details govuk-!-margin-bottom-0" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">
            {open() ? 'Hide shares' : 'View shares'}
            <span class="govuk-visually-hidden"> of {owner()}</span>
          </span>
        </summary>
        <div class="govuk-details__text">
          <DataTable
            caption={`Users who see ${owner()}'s cases`}
            empty="None."
            rows={props.owner.shares}
            columns={[
              { heading: 'First Name', cell: (s) => s.firstName },
              { heading: 'Last Name', cell: (s) => s.surname },
              { heading: 'Username', cell: (s) => s.username },
              { heading: 'Job Title', cell: (s) => s.jobTitle ?? '' },
              { heading: 'Case emails', cell: (s) => (s.notify ? 'On' : 'Off') },
              {
                heading: 'Action',
                cell: (s) => (
                  <Button type="button" variant="secondary" onClick={() => setConfirming(s)}>
                    Remove Share
                    <span class="govuk-visually-hidden">
                      {' '}
                      of {owner()} with {nameOf(s)}
                    </span>
                  </Button>
                ),
              },
            ]}
          />
          <Show when={confirming()}>
            {(share) => (
              <div class="govuk-inset-text">
                {/* Focus moves to the question, so keyboard and screen reader users land on it. */}
                <h4 class="govuk-heading-s" tabindex="-1" ref={(el) => queueMicrotask(() => el.focus())}>
                  Remove this share?
                </h4>
                <p class="govuk-body">
                  {nameOf(share())} will no longer see {owner()}'s cases, nor get copies of their case emails.
                </p>
                <div class="govuk-button-group">
                  <Button
                    type="button"
                    variant="warning"
                    onClick={() => {
                      const removed = share();
                      setConfirming(undefined);
                      props.act(
                        () => api.removeUserShare(props.owner.id, removed.viewerId),
                        { heading: `${nameOf(removed)} no longer sees ${owner()}'s cases` },
                        props.refetch,
                      );
                    }}
                  >
                    Yes, remove share
                  </Button>
                  <Button type="button" variant="secondary" onClick={() => setConfirming(undefined)}>
                    Cancel
                  </Button>
                </div>
              </div>
            )}
          </Show>
        </div>
      </details>
    </li>
  );
}
