import { createResource, createSignal, For, Show } from 'solid-js';
import { isVideoLink } from '../../../domain/appointments.ts';
import { ACTION_KINDS, type ActionKind } from '../../../domain/statuses.ts';
import { api, type ActionResult, type CaseAction, type Referral } from '../api.ts';
import { Button, Radios } from '../components/fields.tsx';
import { SummaryList, type SummaryRow } from '../components/SummaryList.tsx';
import { formatDate, formatTime } from '../format.ts';
import type { ActionRunner } from './action-runner.ts';
import { createAppointmentInput } from './AppointmentInput.tsx';
import { createDateTime } from './DateTimeInput.tsx';

type Booking = Parameters<typeof api.bookAction>[1];
type Rebooking = Parameters<typeof api.rebookAction>[2];

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
  /** `clear`: once it has worked, the form empties, so sending it again is not a second booking. */
  const act = (action: () => Promise<ActionResult>, heading: string, clear?: () => void) =>
    props.runner.run(async () => {
      const result = await action();
      clear?.();
      return done(heading)(result);
    }, refetch);

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
                            act(() => api.changeActionStatus(props.referral.id, a.id, o.status), `Recorded: ${o.label}`)
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
                    rebook={(rebooking) => act(() => api.rebookAction(props.referral.id, a.id, rebooking), 'Rebooked')}
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
          book={(booking, clear) => act(() => api.bookAction(props.referral.id, booking), 'Booked', clear)}
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

function BookAction(props: { runner: ActionRunner; book: (booking: Booking, clear: () => void) => void }) {
  const [kind, setKind] = createSignal<ActionKind>('appointment');
  const at = createDateTime('book');
  const appointment = createAppointmentInput('book');
  const clear = () => {
    setKind('appointment');
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
