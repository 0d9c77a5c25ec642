import { createResource } from 'solid-js';
import { formatSize } from '../../../domain/documents.ts';
import { api, type Referral } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDate } from '../format.ts';

/**
 * The documents the referrer sent with the referral, each a download the server checks and audits:
 * on the case page, and at triage, where the clinician reads them to decide.
 */
export function SupportingDocuments(props: { referral: Referral }) {
  const r = () => props.referral;
  const [documents] = createResource(() => r().id, api.documents);
  const slotLabel = (slot: string | null) =>
    r()
      .definition.steps.flatMap((s) => s.documentSlots ?? [])
      .find((s) => s.key === slot)?.label;
  return (
    <DataTable
      caption="Supporting documents"
      empty="No supporting documents were sent with this referral."
      rows={documents.latest ?? []}
      columns={[
        {
          heading: 'Document',
          cell: (doc) => (
            <a class="govuk-link" href={api.documentHref(r().id, doc.id)} download={doc.filename}>
              {doc.filename}
            </a>
          ),
        },
        { heading: 'Type', cell: (doc) => slotLabel(doc.slot) ?? 'Supporting document' },
        { heading: 'Size', cell: (doc) => formatSize(doc.size) },
        { heading: 'Added', cell: (doc) => formatDate(doc.createdAt, 'short') },
      ]}
    />
  );
}
