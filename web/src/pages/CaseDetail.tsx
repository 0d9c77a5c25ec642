import { useLocation, useParams, useSearchParams } from '@solidjs/router';
import { createResource, Match, Show, Switch } from 'solid-js';
import { isReassignable } from '../../../domain/referral-transitions.ts';
import { api, type Referral } from '../api.ts';
import { createActionRunner, type ActionRunner } from '../case/action-runner.ts';
import { CaseActions } from '../case/CaseActions.tsx';
import { CaseDocuments } from '../case/CaseDocuments.tsx';
import { CaseHistory } from '../case/CaseHistory.tsx';
import { CaseNotes } from '../case/CaseNotes.tsx';
import { CaseWork } from '../case/CaseWork.tsx';
import { LinkedCases } from '../case/LinkedCases.tsx';
import { ApprovalDecision, ClosedCase, RejectedReferral } from '../case/ReferralDecisions.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { Answers } from '../referral/Answers.tsx';
import { CasePage } from '../referral/CaseSummary.tsx';
import type { ReassignedState } from './ReassignCase.tsx';

/**
 * One page per referral or case, for everyone who may see it: what it is and
 * where it stands, then what this user may do with it (the server says which).
 */
export function CaseDetail() {
  const params = useParams();
  const [referral, { refetch }] = createResource(() => params.id, api.referral);
  const runner = createActionRunner(refetch);
  // Back from Reassign Case: its outcome, until the page's own next action says something else.
  const location = useLocation<ReassignedState>();
  const reassigned = () => {
    const to = location.state?.reassignedTo;
    return to ? { heading: 'Case reassigned', detail: `${to} now owns this case.` } : undefined;
  };
  return (
    <CasePage
      referral={referral}
      caption={(r) => r.formName}
      wide={(r) => <CaseTabs referral={r()} runner={runner} />}
      error={runner.errors.errors().length > 0}
      notice={<FormNotice errors={runner.errors.errors()} outcome={runner.outcome() ?? reassigned()} />}
    >
      {(r) => (
        <>
          <Show when={r().allowed.edit}>
            <ParagraphLink href={`/referrals/${r().id}/edit`}>Continue this referral</ParagraphLink>
          </Show>
          <Show when={r().allowed.triage}>
            <ParagraphLink href={`/triage/${r().id}`}>Triage this referral</ParagraphLink>
          </Show>
          <Switch>
            <Match when={r().status === 'rejected'}>
              <RejectedReferral referral={r()} runner={runner} />
            </Match>
            <Match when={r().status === 'closed'}>
              <ClosedCase referral={r()} runner={runner} />
            </Match>
            <Match when={r().allowed.approve}>
              <ApprovalDecision referral={r()} runner={runner} />
            </Match>
          </Switch>
        </>
      )}
    </CasePage>
  );
}

function CaseTabs(props: { referral: Referral; runner: ActionRunner }) {
  const [params, setParams] = useSearchParams();
  const tabs = () => [
    { key: 'answers', label: 'Referral' },
    { key: 'documents', label: 'Documents' },
    ...(props.referral.caseNumber ? [{ key: 'actions', label: 'Actions' }] : []),
    ...(props.referral.caseNumber ? [{ key: 'notes', label: 'Notes' }] : []),
    ...(props.referral.status !== 'draft' ? [{ key: 'linked', label: 'Linked Cases' }] : []),
    ...(props.referral.allowed.work ? [{ key: 'work', label: 'Consent and closure' }] : []),
    // Only a case changes owner, so only a case has this history.
    ...(isReassignable(props.referral.status) ? [{ key: 'history', label: 'History' }] : []),
  ];
  const selected = () => tabs().find((t) => t.key === params.tab)?.key ?? 'answers';
  const select = (key: string) => setParams({ tab: key }, { replace: true });
  return (
    <Tabs label="About this case" tabs={tabs()} selected={selected()} onSelect={select}>
      {/* The tabs take the page's width for the documents' tables; text and forms keep reading width. */}
      <Switch>
        <Match when={selected() === 'answers'}>
          <Narrow>
            <h2 class="govuk-heading-m">Referral answers</h2>
            <Answers definition={props.referral.definition} data={props.referral.formData} />
          </Narrow>
        </Match>
        <Match when={selected() === 'documents'}>
          <CaseDocuments referral={props.referral} runner={props.runner} />
        </Match>
        <Match when={selected() === 'actions'}>
          <Narrow>
            <CaseActions referral={props.referral} runner={props.runner} />
          </Narrow>
        </Match>
        <Match when={selected() === 'notes'}>
          <Narrow>
            <CaseNotes referral={props.referral} runner={props.runner} />
          </Narrow>
        </Match>
        <Match when={selected() === 'linked'}>
          <LinkedCases referral={props.referral} />
        </Match>
        <Match when={selected() === 'history'}>
          <CaseHistory referral={props.referral} />
        </Match>
        <Match when={selected() === 'work'}>
          <Narrow>
            <CaseWork referral={props.referral} runner={props.runner} />
          </Narrow>
        </Match>
      </Switch>
    </Tabs>
  );
}
