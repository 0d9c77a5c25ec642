import { createResource, For, Show } from 'solid-js';
import { api } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { Page } from '../components/Page.tsx';
import { TableWrapper } from '../components/TableWrapper.tsx';
import { formatDate } from '../format.ts';

export function TriageQueue() {
  const [rows] = createResource(api.triageQueue);
  return (
    <Page title="Triage Queue">
      <p class="govuk-body">Referrals waiting for a clinician to accept or reject them, oldest first.</p>
      <Async resource={rows}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="govuk-body">There are no referrals waiting for triage.</p>}>
            <TableWrapper label="Referrals waiting for triage">
              <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">Referrals waiting for triage</caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">Received</th>
                    <th scope="col" class="govuk-table__header">Organisation</th>
                    <th scope="col" class="govuk-table__header">Case Type</th>
                    <th scope="col" class="govuk-table__header">Employee</th>
                    <th scope="col" class="govuk-table__header">Status</th>
                    <th scope="col" class="govuk-table__header">Triage</th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  <For each={list()}>
                    {(row) => (
                      <tr class="govuk-table__row">
                        <td class="govuk-table__cell">{formatDate(row.received, 'short')}</td>
                        <td class="govuk-table__cell">{row.organisation}</td>
                        <td class="govuk-table__cell">{row.caseType}</td>
                        <td class="govuk-table__cell">{row.employee}</td>
                        <td class="govuk-table__cell">{row.statusLabel}</td>
                        <td class="govuk-table__cell">
                          <a class="govuk-link" href={`/triage/${row.id}`}>
                            Open<span class="govuk-visually-hidden"> referral for {row.employee}</span>
                          </a>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrapper>
          </Show>
        )}
      </Async>
    </Page>
  );
}
