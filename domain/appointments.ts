/**
 * How an appointment is held, and where: the rule the API enforces and the portal's booking
 * form checks first, in the same words. A further-medical-evidence request has neither.
 */
import type { ActionKind } from './statuses.ts';

export const APPOINTMENT_TYPES = { telephone: 'Telephone', video: 'Video call', face_to_face: 'Face to face' } as const;
export type AppointmentType = keyof typeof APPOINTMENT_TYPES;
export const APPOINTMENT_TYPE_KEYS = Object.keys(APPOINTMENT_TYPES) as [AppointmentType, ...AppointmentType[]];

const isAppointmentType = (value: unknown): value is AppointmentType =>
  typeof value === 'string' && Object.hasOwn(APPOINTMENT_TYPES, value);

export const APPOINTMENT_MESSAGES = {
  type: 'Select the type of appointment',
  address: 'Enter the address of the face to face appointment',
  link: 'Enter the link to the video call',
  linkFormat: 'Enter the link to the video call in the correct format, like https://meet.example.com/abc-defg',
  notForTelephone: 'A telephone appointment has no address or link: remove it',
  addressNotForVideo: 'A video call has a link, not an address: remove the address',
  linkNotForFaceToFace: 'A face to face appointment has an address, not a link: remove the link',
  notForEvidence: 'A further medical evidence request has no appointment type, address or link',
} as const;

/** What a booking says about the appointment; the field names are the API's and the form's. */
export type AppointmentInput = {
  appointmentType?: string | undefined;
  address?: string | undefined;
  videoLink?: string | undefined;
};
/** What is stored: the type, and the address (face to face) or the link (video); a telephone call has no place. */
export type AppointmentDetails = { appointmentType: AppointmentType | null; place: string | null };

const filled = (s: string | undefined) => (s ?? '').trim();
const hasWords = (s: string) => /[\p{L}\p{N}]/u.test(s);

/** Only a web address is ever shown as a link, in the portal or an email: never javascript: or the like. */
export function isVideoLink(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The details to store, or each problem by field, as GOV.UK words them. */
export function checkAppointment(
  kind: ActionKind,
  input: AppointmentInput,
): { details: AppointmentDetails } | { problems: Record<string, string> } {
  const address = filled(input.address);
  const videoLink = filled(input.videoLink);
  const type = filled(input.appointmentType);
  if (kind === 'evidence') {
    if (!type && !address && !videoLink) return { details: { appointmentType: null, place: null } };
    const field = type ? 'appointmentType' : address ? 'address' : 'videoLink';
    return { problems: { [field]: APPOINTMENT_MESSAGES.notForEvidence } };
  }
  if (!isAppointmentType(type)) return { problems: { appointmentType: APPOINTMENT_MESSAGES.type } };
  if (type === 'telephone') {
    if (address || videoLink)
      return { problems: { [address ? 'address' : 'videoLink']: APPOINTMENT_MESSAGES.notForTelephone } };
    return { details: { appointmentType: type, place: null } };
  }
  if (type === 'video') {
    if (address) return { problems: { address: APPOINTMENT_MESSAGES.addressNotForVideo } };
    if (!videoLink) return { problems: { videoLink: APPOINTMENT_MESSAGES.link } };
    if (!isVideoLink(videoLink)) return { problems: { videoLink: APPOINTMENT_MESSAGES.linkFormat } };
    return { details: { appointmentType: type, place: videoLink } };
  }
  if (videoLink) return { problems: { videoLink: APPOINTMENT_MESSAGES.linkNotForFaceToFace } };
  if (!hasWords(address)) return { problems: { address: APPOINTMENT_MESSAGES.address } };
  return { details: { appointmentType: type, place: address } };
}
