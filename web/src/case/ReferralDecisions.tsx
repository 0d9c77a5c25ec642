import { useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { api, type Referral } from '../api.ts';
import { Button } from '../components/fields.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { formatDate } from '../format.ts';
import type { ActionRunner } from './action-runner.ts';
import { RejectForm } from './RejectForm.tsx';

/** Re-Refer: a rejected referral opens for editing; a closed case starts a new referral. Either way, the draft opens. */
export function useReRefer(runner: ActionRunner) {
  const navigate = useNavigate();
  return (referralId: string) =>
    runner.run(async () => {
      const draft = await api.reRefer(referralId);
      navigate(`/referrals/${draft.id}/edit`);
      return { heading: 'Re-referred' };
    });
}

function ReReferButton(props: { referral: Referral; runner: ActionRunner; variant?: 'secondary' }) {
  const reRefer = useReRefer(props.runner);
  return (
    <Button type="button" variant={props.variant} onClick={() => reRefer(props.referral.id)}>
      Re-Refer<span class="govuk-visually-hidden"> {props.referral.caseNumber ?? 'this referral'}</span>
    </Button>
  );
}

/** A rejected referral: why (the category the email named, and the reason in full), and what its author can do. */
export function RejectedReferral(props: { referral: Referral; runner: ActionRunner }) {
  return (
    <>
      <div class="govuk-inset-text">
        <h2 class="govuk-heading-s govuk-!-margin-bottom-1">Reason for rejection</h2>
        {/* Referrals rejected before categories existed have none. */}
        <Show when={props.referral.rejectionCategoryLabel}>
          {(label) => <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{label()}</p>}
        </Show>
        <p class="govuk-body app-multiline govuk-!-margin-bottom-0">
          {props.referral.rejectionReason ?? 'No reason was recorded.'}
        </p>
      </div>
      <Show when={props.referral.allowed.reRefer || props.referral.allowed.delete}>
        <div class="govuk-button-group">
          <Show when={props.referral.allowed.reRefer}>
            <ReReferButton referral={props.referral} runner={props.runner} />
          </Show>
          <Show when={props.referral.allowed.delete}>
            <a
              class="govuk-button govuk-button--warning"
              data-module="govuk-button"
              role="button"
              href={`/referrals/${props.referral.id}/delete`}
            >
              Delete
            </a>
          </Show>
        </div>
      </Show>
    </>
  );
}

/** A closed case: its outcome and recall date, and re-referring the employee. */
export function ClosedCase(props: { referral: Referral; runner: ActionRunner }) {
  return (
    <>
      <h2 class="govuk-heading-m">Outcome</h2>
      <SummaryList
        rows={[
          { key: 'Outcome', value: <span class="app-multiline">{props.referral.outcome ?? 'Not recorded'}</span> },
          { key: 'Date closed', value: formatDate(props.referral.closedAt) || 'Not recorded' },
          { key: 'Recall date', value: formatDate(props.referral.recallDate) || 'None' },
        ]}
      />
      <Show when={props.referral.allowed.reRefer}>
        <p class="govuk-body">Re-refer the employee to start a new referral with their details filled in.</p>
        <ReReferButton referral={props.referral} runner={props.runner} variant="secondary" />
      </Show>
    </>
  );
}

/** The author's manager lets the referral go to the provider, or sends it back. */
export function ApprovalDecision(props: { referral: Referral; runner: ActionRunner }) {
  const approve = () =>
    props.runner.run(async () => {
      await api.approveReferral(props.referral.id);
      return { heading: 'Referral approved', detail: 'It has gone to the provider for triage.' };
    });
  return (
    <>
      <h2 class="govuk-heading-m">Approve referral</h2>
      <p class="govuk-body">This referral needs your approval before it goes to the provider.</p>
      <Button type="button" onClick={approve}>
        Approve referral
      </Button>
      <RejectForm
        heading="Reject referral"
        hint="The person who made the referral reads this on the referral page, not in the email, and can re-refer it."
        runner={props.runner}
        reject={async (rejection) => {
          await api.declineApproval(props.referral.id, rejection);
          return {
            heading: 'Referral rejected',
            detail: 'The person who made it has been emailed and can re-refer it.',
          };
        }}
      />
    </>
  );
}
