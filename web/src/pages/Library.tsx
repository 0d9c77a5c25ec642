import { createResource } from 'solid-js';
import { api } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { Page } from '../components/Page.tsx';
import { formatDate } from '../format.ts';
import { formatSize } from '../../../domain/documents.ts';

/** The documents the provider published to the organisation (guides, forms); each download is recorded. */
export function Library() {
  const [documents] = createResource(api.library);
  return (
    <Page title="Library">
      <p class="govuk-body">Guides and forms from your occupational health provider.</p>
      <Async resource={documents}>
        {(list) => (
          <DataTable
            caption="Documents"
            rows={list()}
            empty="Your provider has not published any documents yet."
            columns={[
              { heading: 'Title', cell: (d) => d.title },
              { heading: 'Published', cell: (d) => formatDate(d.createdAt) },
              { heading: 'Size', cell: (d) => formatSize(d.size) },
              {
                heading: 'Download',
                cell: (d) => (
                  <a class="govuk-link" href={api.libraryHref(d.id)} download="">
                    {d.filename}
                  </a>
                ),
              },
            ]}
          />
        )}
      </Async>
    </Page>
  );
}
