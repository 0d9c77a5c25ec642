import { createSignal, For, Show, type Accessor } from 'solid-js';
import { ACCEPTED_DESCRIPTION, formatSize, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from '../../../domain/documents.ts';
import { api, ApiError, type SupportingDocument } from '../api.ts';
import type { ErrorItem } from '../components/ErrorSummary.tsx';
import { FileUpload, type UploadProgress } from '../components/FileUpload.tsx';
import { SummaryList } from '../components/SummaryList.tsx';

type Slot = { key: string; label: string };

/** Where each upload control is: one per slot, or one for a form without slots. */
const controlId = (slot: Slot | undefined) => (slot ? `document-${slot.key}` : 'document');

type DocumentUploadsProps = {
  /** Undefined until the referral's first save. */
  referralId: string | undefined;
  /** Saves a new referral so a file can be attached to it, and says its id. */
  ensureReferral: () => Promise<string>;
  /** The referral's documents, which the page keeps (its task list counts them). */
  documents: Accessor<readonly SupportingDocument[]>;
  setDocuments: (update: (list: readonly SupportingDocument[]) => readonly SupportingDocument[]) => void;
  slots: readonly Slot[] | undefined;
  onErrors: (errors: ErrorItem[]) => void;
};

/**
 * Step 05: the referral's supporting documents. A chosen file is sent at once,
 * with its progress shown; refusals (too big, wrong kind, too many) are shown
 * beside the control and reported to the page's error summary.
 */
export function DocumentUploads(props: DocumentUploadsProps) {
  const documents = () => props.documents();
  const mutate = props.setDocuments;
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  // Each control uploads on its own, so several files can go at once.
  const [progress, setProgress] = createSignal<Record<string, UploadProgress>>({});
  const track = (id: string, value: UploadProgress | undefined) =>
    setProgress((all) => {
      const { [id]: _, ...rest } = all;
      return value ? { ...rest, [id]: value } : rest;
    });
  const [announcement, setAnnouncement] = createSignal('');
  const slotted = () => (props.slots?.length ?? 0) > 0;

  const report = (next: Record<string, string>) => {
    setErrors(next);
    props.onErrors(Object.entries(next).map(([target, text]) => ({ text, target })));
  };

  const send = async (slot: Slot | undefined, input: HTMLInputElement) => {
    const file = input.files?.[0];
    const id = controlId(slot);
    if (!file || progress()[id]) return;
    const others = () => Object.fromEntries(Object.entries(errors()).filter(([key]) => key !== id));
    // Refused here too, so nobody waits for 10 MB to go up only to be told.
    if (file.size > MAX_DOCUMENT_BYTES) {
      input.value = '';
      return report({ ...others(), [id]: `${file.name} must be smaller than 10 MB` });
    }
    report(others());
    setAnnouncement(`Uploading ${file.name}`);
    track(id, { name: file.name, fraction: 0 });
    try {
      const referralId = await props.ensureReferral();
      const created = await api.uploadDocument(referralId, file, slot?.key, (fraction) =>
        track(id, { name: file.name, fraction }),
      );
      mutate((list) => [...list, created]);
      setAnnouncement(`${created.filename} has been uploaded`);
    } catch (error) {
      const message =
        error instanceof ApiError
          ? (error.fields.file ?? error.fields.slot ?? error.message)
          : 'The file could not be uploaded. Try again.';
      report({ ...others(), [id]: message.replace(/^The selected file/, file.name) });
      setAnnouncement('');
    } finally {
      track(id, undefined);
      input.value = '';
    }
  };

  const remove = async (doc: SupportingDocument) => {
    try {
      await api.deleteDocument(await props.ensureReferral(), doc.id);
      mutate((list) => list.filter((d) => d.id !== doc.id));
      setAnnouncement(`${doc.filename} has been removed`);
    } catch (error) {
      report({
        ...errors(),
        [controlId(props.slots?.find((s) => s.key === doc.slot))]:
          error instanceof ApiError ? error.message : 'The file could not be removed. Try again.',
      });
    }
  };

  const inSlot = (slot: Slot) => documents().find((d) => d.slot === slot.key);
  const full = () => documents().length >= MAX_DOCUMENTS;

  return (
    <div class="app-documents">
      <p class="govuk-body">
        You can add up to {MAX_DOCUMENTS} documents, each smaller than 10 MB: {ACCEPTED_DESCRIPTION}. They are sent with
        the referral and kept with the draft until then.
      </p>
      <Show when={slotted()}>
        <For each={props.slots}>
          {(slot) => (
            <Show
              when={inSlot(slot)}
              fallback={
                <UploadControl
                  slot={slot}
                  error={errors()[controlId(slot)]}
                  progress={progress()[controlId(slot)]}
                  onChoose={send}
                />
              }
            >
              {(doc) => (
                <UploadedList
                  documents={[doc()]}
                  heading={slot.label}
                  referralId={props.referralId!}
                  onRemove={remove}
                />
              )}
            </Show>
          )}
        </For>
      </Show>
      <Show when={!slotted()}>
        <Show when={documents().length > 0}>
          <UploadedList
            documents={documents()}
            heading="Uploaded documents"
            referralId={props.referralId!}
            onRemove={remove}
          />
        </Show>
        <Show
          when={!full()}
          fallback={
            <p class="govuk-inset-text">
              You have added {MAX_DOCUMENTS} documents, the most a referral can have. Remove one to add another.
            </p>
          }
        >
          <UploadControl
            error={errors()[controlId(undefined)]}
            progress={progress()[controlId(undefined)]}
            onChoose={send}
          />
        </Show>
      </Show>
      <p class="govuk-visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
    </div>
  );
}

function UploadControl(props: {
  slot?: Slot;
  error: string | undefined;
  progress: UploadProgress | undefined;
  onChoose: (slot: Slot | undefined, input: HTMLInputElement) => void;
}) {
  return (
    <FileUpload
      id={controlId(props.slot)}
      label={props.slot ? props.slot.label : 'Upload a document'}
      accept=".pdf,.doc,.docx,.xls,.xlsx,.txt,application/pdf,text/plain"
      error={props.error}
      progress={props.progress}
      onChange={(input) => props.onChoose(props.slot, input)}
    />
  );
}

function UploadedList(props: {
  documents: readonly SupportingDocument[];
  heading: string;
  referralId: string;
  onRemove: (doc: SupportingDocument) => void;
}) {
  return (
    <>
      <h2 class="govuk-heading-s govuk-!-margin-bottom-2">{props.heading}</h2>
      <SummaryList
        rows={props.documents.map((doc) => ({
          key: doc.filename,
          value: formatSize(doc.size),
          action: {
            label: 'Remove',
            hidden: doc.filename,
            href: api.documentHref(props.referralId, doc.id),
            onClick: () => props.onRemove(doc),
          },
        }))}
      />
    </>
  );
}
