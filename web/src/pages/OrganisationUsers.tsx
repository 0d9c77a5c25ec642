import { useParams, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { ACCOUNT_STATE_LABELS } from '../../../domain/user-admin.ts';
import { api, type UserRow } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { EMAIL_INPUT, Button, TextInput } from '../components/fields.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { createOrganisationName, OrganisationBackLink } from '../components/OrganisationBackLink.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { createFormErrors, createPageActions } from '../forms.ts';
import { nameOf, RowAction } from './UserAdmin.tsx';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/**
 * Provider admin: an organisation's users, to change one's registered email (only to the
 * organisation's domains; they are told at both addresses) or to unlock a locked account.
 */
export function OrganisationUsers() {
  const params = useParams();
  const organisationName = createOrganisationName(() => params.id!);
  const [search] = useSearchParams();
  const cursor = () => one(search.cursor);
  const [page, { refetch }] = createResource(
    () => ({ id: params.id!, cursor: cursor() }),
    ({ id, cursor }) => api.organisationUsers(id, cursor ? { cursor } : {}),
  );
  const [changing, setChanging] = createSignal<UserRow>();
  const [email, setEmail] = createSignal('');
  const errors = createFormErrors({ order: ['email'] });
  const actions = createPageActions(errors);
  const { done, setDone } = actions;
  const act = (action: () => Promise<unknown>, outcome: Outcome) =>
    actions.act(
      async () => {
        await action();
        setChanging(undefined);
      },
      outcome,
      refetch,
    );

  const startChange = (u: UserRow) => {
    errors.clear();
    setDone(undefined);
    setEmail('');
    setChanging(u);
    // The form has just appeared above the list: the keyboard goes to its box.
    document.getElementById('email')?.focus();
  };

  return (
    <>
      <OrganisationBackLink id={params.id!} name={organisationName()} />
      <Page
        caption={organisationName()}
        title="Users"
        error={errors.errors().length > 0}
        notice={<FormNotice errors={errors.errors()} outcome={done()} />}
      >
        <Show when={changing()}>
          {(u) => (
            <form
              novalidate
              onSubmit={(event) => {
                event.preventDefault();
                act(() => api.changeUserEmail(u().id, email()), {
                  heading: `${nameOf(u())}'s registered email is changed`,
                  detail: 'They have been told at the old address and the new one.',
                });
              }}
            >
              <h2 class="govuk-heading-m">Change {nameOf(u())}'s registered email</h2>
              <TextInput
                id="email"
                label="New email address"
                hint="It must be at one of the organisation's email domains."
                value={email()}
                onInput={setEmail}
                error={errors.field('email')}
                {...EMAIL_INPUT}
              />
              <div class="govuk-button-group">
                <Button>Change the email address</Button>
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => {
                    errors.clear();
                    setChanging(undefined);
                  }}
                >
                  Cancel
                </Button>
              </div>
            </form>
          )}
        </Show>
        <Async resource={page}>
          {(p) => (
            <>
              <DataTable
                caption="Users"
                rows={p().users}
                empty="The organisation has no users yet."
                columns={[
                  { heading: 'Full Name', cell: (u) => nameOf(u) },
                  { heading: 'Username', cell: (u) => u.username },
                  { heading: 'Account State', cell: (u) => ACCOUNT_STATE_LABELS[u.state] },
                  {
                    heading: 'Email',
                    cell: (u) => <RowAction label="Change email" person={u} onClick={() => startChange(u)} />,
                  },
                  {
                    heading: 'Lock',
                    cell: (u) => (
                      <Show when={u.state === 'locked'}>
                        <RowAction
                          label="Unlock"
                          person={u}
                          onClick={() =>
                            act(() => api.unlockUser(u.id), {
                              heading: `${nameOf(u)}'s account is unlocked`,
                              detail: `${nameOf(u)} can sign in again, and has been emailed to say so.`,
                            })
                          }
                        />
                      </Show>
                    ),
                  },
                ]}
              />
              <Pagination
                firstHref={cursor() ? '?' : undefined}
                nextHref={p().nextCursor ? `?cursor=${encodeURIComponent(p().nextCursor!)}` : undefined}
              />
            </>
          )}
        </Async>
      </Page>
    </>
  );
}
