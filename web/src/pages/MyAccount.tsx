import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Match, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { api, type AccountDetails, type EditableDetails } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { DETAIL_KEYS, DetailFields } from '../account/DetailFields.tsx';
import { SharedUsers } from '../account/SharedUsers.tsx';
import { Button } from '../components/fields.tsx';
import { Page } from '../components/Page.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { createFormErrors, createSubmitter, type FormErrors } from '../forms.ts';
import { useSessionControls } from '../session.tsx';

const TABS = [
  { key: 'details', label: '01 Details' },
  { key: 'shared-users', label: '02 Shared Users' },
] as const;

/** My Account: 01 Details and 02 Shared Users, with links to the security pages. */
export function MyAccount() {
  const [params, setParams] = useSearchParams();
  const tab = () => TABS.find((t) => t.key === params.tab)?.key ?? 'details';
  const [account, { refetch }] = createResource(api.account);
  const [saved, setSaved] = createSignal<Outcome>();
  const errors = createFormErrors({ order: DETAIL_KEYS });
  return (
    <Page
      title="My Account"
      error={errors.errors().length > 0}
      notice={<FormNotice errors={errors.errors()} outcome={saved()} />}
    >
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/account/password">
            Change your password
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/account/two-factor">
            Two-factor authentication
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/account/organisations">
            Your organisations
          </a>
        </li>
      </ul>
      <Tabs label="My Account" tabs={TABS} selected={tab()} onSelect={(key) => setParams({ tab: key })}>
        <Switch>
          <Match when={tab() === 'details'}>
            <Async resource={account}>
              {(details) => (
                <DetailsForm
                  details={details()}
                  errors={errors}
                  onSaved={async () => {
                    setSaved(undefined);
                    await refetch();
                    setSaved({ heading: 'Your details have been saved' });
                  }}
                />
              )}
            </Async>
          </Match>
          <Match when={tab() === 'shared-users'}>
            <SharedUsers
              errors={errors}
              onDone={(heading) => {
                setSaved(undefined);
                setSaved({ heading });
              }}
            />
          </Match>
        </Switch>
      </Tabs>
    </Page>
  );
}

function DetailsForm(props: { details: AccountDetails; errors: FormErrors; onSaved: () => Promise<void> }) {
  const { reload } = useSessionControls();
  const [form, setForm] = createStore<EditableDetails>({
    title: props.details.title,
    firstName: props.details.firstName,
    surname: props.details.surname,
    workAddress: props.details.workAddress,
    workPostcode: props.details.workPostcode,
    jobTitle: props.details.jobTitle,
    telephone: props.details.telephone,
  });
  const submitter = createSubmitter();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void submitter.run(async () => {
      try {
        await api.saveAccount({ ...form });
        props.errors.clear();
        // The header shows the name.
        await reload();
        await props.onSaved();
      } catch (error) {
        props.errors.show(error);
      }
    });
  };
  return (
    <>
      <h2 class="govuk-heading-m">Your details</h2>
      <SummaryList
        rows={[
          { key: 'User name', value: props.details.username },
          { key: 'Email Address', value: props.details.email },
        ]}
      />
      <p class="govuk-body">Your provider's administrator can change your email address if it changes.</p>
      <form novalidate onSubmit={submit}>
        <DetailFields values={form} errors={props.errors} onInput={(key, value) => setForm(key, value)} />
        <Button>Save changes</Button>
      </form>
    </>
  );
}
