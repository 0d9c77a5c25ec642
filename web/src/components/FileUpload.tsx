import { Show } from 'solid-js';
import { FieldLabel } from './fields.tsx';

/** How far an upload has gone: the file's name and the fraction sent. */
export type UploadProgress = { name: string; fraction: number };

/**
 * GOV.UK file upload with its label and error, and while a file goes up, a
 * labelled progress bar beneath it.
 */
export function FileUpload(props: {
  id: string;
  label: string;
  accept: string;
  error: string | undefined;
  progress?: UploadProgress | undefined;
  onChange?: (input: HTMLInputElement) => void;
  ref?: (input: HTMLInputElement) => void;
}) {
  const percent = () => Math.round((props.progress?.fraction ?? 0) * 100);
  return (
    <FieldLabel id={props.id} label={props.label} error={props.error}>
      <input
        class={`govuk-file-upload${props.error ? ' govuk-file-upload--error' : ''}`}
        id={props.id}
        name={props.id}
        type="file"
        accept={props.accept}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        disabled={!!props.progress}
        ref={(el) => props.ref?.(el)}
        onChange={(e) => props.onChange?.(e.currentTarget)}
      />
      <Show when={props.progress}>
        {(p) => (
          <div class="app-upload-progress">
            <label class="govuk-body-s govuk-!-display-block" for={`${props.id}-progress`}>
              Uploading {p().name}: {percent()}%
            </label>
            <progress id={`${props.id}-progress`} max="100" value={percent()} />
          </div>
        )}
      </Show>
    </FieldLabel>
  );
}
