import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { PERMISSION_LABELS, type Permission } from '../../../domain/permissions.ts';
import { ACCOUNT_STATE_LABELS } from '../../../domain/user-admin.ts';
import { api, type UserDetail } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { Button, Select } from '../components/fields.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { Page } from '../components/Page.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';
import { formatDate, formatTime } from '../format.ts';
import { useSession } from '../session.tsx';

/** One user of the organisation (User Admin): their permissions and manager, and Enable/Disable. */
export function AdminUser() {
  const params = useParams();
  const [user, { refetch }] = createResource(() => params.id, api.user);
  const [done, setDone] = createSignal<Outcome>();
  const errors = createFormErrors({ order: ['permissions', 'managerId'] });
  return (
    <>
      <BackLink href="/users">Back to All Users</BackLink>
      <Page
        title="User"
        heading={user() ? `${user()!.firstName} ${user()!.surname}` : 'User'}
        error={errors.errors().length > 0}
        notice={<FormNotice errors={errors.errors()} outcome={done()} />}
      >
        <Async resource={user}>
          {(u) => (
            <UserForm
              user={u()}
              errors={errors}
              onDone={(o) => {
                setDone(o);
                void refetch();
              }}
              onFail={() => setDone(undefined)}
            />
          )}
        </Async>
      </Page>
    </>
  );
}

function UserForm(props: {
  user: UserDetail;
  errors: ReturnType<typeof createFormErrors>;
  onDone: (outcome: Outcome) => void;
  onFail: () => void;
}) {
  const [permissions, setPermissions] = createSignal<Permission[]>([...props.user.permissions]);
  const [managerId, setManagerId] = createSignal(props.user.managerId ?? '');
  const submitter = createSubmitter();
  const name = () => `${props.user.firstName} ${props.user.surname}`;
  const run = (action: () => Promise<unknown>, outcome: Outcome) =>
    void submitter.run(async () => {
      try {
        await action();
        props.errors.clear();
        props.onDone(outcome);
      } catch (error) {
        props.onFail();
        props.errors.show(error);
      }
    });
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    run(() => api.setUserAccess(props.user.id, { permissions: permissions(), managerId: managerId() || null }), {
      heading: `${name()}'s permissions and manager are saved`,
      detail: 'They apply from their next page.',
    });
  };
  const toggle = (p: Permission, on: boolean) =>
    setPermissions((list) => (on ? [...list, p] : list.filter((x) => x !== p)));
  const disabled = () => props.user.state === 'disabled';
  // Reassigning all of a user's cases needs Case reassigner beside User Admin (the API checks it too).
  const session = useSession();
  const mayReassign = session.permissions.includes('case_reassigner');
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Username', value: props.user.username },
          { key: 'Email', value: props.user.email },
          { key: 'Job title', value: props.user.jobTitle ?? '' },
          { key: 'Account state', value: ACCOUNT_STATE_LABELS[props.user.state] },
          {
            key: 'Last sign-in',
            value: props.user.lastLoginAt
              ? `${formatDate(props.user.lastLoginAt)} ${formatTime(props.user.lastLoginAt)}`
              : 'Never',
          },
        ]}
      />
      <form novalidate onSubmit={save}>
        <div class={`govuk-form-group${props.errors.field('permissions') ? ' govuk-form-group--error' : ''}`}>
          <fieldset class="govuk-fieldset" id="permissions" aria-describedby="permissions-hint">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Permissions</legend>
            <div id="permissions-hint" class="govuk-hint">
              What {name()} may do in this organisation.
            </div>
            <Show when={props.errors.field('permissions')}>
              <p class="govuk-error-message">
                <span class="govuk-visually-hidden">Error:</span> {props.errors.field('permissions')}
              </p>
            </Show>
            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <For each={props.user.grantable}>
                {(p) => (
                  <div class="govuk-checkboxes__item">
                    <input
                      class="govuk-checkboxes__input"
                      id={`permission-${p}`}
                      type="checkbox"
                      checked={permissions().includes(p)}
                      onChange={(e) => toggle(p, e.currentTarget.checked)}
                    />
                    <label class="govuk-label govuk-checkboxes__label" for={`permission-${p}`}>
                      {PERMISSION_LABELS[p]}
                    </label>
                  </div>
                )}
              </For>
            </div>
          </fieldset>
        </div>
        <Select
          id="managerId"
          label="Manager"
          hint="Someone in this organisation above or beside them: not someone who reports to them."
          value={managerId()}
          onInput={setManagerId}
          error={props.errors.field('managerId')}
          options={props.user.managerChoices.map((m) => ({ value: m.id, label: m.name }))}
          placeholder="No manager"
        />
        <Button>Save permissions and manager</Button>
      </form>
      <h2 class="govuk-heading-m">Account</h2>
      <Button
        type="button"
        variant={disabled() ? 'secondary' : 'warning'}
        onClick={() =>
          run(
            () => (disabled() ? api.enableUser(props.user.id) : api.disableUser(props.user.id)),
            disabled()
              ? { heading: `${name()}'s account is enabled`, detail: `${name()} can sign in again.` }
              : { heading: `${name()}'s account is disabled`, detail: `${name()} can no longer sign in.` },
          )
        }
      >
        {disabled() ? 'Enable account' : 'Disable account'}
      </Button>
      <Show when={mayReassign}>
        <h2 class="govuk-heading-m">Cases</h2>
        <p class="govuk-body">
          Move all of {name()}'s cases, open and closed, to another user. When {name()} leaves, Leaver also disables
          their account and signs them out, in one action.
        </p>
        <div class="govuk-button-group">
          <a
            class="govuk-button govuk-button--secondary"
            role="button"
            draggable="false"
            data-module="govuk-button"
            href={`/admin/users/${props.user.id}/reassign`}
          >
            Reassign cases<span class="govuk-visually-hidden"> of {name()}</span>
          </a>
          <Show when={!disabled() && props.user.id !== session.user.id}>
            <a
              class="govuk-button govuk-button--warning"
              role="button"
              draggable="false"
              data-module="govuk-button"
              href={`/admin/users/${props.user.id}/leaver`}
            >
              Leaver<span class="govuk-visually-hidden"> for {name()}</span>
            </a>
          </Show>
        </div>
      </Show>
    </>
  );
}
