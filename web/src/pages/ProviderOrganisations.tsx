import { useParams, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { api, type OrganisationDetail } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { Button } from '../components/fields.tsx';
import { Page } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** Provider admin: every organisation by name, a page at a time, and the way to create one. */
export function ProviderOrganisations() {
  const [params] = useSearchParams();
  const cursor = () => one(params.cursor);
  const [page] = createResource(() => ({ cursor: cursor() }), api.organisations);
  return (
    <Page title="Organisations">
      <p class="govuk-body">The client organisations that use Casebook, and the provider itself.</p>
      <a href="/admin/organisations/new" class="govuk-button" role="button" data-module="govuk-button">
        Create an organisation
      </a>
      <Async resource={page}>
        {(p) => (
          <>
            <DataTable
              caption="Organisations"
              rows={p().organisations}
              empty="There are no organisations yet."
              columns={[
                {
                  heading: 'Name',
                  cell: (o) => (
                    <a class="govuk-link" href={`/admin/organisations/${o.id}`}>
                      {o.name}
                    </a>
                  ),
                },
                { heading: 'Code', cell: (o) => o.code },
                { heading: 'Kind', cell: (o) => (o.isProvider ? 'Provider' : 'Client') },
                { heading: 'Active users', cell: (o) => String(o.users) },
              ]}
            />
            <Pagination
              firstHref={cursor() ? '/admin/organisations' : undefined}
              nextHref={
                p().nextCursor ? `/admin/organisations?cursor=${encodeURIComponent(p().nextCursor!)}` : undefined
              }
            />
          </>
        )}
      </Async>
    </Page>
  );
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
const listed = (values: readonly string[]) => (values.length ? values.join(', ') : 'None');

/** The pages about one organisation, as links from its overview. */
function OrganisationLinks(props: { id: string; isProvider: boolean }) {
  const base = `/admin/organisations/${props.id}`;
  return (
    <ul class="govuk-list">
      <li>
        <a class="govuk-link" href={`${base}/edit`}>
          Change the settings
        </a>
      </li>
      <li>
        <a class="govuk-link" href={`${base}/users`}>
          Users: change a registered email or unlock an account
        </a>
      </li>
      <Show when={!props.isProvider}>
        <li>
          <a class="govuk-link" href={`${base}/library`}>
            Library: publish guides and forms
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`${base}/packs`}>
            Previous MI: monthly report packs
          </a>
        </li>
      </Show>
    </ul>
  );
}

/** Provider admin: one organisation's settings at a glance, its verification code (rotate), and its pages. */
export function ProviderOrganisation() {
  const params = useParams();
  const [search] = useSearchParams();
  const [organisation, { mutate }] = createResource(() => params.id, api.organisationDetail);
  const [done, setDone] = createSignal<Outcome | undefined>(
    search.saved ? { heading: 'The settings are saved' } : undefined,
  );
  const errors = createFormErrors();
  const submitter = createSubmitter();
  const rotate = (org: OrganisationDetail) =>
    void submitter.run(async () => {
      try {
        const { verificationCode } = await api.rotateVerificationCode(org.id);
        errors.clear();
        mutate({ ...org, verificationCode });
        setDone({
          heading: 'The verification code is changed',
          detail: `The new code is ${verificationCode}. The old one no longer works: give the new one to people who are still to register.`,
        });
      } catch (error) {
        setDone(undefined);
        errors.show(error);
      }
    });
  return (
    <>
      <BackLink href="/admin/organisations">Back to Organisations</BackLink>
      <Page
        title="Organisation"
        heading={organisation.latest?.name ?? 'Organisation'}
        caption="Organisation"
        error={errors.errors().length > 0}
        notice={<FormNotice errors={errors.errors()} outcome={done()} />}
      >
        <Async resource={organisation}>
          {(org) => (
            <>
              <OrganisationLinks id={org().id} isProvider={org().isProvider} />
              <h2 class="govuk-heading-m">Verification code</h2>
              <p class="govuk-body">
                People type it when they register, to join this organisation:{' '}
                <strong data-testid="verification-code">{org().verificationCode}</strong>
              </p>
              <Button type="button" variant="secondary" onClick={() => rotate(org())}>
                Rotate the verification code
              </Button>
              <h2 class="govuk-heading-m">Settings</h2>
              <SummaryList
                rows={[
                  { key: 'Code', value: org().code },
                  { key: 'Case number prefix', value: org().caseNumberPrefix },
                  { key: 'Email domains', value: listed(org().emailDomains) },
                  { key: 'Locations', value: listed(org().locations) },
                  { key: 'Divisions', value: listed(org().divisions) },
                  { key: 'Departments', value: listed(org().departments) },
                  {
                    key: 'Referral forms',
                    value: listed(
                      org()
                        .formTypes.filter((f) => org().formKeys.includes(f.key))
                        .map((f) => f.name),
                    ),
                  },
                  {
                    key: 'Questionnaires',
                    value: listed(
                      org()
                        .questionnaireTypes.filter((q) => org().questionnaireTypeKeys?.includes(q.key))
                        .map((q) => q.name),
                    ),
                  },
                  { key: 'Approval required', value: yesNo(org().requiresApproval) },
                  { key: 'Two-factor authentication required', value: yesNo(org().requiresTwoFactor) },
                  {
                    key: 'Service levels',
                    value: `${org().slaTriageDays} days to triage, ${org().slaFirstAppointmentDays} to first appointment, ${org().slaAdviceLetterDays} to advice letter`,
                  },
                ]}
              />
            </>
          )}
        </Async>
      </Page>
    </>
  );
}
