import { createResource, createSignal } from 'solid-js';
import { api, type Share } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Button, Select } from '../components/fields.tsx';
import { createSubmitter, type FormErrors } from '../forms.ts';

/**
 * My Account, 02 Shared Users: share my cases with a user of my organisation (one way), turn each
 * share's email copies on or off, and unshare. The page's error summary and banner say what happened.
 */
export function SharedUsers(props: { errors: FormErrors; onDone: (heading: string) => void }) {
  const [shares, { refetch: refetchShares }] = createResource(api.shares);
  const [candidates, { refetch: refetchCandidates }] = createResource(api.shareCandidates);
  const [viewerId, setViewerId] = createSignal('');
  const submitter = createSubmitter();
  const act = (action: () => Promise<unknown>, heading: string) =>
    submitter.run(async () => {
      try {
        await action();
        props.errors.clear();
        await Promise.all([refetchShares(), refetchCandidates()]);
        props.onDone(heading);
      } catch (error) {
        props.errors.show(error);
      }
    });
  const name = (s: Share) => `${s.firstName} ${s.surname}`;
  return (
    <>
      <h2 class="govuk-heading-m">Shared Users</h2>
      <p class="govuk-body">
        A user you share with sees all your cases. Sharing is one way: it does not show you theirs.
      </p>
      <form
        novalidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!viewerId()) {
            props.errors.set([{ text: 'Choose a user to share your cases with', target: 'viewerId' }]);
            return;
          }
          const chosen = candidates()?.find((u) => u.id === viewerId());
          void act(
            async () => {
              await api.share(viewerId());
              setViewerId('');
            },
            `Your cases are now shared with ${chosen ? `${chosen.firstName} ${chosen.surname}` : 'them'}`,
          );
        }}
      >
        <Async resource={candidates}>
          {(users) => (
            <Select
              id="viewerId"
              label="Choose a user of your organisation"
              value={viewerId()}
              error={props.errors.field('viewerId')}
              placeholder="Choose a user"
              options={users().map((u) => ({ value: u.id, label: `${u.firstName} ${u.surname} (${u.username})` }))}
              onInput={setViewerId}
            />
          )}
        </Async>
        <Button>Share Cases</Button>
      </form>
      <Async resource={shares}>
        {(rows) => (
          <DataTable
            caption="Users you share your cases with"
            empty="You do not share your cases with anyone."
            rows={rows()}
            columns={[
              { heading: 'First Name', cell: (s) => s.firstName },
              { heading: 'Last Name', cell: (s) => s.surname },
              { heading: 'Username', cell: (s) => s.username },
              { heading: 'Job Title', cell: (s) => s.jobTitle ?? '' },
              {
                heading: 'Email notifications',
                cell: (s) => (
                  <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    <div class="govuk-checkboxes__item">
                      <input
                        class="govuk-checkboxes__input"
                        id={`notify-${s.viewerId}`}
                        type="checkbox"
                        checked={s.notify}
                        onChange={(e) => {
                          const notify = e.currentTarget.checked;
                          void act(
                            () => api.setShareNotify(s.viewerId, notify),
                            notify
                              ? `${name(s)} will get copies of your case emails`
                              : `${name(s)} will no longer get copies of your case emails`,
                          );
                        }}
                      />
                      <label class="govuk-label govuk-checkboxes__label" for={`notify-${s.viewerId}`}>
                        <span class="govuk-visually-hidden">Email notifications for {name(s)}</span>
                        <span aria-hidden="true">On</span>
                      </label>
                    </div>
                  </div>
                ),
              },
              {
                heading: 'Unshare',
                cell: (s) => (
                  <Button
                    type="button"
                    variant="secondary"
                    onClick={() =>
                      void act(() => api.unshare(s.viewerId), `You no longer share your cases with ${name(s)}`)
                    }
                  >
                    Unshare<span class="govuk-visually-hidden"> with {name(s)}</span>
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Async>
    </>
  );
}
