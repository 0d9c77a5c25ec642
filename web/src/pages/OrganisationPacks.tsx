import { useParams } from '@solidjs/router';
import { createResource, createSignal } from 'solid-js';
import { monthLabel } from '../../../domain/mi.ts';
import { api } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { Button, TextInput } from '../components/fields.tsx';
import { createOrganisationName, OrganisationBackLink } from '../components/OrganisationBackLink.tsx';
import { Page } from '../components/Page.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';
import { formatDate, formatTime } from '../format.ts';

/**
 * Provider admin: an organisation's monthly MI packs. "Run again" builds one afresh (a Temporal
 * workflow; the new pack replaces the old when it is done); a month without one can be built too.
 * The organisation's MI viewers download them from Previous MI.
 */
export function OrganisationPacks() {
  const params = useParams();
  const organisationName = createOrganisationName(() => params.id!);
  const [packs, { refetch }] = createResource(() => params.id!, api.organisationPacks);
  const [month, setMonth] = createSignal('');
  const [done, setDone] = createSignal<Outcome>();
  const errors = createFormErrors({ order: ['month'] });
  const submitter = createSubmitter();

  const runFor = (which: string) =>
    void submitter.run(async () => {
      setDone(undefined);
      try {
        await api.runMiPack(params.id!, which);
        errors.clear();
        setDone({
          heading: `The pack for ${monthLabel(which)} is being built`,
          detail: 'It takes a minute or so. Refresh the list to see its new build time.',
        });
      } catch (error) {
        errors.show(error);
      }
    });

  return (
    <>
      <OrganisationBackLink id={params.id!} name={organisationName()} />
      <Page
        caption={organisationName()}
        title="Previous MI"
        error={errors.errors().length > 0}
        notice={<FormNotice errors={errors.errors()} outcome={done()} />}
      >
        <p class="govuk-body">A pack is built on the 1st of each month for the month before.</p>
        <Async resource={packs}>
          {(list) => (
            <DataTable
              caption="Monthly report packs"
              rows={list()}
              empty="No report packs yet."
              columns={[
                { heading: 'Month', cell: (p) => monthLabel(p.month) },
                { heading: 'Built', cell: (p) => `${formatDate(p.builtAt)} ${formatTime(p.builtAt)}` },
                {
                  heading: 'Action',
                  cell: (p) => (
                    <button
                      type="button"
                      class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      data-module="govuk-button"
                      onClick={() => runFor(p.month)}
                    >
                      Run again<span class="govuk-visually-hidden"> for {monthLabel(p.month)}</span>
                    </button>
                  ),
                },
              ]}
            />
          )}
        </Async>
        <Button type="button" variant="secondary" onClick={() => void refetch()}>
          Refresh the list
        </Button>
        <form
          novalidate
          onSubmit={(event) => {
            event.preventDefault();
            runFor(month().trim());
          }}
        >
          <h2 class="govuk-heading-m">Build a pack for a month</h2>
          <TextInput
            id="month"
            label="Month"
            hint="As year and month, like 2026-11"
            value={month()}
            onInput={setMonth}
            error={errors.field('month')}
            widthClass="govuk-input--width-10"
          />
          <Button>Build the pack</Button>
        </form>
      </Page>
    </>
  );
}
