import { useParams } from '@solidjs/router';
import { createResource, createSignal } from 'solid-js';
import { ACCEPTED_DESCRIPTION, formatSize, MAX_DOCUMENT_BYTES } from '../../../domain/documents.ts';
import { api } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { FileUpload } from '../components/FileUpload.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { Button, TextInput } from '../components/fields.tsx';
import { createOrganisationName, OrganisationBackLink } from '../components/OrganisationBackLink.tsx';
import { Page } from '../components/Page.tsx';
import { createFormErrors, createPageActions } from '../forms.ts';
import { formatDate } from '../format.ts';

const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.txt,application/pdf,text/plain';

/**
 * Provider admin: an organisation's library. A document goes up with a title; the API checks
 * its type by its content, as it does attachments. Its users list and download it.
 */
export function OrganisationLibrary() {
  const params = useParams();
  const organisationName = createOrganisationName(() => params.id!);
  const [documents, { refetch }] = createResource(() => params.id!, api.libraryOf);
  const [title, setTitle] = createSignal('');
  const errors = createFormErrors({ order: ['title', 'file'] });
  const actions = createPageActions(errors);
  const { done } = actions;
  let fileInput: HTMLInputElement | undefined;

  const run = (action: () => Promise<unknown>, outcome: Outcome) => actions.act(action, outcome, refetch);

  const publish = (event: SubmitEvent) => {
    event.preventDefault();
    const file = fileInput?.files?.[0];
    if (!file) {
      errors.set([{ text: 'Choose a file to publish', target: 'file' }]);
      return;
    }
    run(
      async () => {
        await api.publishLibraryDocument(params.id!, title(), file);
        setTitle('');
        if (fileInput) fileInput.value = '';
      },
      { heading: `${title().trim()} is published`, detail: "The organisation's users can download it from Library." },
    );
  };

  return (
    <>
      <OrganisationBackLink id={params.id!} name={organisationName()} />
      <Page
        caption={organisationName()}
        title="Library"
        error={errors.errors().length > 0}
        notice={<FormNotice errors={errors.errors()} outcome={done()} />}
      >
        <form novalidate onSubmit={publish}>
          <h2 class="govuk-heading-m">Publish a document</h2>
          <p class="govuk-body">
            It can be {ACCEPTED_DESCRIPTION}, up to {formatSize(MAX_DOCUMENT_BYTES)}.
          </p>
          <TextInput id="title" label="Title" value={title()} onInput={setTitle} error={errors.field('title')} />
          <FileUpload
            id="file"
            label="File"
            accept={ACCEPT}
            error={errors.field('file')}
            ref={(el) => {
              fileInput = el;
            }}
          />
          <Button>Publish the document</Button>
        </form>
        <Async resource={documents}>
          {(list) => (
            <DataTable
              caption="Published documents"
              rows={list()}
              empty="Nothing is published to this organisation yet."
              columns={[
                { heading: 'Title', cell: (d) => d.title },
                { heading: 'File', cell: (d) => d.filename },
                { heading: 'Size', cell: (d) => formatSize(d.size) },
                { heading: 'Published', cell: (d) => formatDate(d.createdAt) },
                {
                  heading: 'Action',
                  cell: (d) => (
                    <button
                      type="button"
                      class="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                      data-module="govuk-button"
                      onClick={() =>
                        run(() => api.withdrawLibraryDocument(params.id!, d.id), {
                          heading: `${d.title} is withdrawn`,
                        })
                      }
                    >
                      Withdraw<span class="govuk-visually-hidden"> {d.title}</span>
                    </button>
                  ),
                },
              ]}
            />
          )}
        </Async>
      </Page>
    </>
  );
}
