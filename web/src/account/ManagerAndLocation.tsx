import type { Organisation } from '../api.ts';
import { Select } from '../components/fields.tsx';
import type { FormErrors } from '../forms.ts';

/** Joining an organisation: who the manager is and where the person works. */
export function ManagerAndLocation(props: {
  organisation: Organisation;
  managerId: string;
  locationId: string;
  errors: FormErrors;
  onInput: (key: 'managerId' | 'locationId', value: string) => void;
}) {
  return (
    <>
      <Select
        id="managerId"
        label="Select your manager"
        hint="This is the manager who will approve your referrals. It is not necessarily your line manager."
        options={props.organisation.managers.map((m) => ({ value: m.id, label: m.name }))}
        value={props.managerId}
        error={props.errors.field('managerId')}
        onInput={(value) => props.onInput('managerId', value)}
      />
      <Select
        id="locationId"
        label="Location"
        options={props.organisation.locations.map((l) => ({ value: l.id, label: l.name }))}
        value={props.locationId}
        error={props.errors.field('locationId')}
        onInput={(value) => props.onInput('locationId', value)}
      />
    </>
  );
}
