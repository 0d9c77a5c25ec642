import { createSignal, Show } from 'solid-js';
import { APPOINTMENT_TYPES, checkAppointment, type AppointmentType } from '../../../domain/appointments.ts';
import type { ActionKind } from '../../../domain/statuses.ts';
import type { ErrorItem } from '../components/ErrorSummary.tsx';
import { Radios, TextArea, TextInput } from '../components/fields.tsx';

const TYPE_OPTIONS = Object.entries(APPOINTMENT_TYPES).map(([value, label]) => ({ value, label }));

/**
 * How and where an appointment is held: the type, then the address (face to face) or the link (video)
 * it needs. `check` says what is wrong in the API's own words (domain/appointments.ts), against these
 * fields' ids, or gives what to send. `initial` fills it in from an appointment being rebooked.
 */
export function createAppointmentInput(
  prefix: string,
  initial?: { type: AppointmentType | null; place: string | null },
) {
  const [type, setType] = createSignal<string>(initial?.type ?? '');
  const [address, setAddress] = createSignal(initial?.type === 'face_to_face' ? (initial.place ?? '') : '');
  const [link, setLink] = createSignal(initial?.type === 'video' ? (initial.place ?? '') : '');
  const ids = { appointmentType: `${prefix}-type`, address: `${prefix}-address`, videoLink: `${prefix}-link` } as const;
  /** Only what the chosen type has: an address typed before switching to video is not sent. */
  const fields = () => ({
    appointmentType: (type() || undefined) as AppointmentType | undefined,
    ...(type() === 'face_to_face' ? { address: address() } : {}),
    ...(type() === 'video' ? { videoLink: link() } : {}),
  });
  const check = (kind: ActionKind): ErrorItem[] => {
    if (kind === 'evidence') return [];
    const checked = checkAppointment(kind, fields());
    if (!('problems' in checked)) return [];
    return Object.entries(checked.problems).map(([field, text]) => ({ text, target: ids[field as keyof typeof ids] }));
  };
  return {
    check,
    /** The body's appointment fields; an evidence request has none. */
    body: (kind: ActionKind) => (kind === 'appointment' ? fields() : {}),
    reset: () => {
      setType('');
      setAddress('');
      setLink('');
    },
    /** `serverErrors`: the API's errors by field name land here too (one form per page may take them). */
    Fields: (props: { legend: string; errorFor: (id: string) => string | undefined; serverErrors?: boolean }) => {
      const error = (field: keyof typeof ids) =>
        props.errorFor(ids[field]) ?? (props.serverErrors ? props.errorFor(field) : undefined);
      return (
        <>
          <Radios
            id={ids.appointmentType}
            label={props.legend}
            options={TYPE_OPTIONS}
            value={type()}
            error={error('appointmentType')}
            onInput={setType}
          />
          <Show when={type() === 'video'}>
            <TextInput
              id={ids.videoLink}
              label="Video call link"
              hint="For example, https://meet.example.com/abc-defg"
              spellcheck={false}
              value={link()}
              error={error('videoLink')}
              onInput={setLink}
            />
          </Show>
          <Show when={type() === 'face_to_face'}>
            <TextArea
              id={ids.address}
              label="Address of the appointment"
              rows={3}
              autocomplete="off"
              value={address()}
              error={error('address')}
              onInput={setAddress}
            />
          </Show>
        </>
      );
    },
  };
}
