import { useNavigate, useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import { api } from '../api.ts';
import { ReassignForm } from '../case/ReassignForm.tsx';
import { Async } from '../components/Async.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { createFormErrors } from '../forms.ts';

/**
 * Reassign all of a user's cases, open and closed (User Admin and Case reassigner), or a leaver: the same
 * question page, the leaver's also disabling the account and ending its sessions. Starting it moves on
 * to the progress page, which follows the workflow that moves the cases.
 */
function ReassignAllPage(props: { leaver: boolean }) {
  const params = useParams();
  const navigate = useNavigate();
  const [user] = createResource(() => params.id, api.user);
  const [targets] = createResource(api.reassignTargets);
  const errors = createFormErrors({ order: ['toUserId', 'reason'] });
  const name = () => (user() ? `${user()!.firstName} ${user()!.surname}` : '');
  const send = async (body: { toUserId: string; reason: string }) => {
    const { reassignmentId } = await (props.leaver ? api.leaver : api.reassignAll)(params.id!, body);
    navigate(`/admin/reassignments/${reassignmentId}${props.leaver ? '?leaver=1' : ''}`);
  };
  const title = props.leaver ? 'Leaver' : 'Reassign cases';
  return (
    <Narrow>
      <BackLink href={`/admin/users/${params.id}`}>Back to the user</BackLink>
      <Page
        title={title}
        heading={user() ? (props.leaver ? `${name()} is leaving` : `Reassign ${name()}'s cases`) : title}
        caption="User Admin"
        error={errors.errors().length > 0}
        notice={<FormNotice errors={errors.errors()} />}
      >
        <Async resource={user}>
          {(u) => (
            <>
              <Show
                when={props.leaver}
                fallback={
                  <p class="govuk-body">
                    All of {name()}'s cases, open and closed, move to the user you choose, who tracks them and gets
                    their emails from then on. Each case's history keeps the reason.
                  </p>
                }
              >
                <p class="govuk-body">In one action, Casebook:</p>
                <ul class="govuk-list govuk-list--bullet">
                  <li>disables {name()}'s account, so they can no longer sign in</li>
                  <li>signs them out everywhere</li>
                  <li>moves all their cases, open and closed, to the user you choose</li>
                </ul>
                <div class="govuk-warning-text">
                  <span class="govuk-warning-text__icon" aria-hidden="true">
                    !
                  </span>
                  <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">Warning</span>
                    You can enable the account again later, but the cases stay with their new owner.
                  </strong>
                </div>
              </Show>
              <Async resource={targets}>
                {(users) => (
                  <ReassignForm
                    users={users().filter((t) => t.id !== u().id)}
                    ownerLabel="New owner of the cases"
                    ownerHint="An active user of your organisation"
                    reasonHint="Shown in each case's history. Do not include health details."
                    submitLabel={props.leaver ? 'Disable account and reassign cases' : 'Reassign all cases'}
                    warning={props.leaver}
                    cancelHref={`/admin/users/${u().id}`}
                    errors={errors}
                    send={send}
                  />
                )}
              </Async>
            </>
          )}
        </Async>
      </Page>
    </Narrow>
  );
}

export const ReassignAll = () => <ReassignAllPage leaver={false} />;
export const Leaver = () => <ReassignAllPage leaver />;
