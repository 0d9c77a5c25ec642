import { createResource, createSignal, For, Show } from 'solid-js';
import { ACTION_KINDS, type ActionKind } from '../../../domain/statuses.ts';
import { api, type ActionResult, type CaseAction, type Referral } from '../api.ts';
import { Button, Radios } from '../components/fields.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { formatDate, formatTime } from '../format.ts';
import type { ActionRunner } from './action-runner.ts';
import { createDateTime } from './DateTimeInput.tsx';

const when = (at: string) => `${formatDate(at)} at ${formatTime(at)}`;

const OUTCOMES = [
  { status: 'closed', label: 'Attended or received (Closed)' },
  { status: 'canx', label: 'Cancelled (Canx)' },
  { status: 'dna', label: 'Did not attend (DNA)' },
] as const;

/**
 * Appointments and further-medical-evidence requests. Everyone who may see the
 * case sees them; the clinician books them, records what happened and rebooks.
 */
export function CaseActions(props: { referral: Referral; runner: ActionRunner }) {
  const [actions, { refetch }] = createResource(() => props.referral.id, api.actions);
  const rebooked = (a: CaseAction) => (actions.latest ?? []).some((b) => b.rebookedFromId === a.id);
  const work = () => props.referral.allowed.work;

  /** What the clinician did, and a nudge to close after repeated DNAs. */
  const done = (heading: string) => (result: ActionResult) => {
    return {
      heading,
      detail: result.closureSuggested
        ? 'The employee has missed appointments repeatedly: you can close the case under Consent and closure.'
        : `${result.action.kindLabel} on ${when(result.action.scheduledAt)}: ${result.action.statusLabel}.`,
    };
  };
  const act = (action: () => Promise<ActionResult>, heading: string) => props.runner.run(async () => done(heading)(await action()), refetch);

  return (
    <>
      <h2 class="govuk-heading-m">Appointments and evidence requests</h2>
      <Show when={(actions.latest ?? []).length > 0} fallback={<p class="govuk-body">Nothing has been booked yet.</p>}>
        <For each={actions.latest}>
          {(a) => (
            <div class="govuk-summary-card">
              <div class="govuk-summary-card__title-wrapper">
                <h3 class="govuk-summary-card__title">
                  {a.kindLabel}: {when(a.scheduledAt)}
                </h3>
              </div>
              <div class="govuk-summary-card__content">
                <SummaryList
                  rows={[
                    { key: 'Status', value: <strong class="govuk-tag govuk-tag--grey">{a.statusLabel}</strong> },
                    ...(a.rebookedFromId ? [{ key: 'Rebooked', value: 'Rebooked after a cancellation or missed appointment' }] : []),
                  ]}
                />
                <Show when={work() && a.status === 'open'}>
                  <div class="govuk-button-group">
                    <For each={OUTCOMES}>
                      {(o) => (
                        <Button type="button" variant="secondary" onClick={() => act(() => api.changeActionStatus(props.referral.id, a.id, o.status), `Recorded: ${o.label}`)}>
                          {o.label}
                          <span class="govuk-visually-hidden"> for the {a.kindLabel.toLowerCase()} on {when(a.scheduledAt)}</span>
                        </Button>
                      )}
                    </For>
                  </div>
                </Show>
                <Show when={work() && (a.status === 'canx' || a.status === 'dna') && !rebooked(a)}>
                  <Rebook action={a} runner={props.runner} rebook={(at) => act(() => api.rebookAction(props.referral.id, a.id, at), 'Rebooked')} />
                </Show>
              </div>
            </div>
          )}
        </For>
      </Show>
      <Show when={work()}>
        <BookAction runner={props.runner} book={(kind, at) => act(() => api.bookAction(props.referral.id, { kind, scheduledAt: at }), 'Booked')} />
      </Show>
    </>
  );
}

function BookAction(props: { runner: ActionRunner; book: (kind: ActionKind, at: string) => void }) {
  const [kind, setKind] = createSignal<ActionKind>('appointment');
  const at = createDateTime('book');
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const checked = at.check();
    if ('error' in checked) return props.runner.refuse(checked.error, checked.target);
    props.book(kind(), checked.at);
  };
  return (
    <>
      <h2 class="govuk-heading-m">Book an appointment or request evidence</h2>
      <form novalidate onSubmit={submit}>
        <Radios
          id="kind"
          label="What are you booking?"
          options={Object.entries(ACTION_KINDS).map(([value, label]) => ({ value, label }))}
          value={kind()}
          onInput={(v) => setKind(v as ActionKind)}
        />
        <at.Fields label="When" errorFor={props.runner.errors.field} />
        <Button>Book</Button>
      </form>
    </>
  );
}

function Rebook(props: { action: CaseAction; runner: ActionRunner; rebook: (at: string) => void }) {
  const at = createDateTime(`rebook-${props.action.id}`);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const checked = at.check();
    if ('error' in checked) return props.runner.refuse(checked.error, checked.target);
    props.rebook(checked.at);
  };
  return (
    <form novalidate onSubmit={submit}>
      <at.Fields label="Rebook for" errorFor={props.runner.errors.field} />
      <Button variant="secondary">Rebook</Button>
    </form>
  );
}
