import { createSignal, Show } from 'solid-js';
import { ApiError, type Workbook } from '../api.ts';
import { Button } from './fields.tsx';

const kilobytes = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('en-GB')} KB`;

/** Saves a file the page holds, as a download the browser names. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its copy once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Export to Excel: a tracking list's current view as a workbook. The server writes it
 * as it reads the rows, so the status line says how much has arrived while it is
 * prepared; then the browser saves it.
 */
export function ExportWorkbook(props: {
  heading: string;
  hint: string;
  download: (onProgress: (bytes: number) => void) => Promise<Workbook>;
}) {
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const run = async () => {
    if (busy()) return;
    setBusy(true);
    setError('');
    setStatus('Preparing…');
    try {
      const file = await props.download((bytes) => setStatus(`Preparing… ${kilobytes(bytes)} received`));
      save(file.blob, file.filename);
      setStatus(`Export ready: ${file.filename} (${kilobytes(file.blob.size)}) has been saved to your downloads.`);
    } catch (failure) {
      setStatus('');
      setError(
        failure instanceof ApiError && failure.status !== 0
          ? `The export could not be prepared: ${failure.message}`
          : failure instanceof ApiError
            ? failure.message
            : 'The export could not be prepared. Try again.',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class={`govuk-form-group${error() ? ' govuk-form-group--error' : ''}`}>
      <h2 class="govuk-heading-s govuk-!-margin-bottom-1">{props.heading}</h2>
      <p id="export-hint" class="govuk-hint">
        {props.hint}
      </p>
      <Show when={error()}>
        <p id="export-error" class="govuk-error-message" role="alert">
          <span class="govuk-visually-hidden">Error:</span> {error()}
        </p>
      </Show>
      <Button
        type="button"
        variant="secondary"
        unavailable={busy()}
        describedBy={error() ? 'export-hint export-error' : 'export-hint'}
        onClick={() => void run()}
      >
        Export to Excel
      </Button>
      <p class="app-export-status govuk-!-margin-bottom-0" role="status">
        {status()}
      </p>
    </div>
  );
}
