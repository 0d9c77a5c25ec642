import { useSearchParams } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import { outcomeCharts, turnaroundCharts, volumeCharts, type MiChart } from '../../../domain/mi-charts.ts';
import { formatDays, formatRate, monthLabel } from '../../../domain/mi.ts';
import { api, type MiFilters, type MiOutcomes, type MiTurnaround, type MiVolumes } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Page } from '../components/Page.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { formatDate } from '../format.ts';
import { Chart } from '../mi/Chart.tsx';

const TABS = [
  { key: 'volumes', label: 'Referral volumes' },
  { key: 'outcomes', label: 'Outcomes and attendance' },
  { key: 'turnaround', label: 'Turnaround times' },
  { key: 'previous', label: 'Previous MI' },
] as const;
type TabKey = (typeof TABS)[number]['key'];
type Count = { key: string; label: string; count: number };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/** A chart with its figures beside it as a table: the table is what a screen reader reads. */
function ChartWithTable(props: { chart: MiChart; caption: string; heading: string; counts: Count[] }) {
  return (
    <div class="govuk-grid-row govuk-!-margin-bottom-6">
      <div class="govuk-grid-column-one-half">
        <Chart chart={props.chart} />
      </div>
      <div class="govuk-grid-column-one-half">
        <DataTable
          caption={props.caption}
          small
          rows={props.counts}
          empty="No referrals."
          columns={[
            { heading: props.heading, cell: (c) => c.label },
            { heading: 'Count', cell: (c) => String(c.count) },
          ]}
        />
      </div>
    </div>
  );
}

function Volumes(props: { filters: MiFilters }) {
  const [data] = createResource(() => ({ ...props.filters }), api.miVolumes);
  return (
    <Async resource={data}>
      {(v) => {
        const charts = () => volumeCharts(v() as MiVolumes);
        const tables: [string, string, keyof MiVolumes][] = [
          ['Referrals by month', 'Month', 'byMonth'],
          ['Referrals by status', 'Status', 'byStatus'],
          ['Referrals by case type', 'Case type', 'byCaseType'],
          ['Referrals by location', 'Location', 'byLocation'],
          ['Referrals by department', 'Department', 'byDepartment'],
        ];
        return (
          <>
            <p class="govuk-body-l">
              Referrals sent: <strong data-testid="mi-total">{v().total}</strong>
            </p>
            <For each={tables}>
              {([caption, heading, key], i) => (
                <ChartWithTable
                  chart={charts()[i()]!}
                  caption={caption}
                  heading={heading}
                  counts={v()[key] as Count[]}
                />
              )}
            </For>
          </>
        );
      }}
    </Async>
  );
}

function Outcomes(props: { filters: MiFilters }) {
  const [data] = createResource(() => ({ ...props.filters }), api.miOutcomes);
  return (
    <Async resource={data}>
      {(o) => {
        const charts = () => outcomeCharts(o() as MiOutcomes);
        const rates = () => [
          { label: 'Consent declined (of cases accepted)', rate: o().consentDeclined },
          { label: 'Did not attend (of appointments attended, missed or cancelled)', rate: o().dna },
          { label: 'Cancelled (of appointments attended, missed or cancelled)', rate: o().cancelled },
        ];
        return (
          <>
            <div class="govuk-grid-row govuk-!-margin-bottom-6">
              <div class="govuk-grid-column-one-half">
                <Chart chart={charts()[0]!} />
              </div>
              <div class="govuk-grid-column-one-half">
                <DataTable
                  caption="Rates"
                  small
                  rows={rates()}
                  empty="No cases."
                  columns={[
                    { heading: 'Measure', cell: (r) => r.label },
                    { heading: 'Count', cell: (r) => `${r.rate.numerator} of ${r.rate.denominator}` },
                    { heading: 'Rate', cell: (r) => formatRate(r.rate) },
                  ]}
                />
              </div>
            </div>
            <p class="govuk-body">Closed cases: {o().closedCases}</p>
            <ChartWithTable
              chart={charts()[1]!}
              caption="Closed cases by outcome"
              heading="Outcome"
              counts={o().byOutcome}
            />
          </>
        );
      }}
    </Async>
  );
}

function Turnaround(props: { filters: MiFilters }) {
  const [data] = createResource(() => ({ ...props.filters }), api.miTurnaround);
  return (
    <Async resource={data}>
      {(t) => (
        <>
          <div class="govuk-grid-row govuk-!-margin-bottom-6">
            <div class="govuk-grid-column-one-half">
              <Chart chart={turnaroundCharts(t() as MiTurnaround)[0]!} height={320} />
            </div>
            <div class="govuk-grid-column-one-half">
              <DataTable
                caption="Days from referral (calendar days)"
                small
                rows={t().stages}
                empty="No cases."
                columns={[
                  { heading: 'Stage', cell: (s) => s.label },
                  { heading: 'Cases', cell: (s) => String(s.cases) },
                  { heading: 'Median', cell: (s) => formatDays(s.medianDays) },
                  { heading: '90th percentile', cell: (s) => formatDays(s.p90Days) },
                  { heading: 'Service level', cell: (s) => String(s.serviceLevelDays) },
                  { heading: 'Within it', cell: (s) => String(s.withinServiceLevel) },
                ]}
              />
            </div>
          </div>
          <DataTable
            caption="Cases at risk of breaching a service level"
            rows={t().atRisk}
            empty="No open case is within 2 days of a service level or past one."
            columns={[
              {
                heading: 'Case',
                cell: (c) => (
                  <a class="govuk-link" href={`/cases/${c.id}`}>
                    {c.reference}
                  </a>
                ),
              },
              { heading: 'Waiting for', cell: (c) => c.stageLabel },
              { heading: 'Due', cell: (c) => formatDate(c.dueAt) },
              {
                heading: 'Days left',
                cell: (c) => (c.daysLeft < 0 ? `Overdue by ${-c.daysLeft}` : String(c.daysLeft)),
              },
            ]}
          />
        </>
      )}
    </Async>
  );
}

function PreviousMi() {
  const [packs] = createResource(api.miPacks);
  return (
    <Async resource={packs}>
      {(list) => (
        <DataTable
          caption="Monthly report packs"
          rows={list()}
          empty="No report packs yet. A pack is built on the 1st of each month for the month before."
          columns={[
            { heading: 'Month', cell: (p) => monthLabel(p.month) },
            { heading: 'Built', cell: (p) => formatDate(p.builtAt) },
            {
              heading: 'Download',
              cell: (p) => (
                <>
                  <a class="govuk-link" href={api.miPackHref(p.id, 'pdf')} download="">
                    PDF summary<span class="govuk-visually-hidden"> for {monthLabel(p.month)}</span>
                  </a>
                  {' | '}
                  <a class="govuk-link" href={api.miPackHref(p.id, 'xlsx')} download="">
                    Excel workbook<span class="govuk-visually-hidden"> for {monthLabel(p.month)}</span>
                  </a>
                </>
              ),
            },
          ]}
        />
      )}
    </Async>
  );
}

function Filters(props: { filters: MiFilters; onApply: (f: MiFilters) => void }) {
  const [options] = createResource(api.miFilters);
  const select = (name: string, label: string, list: { id: string; name: string }[], value: string | undefined) => (
    <div class="govuk-form-group app-mi-filter">
      <label class="govuk-label" for={`mi-${name}`}>
        {label}
      </label>
      <select class="govuk-select" id={`mi-${name}`} name={name} value={value ?? ''}>
        <option value="">All</option>
        <For each={list}>{(o) => <option value={o.id}>{o.name}</option>}</For>
      </select>
    </div>
  );
  return (
    <form
      class="app-mi-filters"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const get = (k: string) => (data.get(k) as string) || undefined;
        props.onApply({
          from: get('from'),
          to: get('to'),
          locationId: get('locationId'),
          divisionId: get('divisionId'),
          departmentId: get('departmentId'),
        });
      }}
    >
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Filter the figures</legend>
        <div class="govuk-form-group app-mi-filter">
          <label class="govuk-label" for="mi-from">
            Sent from
          </label>
          <input
            class="govuk-input govuk-input--width-10"
            type="date"
            id="mi-from"
            name="from"
            value={props.filters.from ?? ''}
          />
        </div>
        <div class="govuk-form-group app-mi-filter">
          <label class="govuk-label" for="mi-to">
            Sent to
          </label>
          <input
            class="govuk-input govuk-input--width-10"
            type="date"
            id="mi-to"
            name="to"
            value={props.filters.to ?? ''}
          />
        </div>
        <Show when={options.latest}>
          {(o) => (
            <>
              {select('locationId', 'Location', o().locations, props.filters.locationId)}
              {select('divisionId', 'Division', o().divisions, props.filters.divisionId)}
              {select('departmentId', 'Department', o().departments, props.filters.departmentId)}
            </>
          )}
        </Show>
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">
          Apply filters
        </button>
      </fieldset>
    </form>
  );
}

/** Management Information: Live MI's three tabs over the cases the user may see, and the monthly packs. */
export function ManagementInformation() {
  const [params, setParams] = useSearchParams();
  const tab = (): TabKey => (TABS.some((t) => t.key === params.tab) ? (params.tab as TabKey) : 'volumes');
  const filters = (): MiFilters => ({
    from: one(params.from),
    to: one(params.to),
    locationId: one(params.locationId),
    divisionId: one(params.divisionId),
    departmentId: one(params.departmentId),
  });
  return (
    <Page title="Management Information">
      <Show when={tab() !== 'previous'}>
        <Filters filters={filters()} onApply={(f) => setParams({ ...f, tab: tab() })} />
      </Show>
      <Tabs label="Management information" tabs={TABS} selected={tab()} onSelect={(key) => setParams({ tab: key })}>
        <Switch>
          <Match when={tab() === 'previous'}>
            <h2 class="govuk-heading-l">Previous MI</h2>
            <PreviousMi />
          </Match>
          <Match when={tab() !== 'previous'}>
            <h2 class="govuk-heading-l">{TABS.find((t) => t.key === tab())!.label}</h2>
            <p class="govuk-body">
              Figures count only the cases you may see.{' '}
              <a class="govuk-link" href={api.miExportHref(tab() as 'volumes', filters())} download="">
                Export to Excel
              </a>
            </p>
            <Switch>
              <Match when={tab() === 'volumes'}>
                <Volumes filters={filters()} />
              </Match>
              <Match when={tab() === 'outcomes'}>
                <Outcomes filters={filters()} />
              </Match>
              <Match when={tab() === 'turnaround'}>
                <Turnaround filters={filters()} />
              </Match>
            </Switch>
          </Match>
        </Switch>
      </Tabs>
    </Page>
  );
}
