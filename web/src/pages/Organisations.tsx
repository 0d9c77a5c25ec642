import { createResource, createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { api, type Membership, type Organisation } from '../api.ts';
import { ManagerAndLocation } from '../account/ManagerAndLocation.tsx';
import { createOrganisationLookup, VerificationCodeForm } from '../account/VerificationCode.tsx';
import { Async } from '../components/Async.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { Button } from '../components/fields.tsx';
import { Page } from '../components/Page.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';

const STATUS: Record<string, string> = { active: 'Active', pending: 'Waiting for approval', disabled: 'Removed' };

const COLUMNS: Column<Membership>[] = [
  { heading: 'Organisation', cell: (m) => m.name },
  { heading: 'Status', cell: (m) => STATUS[m.status] ?? m.status },
  { heading: 'Signed in to', cell: (m) => (m.current ? 'Yes, now' : '') },
];

/**
 * My Account: the organisations the user belongs to, and asking to join another
 * with its Verification Code (its user administrator approves). The header's
 * switcher changes between active ones.
 */
export function Organisations() {
  const [memberships, { refetch }] = createResource(api.memberships);
  const [found, setFound] = createSignal<{ code: string; organisation: Organisation }>();
  const [requested, setRequested] = createSignal<Outcome>();
  const lookup = createOrganisationLookup((code, organisation) => {
    setRequested(undefined);
    setFound({ code, organisation });
  });
  const errors = createFormErrors({ order: ['verificationCode', 'managerId', 'locationId'] });
  const shown = () => [...lookup.errors.errors(), ...errors.errors()];

  return (
    <>
      <BackLink href="/account">Back to My Account</BackLink>
      <Page
        title="Your organisations"
        error={shown().length > 0}
        notice={<FormNotice errors={shown()} outcome={requested()} />}
      >
        <Async resource={memberships}>
          {(list) => (
            <DataTable
              caption="Organisations you belong to"
              columns={COLUMNS}
              rows={list()}
              empty="You do not belong to any organisation."
            />
          )}
        </Async>
        <h2 class="govuk-heading-m">Request access to another organisation</h2>
        <Show
          when={found()}
          fallback={
            <>
              <p class="govuk-body">
                If you also work for another organisation that uses Casebook, enter its Verification Code.
              </p>
              <VerificationCodeForm lookup={lookup} button="Find the organisation" />
            </>
          }
        >
          {(choice) => (
            <RequestForm
              code={choice().code}
              organisation={choice().organisation}
              errors={errors}
              onCancel={() => {
                errors.clear();
                setFound(undefined);
              }}
              onRequested={async (name) => {
                setFound(undefined);
                lookup.setCode('');
                await refetch();
                setRequested({
                  heading: `You have asked to join ${name}`,
                  detail:
                    'Its user administrator will approve your request. You can then switch to it at the top of any page.',
                });
              }}
            />
          )}
        </Show>
      </Page>
    </>
  );
}

function RequestForm(props: {
  code: string;
  organisation: Organisation;
  errors: ReturnType<typeof createFormErrors>;
  onCancel: () => void;
  onRequested: (name: string) => Promise<void>;
}) {
  const [choice, setChoice] = createStore({ managerId: '', locationId: '' });
  const submitter = createSubmitter();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void submitter.run(async () => {
      try {
        const answer = await api.requestMembership({ verificationCode: props.code, ...choice });
        props.errors.clear();
        await props.onRequested(answer.organisation);
      } catch (error) {
        props.errors.show(error);
      }
    });
  };
  return (
    <form novalidate onSubmit={submit}>
      <SummaryList rows={[{ key: 'Company name', value: props.organisation.name }]} />
      <ManagerAndLocation
        organisation={props.organisation}
        managerId={choice.managerId}
        locationId={choice.locationId}
        errors={props.errors}
        onInput={(key, value) => setChoice(key, value)}
      />
      <div class="govuk-button-group">
        <Button>Request access</Button>
        <Button type="button" variant="secondary" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
