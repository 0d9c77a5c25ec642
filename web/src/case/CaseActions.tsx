import { createResource, createSignal, For, Show } from 'solid-js';
import { isVideoLink } from '../../../domain/appointments.ts';
import { ACTION_KINDS, ACTION_STATUSES, type ActionKind, type ActionStatus } from '../../../domain/statuses.ts';
import { api, type CaseAction, type Referral } from '../api.ts';
import { Button, Radios } from '../components/fields.tsx';
import { SummaryList, type SummaryRow } from '../components/SummaryList.tsx';
import { formatDate, formatTime } from '../format.ts';
import type { ActionRunner } from './action-runner.ts';
import { createAppointmentInput } from './AppointmentInput.tsx';
import { createDateTime } from './DateTimeInput.tsx';

type Booking = Parameters<typeof api.bookAction>[1];
type Rebooking = Parameters<typeof api.rebookAction>[2];
type StatusChange = Exclude<ActionStatus, 'open'>;

const when = (at: string) => `${formatDate(at)} at ${formatTime(at)}`;

const OUTCOMES = [
  { status: 'closed', label: 'Attended or received (Closed)' },
  { status: 'canx', label: 'Cancelled (Canx)' },
  { status: 'dna', label: 'Did not attend (DNA)' },
] as const;

/** What an action's API says besides "done": a case suggests closing after repeated DNAs. */
type Acted = { closureSuggested: boolean } | undefined;

/**
 * Whose actions these are and how to change them: a referral case's appointments and evidence
 * requests, or the appointments of a questionnaire that requires one.
 */
export type ActionsOf = {
  actions: CaseAction[] | undefined;
  /** Whether this user books them, records what happened and rebooks (the server says). */
  work: boolean;
  /** What may be booked, in the order offered. */
  kinds: readonly ActionKind[];
  book: (booking: Booking) => Promise<Acted>;
  changeStatus: (actionId: string, status: StatusChange) => Promise<Acted>;
  rebook: (actionId: string, rebooking: Rebooking) => Promise<Acted>;
  /** Fetches the actions again, when the page's own reload does not. */
  reload?: () => unknown;
};

/** A referral case's appointments and further-medical-evidence requests. */
export function CaseActions(props: { referral: Referral; runner: ActionRunner }) {
  const [actions, { refetch }] = createResource(() => props.referral.id, api.actions);
  const id = () => props.referral.id;
  return (
    <Actions
      runner={props.runner}
      of={{
        actions: actions.latest,
        work: props.referral.allowed.work,
        kinds: ['appointment', 'evidence'],
        book: (booking) => api.bookAction(id(), booking),
        changeStatus: (actionId, status) => api.changeActionStatus(id(), actionId, status),
        rebook: (actionId, rebooking) => api.rebookAction(id(), actionId, rebooking),
        reload: refetch,
      }}
    />
  );
}

/**
 * Appointments (and, on a case, further-medical-evidence requests). Everyone who may see
 * them sees them; the clinician books them, records what happened and rebooks.
 */
export function Actions(props: { of: ActionsOf; runner: ActionRunner }) {
  const actions = () => props.of.actions ?? [];
  const rebooked = (a: CaseAction) => actions().some((b) => b.rebookedFromId === a.id);
  const work = () => props.of.work;
  const withEvidence = () => props.of.kinds.includes('evidence');

  /** `clear`: once it has worked, the form empties, so sending it again is not a second booking. */
  const act = (
    action: () => Promise<Acted>,
    heading: string,
    what: { kind: ActionKind; at: string; status: ActionStatus },
    clear?: () => void,
  ) =>
    props.runner.run(async () => {
      const result = await action();
      clear?.();
      // What the clinician did, and a nudge to close after repeated DNAs.
      return {
        heading,
        detail: result?.closureSuggested
          ? 'The employee has missed appointments repeatedly: you can close the case under Consent and closure.'
          : `${ACTION_KINDS[what.kind]} on ${when(what.at)}: ${ACTION_STATUSES[what.status].label}.`,
      };
    }, props.of.reload);

  return (
    <>
      <h2 class="govuk-heading-m">{withEvidence() ? 'Appointments and evidence requests' : 'Appointments'}</h2>
      <Show when={actions().length > 0} fallback={<p class="govuk-body">Nothing has been booked yet.</p>}>
        <For each={actions()}>
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
                    ...appointmentRows(a),
                    ...(a.rebookedFromId
                      ? [{ key: 'Rebooked', value: 'Rebooked after a cancellation or missed appointment' }]
                      : []),
                  ]}
                />
                <Show when={work() && a.status === 'open'}>
                  <div class="govuk-button-group">
                    <For each={OUTCOMES}>
                      {(o) => (
                        <Button
                          type="button"
                          variant="secondary"
                          onClick={() =>
                            act(() => props.of.changeStatus(a.id, o.status), `Recorded: ${o.label}`, {
                              kind: a.kind as ActionKind,
                              at: a.scheduledAt,
                              status: o.status,
                            })
                          }
                        >
                          {o.label}
                          <span class="govuk-visually-hidden">
                            {' '}
                            for the {a.kindLabel.toLowerCase()} on {when(a.scheduledAt)}
                          </span>
                        </Button>
                      )}
                    </For>
                  </div>
                </Show>
                <Show when={work() && (a.status === 'canx' || a.status === 'dna') && !rebooked(a)}>
                  <Rebook
                    action={a}
                    runner={props.runner}
                    rebook={(rebooking) =>
                      act(() => props.of.rebook(a.id, rebooking), 'Rebooked', {
                        kind: a.kind as ActionKind,
                        at: rebooking.scheduledAt,
                        status: 'open',
                      })
                    }
                  />
                </Show>
              </div>
            </div>
          )}
        </For>
      </Show>
      <Show when={work()}>
        <BookAction
          runner={props.runner}
          kinds={props.of.kinds}
          book={(booking, clear) =>
            act(
              () => props.of.book(booking),
              'Booked',
              { kind: booking.kind, at: booking.scheduledAt, status: 'open' },
              clear,
            )
          }
        />
      </Show>
    </>
  );
}

/** How and where an appointment is held; a link only when it is a web address, whatever was stored. */
function appointmentRows(a: CaseAction): SummaryRow[] {
  if (!a.appointmentTypeLabel) return [];
  const place =
    a.appointmentType === 'video' && a.place
      ? [
          {
            key: 'Video call link',
            value: isVideoLink(a.place) ? (
              <a class="govuk-link" href={a.place} rel="noreferrer">
                {a.place}
              </a>
            ) : (
              a.place
            ),
          },
        ]
      : a.appointmentType === 'face_to_face' && a.place
        ? [{ key: 'Address', value: <span class="app-multiline">{a.place}</span> }]
        : [];
  return [{ key: 'Type', value: a.appointmentTypeLabel }, ...place];
}

function BookAction(props: {
  runner: ActionRunner;
  kinds: readonly ActionKind[];
  book: (booking: Booking, clear: () => void) => void;
}) {
  const first = () => props.kinds[0] ?? 'appointment';
  const [kind, setKind] = createSignal<ActionKind>(first());
  const at = createDateTime('book');
  const appointment = createAppointmentInput('book');
  const clear = () => {
    setKind(first());
    at.reset();
    appointment.reset();
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const checked = at.check();
    // Every problem at once, in page order, as the GOV.UK error summary lists them.
    const problems = [
      ...('error' in checked ? [{ text: checked.error, target: checked.target }] : []),
      ...appointment.check(kind()),
    ];
    if ('error' in checked || problems.length > 0) return props.runner.refuseAll(problems);
    props.book({ kind: kind(), scheduledAt: checked.at, ...appointment.body(kind()) }, clear);
  };
  return (
    <>
      <h2 class="govuk-heading-m">
        {props.kinds.length > 1 ? 'Book an appointment or request evidence' : 'Book an appointment'}
      </h2>
      <form novalidate onSubmit={submit}>
        {/* Only a choice is asked: with one kind there is nothing to choose. */}
        <Show when={props.kinds.length > 1}>
          <Radios
            id="kind"
            label="What are you booking?"
            options={props.kinds.map((value) => ({ value, label: ACTION_KINDS[value] }))}
            value={kind()}
            onInput={(v) => setKind(v as ActionKind)}
          />
        </Show>
        <at.Fields label="When" errorFor={props.runner.errors.field} />
        <Show when={kind() === 'appointment'}>
          <appointment.Fields
            legend="How will the appointment be held?"
            errorFor={props.runner.errors.field}
            serverErrors
          />
        </Show>
        <Button>Book</Button>
      </form>
    </>
  );
}

function Rebook(props: { action: CaseAction; runner: ActionRunner; rebook: (rebooking: Rebooking) => void }) {
  const prefix = `rebook-${props.action.id}`;
  const at = createDateTime(prefix);
  const appointment = createAppointmentInput(prefix, { type: props.action.appointmentType, place: props.action.place });
  const kind = props.action.kind as ActionKind;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const checked = at.check();
    const problems = [
      ...('error' in checked ? [{ text: checked.error, target: checked.target }] : []),
      ...appointment.check(kind),
    ];
    if ('error' in checked || problems.length > 0) return props.runner.refuseAll(problems);
    props.rebook({ scheduledAt: checked.at, ...appointment.body(kind) });
  };
  return (
    <form novalidate onSubmit={submit}>
      <at.Fields label="Rebook for" errorFor={props.runner.errors.field} />
      <Show when={kind === 'appointment'}>
        <appointment.Fields legend="How will the rebooked appointment be held?" errorFor={props.runner.errors.field} />
      </Show>
      <Button variant="secondary">Rebook</Button>
    </form>
  );
}
