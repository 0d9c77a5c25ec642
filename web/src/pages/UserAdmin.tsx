import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Match, Switch } from 'solid-js';
import { ACCOUNT_STATE_LABELS, type AccountState } from '../../../domain/user-admin.ts';
import { api, type AccessRequest, type LockedUser, type UserRow } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { Button, Select, TextInput } from '../components/fields.tsx';
import { createFormErrors, createPageActions } from '../forms.ts';
import { formatDate, formatTime } from '../format.ts';
import { useSession } from '../session.tsx';
import { UserShares } from './UserShares.tsx';

const TABS = [
  { key: 'all', label: '01 All Users' },
  { key: 'locked', label: '02 Locked Users' },
  { key: 'shares', label: '03 User Shares' },
  { key: 'requests', label: '04 Access Requests' },
] as const;

type Person = { firstName: string; surname: string; username: string; jobTitle: string | null };
export const nameOf = (p: Person) => `${p.firstName} ${p.surname}`;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A list's page is in the address (`?tab=&cursor=`): links to the next page and back to the first. */
function PageLinks(props: { tab: string; cursor: string | undefined; nextCursor: string | null }) {
  const href = (cursor?: string | null) => `?${new URLSearchParams({ tab: props.tab, ...(cursor ? { cursor } : {}) })}`;
  return (
    <Pagination
      firstHref={props.cursor ? href() : undefined}
      nextHref={props.nextCursor ? href(props.nextCursor) : undefined}
    />
  );
}

/** The columns both lists share, then their own. */
const personColumns = <T extends Person>(): Column<T>[] => [
  { heading: 'First Name', cell: (p) => p.firstName },
  { heading: 'Last Name', cell: (p) => p.surname },
  { heading: 'Username', cell: (p) => p.username },
  { heading: 'Job Title', cell: (p) => p.jobTitle ?? '' },
];

/** A button in a table row whose hidden text names the person it acts on. */
export function RowAction(props: { label: string; person: Person; onClick: () => void }) {
  return (
    <button
      type="button"
      class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
      data-module="govuk-button"
      onClick={() => props.onClick()}
    >
      {props.label}
      <span class="govuk-visually-hidden"> {nameOf(props.person)}</span>
    </button>
  );
}

/** User Admin: 01 All Users, 02 Locked Users (unlock), 03 User Shares (remove) and 04 Access Requests (approve). */
export function UserAdmin() {
  const [params, setParams] = useSearchParams();
  const tab = () => TABS.find((t) => t.key === one(params.tab))?.key ?? 'all';
  const cursor = () => one(params.cursor);
  const errors = createFormErrors();
  const { done, setDone, act } = createPageActions(errors);

  const select = (key: string) => {
    setDone(undefined);
    errors.clear();
    setParams({ tab: key, cursor: undefined });
  };

  return (
    <Page
      title="User Admin"
      error={errors.errors().length > 0}
      notice={<FormNotice errors={errors.errors()} outcome={done()} />}
    >
      <Tabs label="User Admin" tabs={TABS} selected={tab()} onSelect={select}>
        <Switch>
          <Match when={tab() === 'all'}>
            <AllUsers act={act} cursor={cursor()} state={one(params.state)} q={one(params.q)} sort={one(params.sort)} />
          </Match>
          <Match when={tab() === 'locked'}>
            <LockedUsers act={act} cursor={cursor()} />
          </Match>
          <Match when={tab() === 'shares'}>
            <UserShares act={act} />
          </Match>
          <Match when={tab() === 'requests'}>
            <AccessRequests act={act} cursor={cursor()} />
          </Match>
        </Switch>
      </Tabs>
    </Page>
  );
}

type Act = (action: () => Promise<void>, outcome: Outcome, refetch: () => unknown) => void;

function LockedUsers(props: { act: Act; cursor: string | undefined }) {
  const [page, { refetch }] = createResource(() => (props.cursor ? { cursor: props.cursor } : {}), api.lockedUsers);
  const columns: Column<LockedUser>[] = [
    ...personColumns<LockedUser>(),
    { heading: 'Locked', cell: (u) => `${formatDate(u.lockedAt, 'short')} ${formatTime(u.lockedAt)}` },
    {
      heading: 'Action',
      cell: (u) => (
        <RowAction
          label="Unlock"
          person={u}
          onClick={() =>
            props.act(
              () => api.unlockUser(u.id),
              { heading: `${nameOf(u)}'s account is unlocked`, detail: `${nameOf(u)} can sign in again.` },
              refetch,
            )
          }
        />
      ),
    },
  ];
  return (
    <>
      <p class="govuk-body">
        Accounts lock after 3 incorrect passwords in a row. Unlock one when you are sure its owner asked.
      </p>
      <Async resource={page}>
        {(p) => (
          <>
            <DataTable
              caption="Locked Users"
              columns={columns}
              rows={p().users}
              empty="There are no locked accounts."
            />
            <PageLinks tab="locked" cursor={props.cursor} nextCursor={p().nextCursor} />
          </>
        )}
      </Async>
    </>
  );
}

function AccessRequests(props: { act: Act; cursor: string | undefined }) {
  const [page, { refetch }] = createResource(() => (props.cursor ? { cursor: props.cursor } : {}), api.accessRequests);
  const columns: Column<AccessRequest>[] = [
    ...personColumns<AccessRequest>(),
    { heading: 'Requested', cell: (r) => formatDate(r.requestedAt, 'short') },
    {
      heading: 'Action',
      cell: (r) => (
        <RowAction
          label="Approve"
          person={r}
          onClick={() =>
            props.act(
              () => api.approveAccess(r.id),
              {
                heading: `${nameOf(r)} can now use Casebook for your organisation`,
                detail: `${nameOf(r)} can switch to it at the top of any page.`,
              },
              refetch,
            )
          }
        />
      ),
    },
  ];
  return (
    <>
      <p class="govuk-body">
        People who already use Casebook for another organisation and have asked to use it for yours.
      </p>
      <Async resource={page}>
        {(p) => (
          <>
            <DataTable
              caption="Access Requests"
              columns={columns}
              rows={p().requests}
              empty="There are no requests waiting."
            />
            <PageLinks tab="requests" cursor={props.cursor} nextCursor={p().nextCursor} />
          </>
        )}
      </Async>
    </>
  );
}

const STATE_OPTIONS = (Object.entries(ACCOUNT_STATE_LABELS) as [AccountState, string][]).map(([value, label]) => ({
  value,
  label,
}));
const SORT_OPTIONS = [
  { value: 'name', label: 'Name' },
  { value: 'username', label: 'Username' },
  { value: 'jobTitle', label: 'Job title' },
];
type Sort = 'name' | 'username' | 'jobTitle';
const isState = (v: string | undefined): v is AccountState => !!v && v in ACCOUNT_STATE_LABELS;
const isSort = (v: string | undefined): v is Sort => v === 'name' || v === 'username' || v === 'jobTitle';

/**
 * 01 All Users: filter by account state, search, sort; Enable/Disable, the user's page, and Reassign cases
 * for an admin who is also a case reassigner (Leaver is on the user's page: one target per cell for axe).
 */
function AllUsers(props: {
  act: Act;
  cursor: string | undefined;
  state: string | undefined;
  q: string | undefined;
  sort: string | undefined;
}) {
  const [, setParams] = useSearchParams();
  const [state, setState] = createSignal(props.state ?? '');
  const [q, setQ] = createSignal(props.q ?? '');
  const [sort, setSort] = createSignal(props.sort ?? 'name');
  const query = () => ({
    ...(isState(props.state) ? { state: props.state } : {}),
    ...(props.q ? { q: props.q } : {}),
    ...(isSort(props.sort) ? { sort: props.sort } : {}),
    ...(props.cursor ? { cursor: props.cursor } : {}),
  });
  const [page, { refetch }] = createResource(query, api.users);
  const mayReassign = useSession().permissions.includes('case_reassigner');
  const filter = (event: SubmitEvent) => {
    event.preventDefault();
    setParams({ tab: 'all', state: state() || undefined, q: q() || undefined, sort: sort(), cursor: undefined });
  };
  const pageHref = (cursor?: string | null) =>
    `?${new URLSearchParams({
      tab: 'all',
      ...(props.state ? { state: props.state } : {}),
      ...(props.q ? { q: props.q } : {}),
      ...(props.sort ? { sort: props.sort } : {}),
      ...(cursor ? { cursor } : {}),
    })}`;
  const toggle = (u: UserRow) => {
    const disabling = u.state !== 'disabled';
    props.act(
      () => (disabling ? api.disableUser(u.id) : api.enableUser(u.id)),
      disabling
        ? { heading: `${nameOf(u)}'s account is disabled`, detail: `${nameOf(u)} can no longer sign in.` }
        : { heading: `${nameOf(u)}'s account is enabled`, detail: `${nameOf(u)} can sign in again.` },
      refetch,
    );
  };
  const columns: Column<UserRow>[] = [
    {
      heading: 'Full Name',
      cell: (u) => (
        <a class="govuk-link" href={`/admin/users/${u.id}`}>
          {nameOf(u)}
        </a>
      ),
    },
    { heading: 'Username', cell: (u) => u.username },
    { heading: 'Job Title', cell: (u) => u.jobTitle ?? '' },
    { heading: 'Account State', cell: (u) => ACCOUNT_STATE_LABELS[u.state] },
    {
      heading: 'Enable/Disable',
      cell: (u) => (
        <RowAction label={u.state === 'disabled' ? 'Enable' : 'Disable'} person={u} onClick={() => toggle(u)} />
      ),
    },
    ...(mayReassign
      ? [
          {
            heading: 'Reassign cases',
            cell: (u: UserRow) => (
              <a class="govuk-link app-table-link" href={`/admin/users/${u.id}/reassign`}>
                Reassign cases<span class="govuk-visually-hidden"> of {nameOf(u)}</span>
              </a>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <p class="govuk-body">
        <a class="govuk-link" href={api.usersExportHref()} download="">
          Export Users
        </a>{' '}
        (Excel, with each user's state and last sign-in)
      </p>
      <form novalidate onSubmit={filter} role="search" aria-label="Users">
        <div class="app-filter-row">
          <Select
            id="state"
            label="Filter Employee Account State"
            value={state()}
            onInput={setState}
            options={STATE_OPTIONS}
            placeholder="All"
          />
          <TextInput id="q" label="Name, username or email" type="search" value={q()} onInput={setQ} />
          <Select
            id="sort"
            label="Sort by"
            value={sort()}
            onInput={setSort}
            options={SORT_OPTIONS}
            placeholder="Name"
          />
        </div>
        <Button variant="secondary">Apply</Button>
      </form>
      <Async resource={page}>
        {(p) => (
          <>
            <DataTable caption="All Users" columns={columns} rows={p().users} empty="No users match." small />
            <Pagination
              firstHref={props.cursor ? pageHref() : undefined}
              nextHref={p().nextCursor ? pageHref(p().nextCursor) : undefined}
            />
          </>
        )}
      </Async>
    </>
  );
}
