import { createResource, createSignal, Show } from 'solid-js';
import { api, type Referral } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { FileUpload, type UploadProgress } from '../components/FileUpload.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Button, Radios } from '../components/fields.tsx';
import { formatDate } from '../format.ts';
import { hasWords, type ActionRunner } from './action-runner.ts';
import { createLetterPreview, LetterBodyField } from './LetterBody.tsx';
import { SupportingDocuments } from './SupportingDocuments.tsx';

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/**
 * The documents of a case: the referrer's supporting documents and the advice
 * letters. A letter held for the employee's review shows its state instead of
 * a link; the server decides which the viewer may open.
 */
export function CaseDocuments(props: { referral: Referral; runner: ActionRunner }) {
  const r = () => props.referral;
  const [letters, { refetch: reloadLetters }] = createResource(() => (r().caseNumber ? r().id : false), api.letters);
  return (
    <>
      <DataTable
        caption="Referral form"
        empty=""
        rows={[r()]}
        columns={[
          {
            heading: 'Document',
            cell: (ref) => (
              <a class="govuk-link" href={api.referralFormHref(ref.id)} download="">
                Referral form (PDF)
              </a>
            ),
          },
          {
            heading: 'Submitted',
            cell: (ref) => (ref.submittedAt ? formatDate(ref.submittedAt, 'short') : 'Not submitted'),
          },
        ]}
      />
      <SupportingDocuments referral={r()} />
      <Show when={r().caseNumber}>
        <DataTable
          caption="Advice letters"
          empty="No advice letter has been issued yet."
          rows={letters.latest ?? []}
          columns={[
            { heading: 'Issued', cell: (l) => formatDate(l.issuedAt, 'short') },
            {
              heading: 'Letter',
              cell: (l) => (
                <Show when={l.canDownload} fallback={<strong class="govuk-tag govuk-tag--yellow">{l.state}</strong>}>
                  <a class="govuk-link" href={api.letterHref(r().id, l.id)} download="">
                    View Document
                    <span class="govuk-visually-hidden"> (advice letter issued {formatDate(l.issuedAt)})</span>
                  </a>
                  <Show when={!l.released}>
                    <span class="govuk-body-s govuk-!-display-block">{l.state}</span>
                  </Show>
                </Show>
              ),
            },
          ]}
        />
      </Show>
      <Show when={r().allowed.work}>
        <Narrow>
          <LetterForms referral={r()} runner={props.runner} reload={reloadLetters} />
        </Narrow>
      </Show>
    </>
  );
}

/** The clinician writes the letter (rendered to PDF) or uploads one already written. */
function LetterForms(props: { referral: Referral; runner: ActionRunner; reload: () => unknown }) {
  const seesFirst = props.referral.formData.employeeSeesReportFirst === 'Yes' ? 'yes' : 'no';
  const [body, setBody] = createSignal('');
  const [review, setReview] = createSignal(seesFirst);
  const [uploadReview, setUploadReview] = createSignal(seesFirst);
  const [progress, setProgress] = createSignal<UploadProgress>();
  let file!: HTMLInputElement;
  const issued = (released: boolean) => ({
    heading: released ? 'Advice letter issued' : 'Advice letter sent to the employee to check',
    detail: released
      ? 'The referrer has been emailed that it is ready.'
      : 'The referrer sees "Awaiting employee response" until the employee confirms it, or until the review period ends.',
  });

  const letterPreview = createLetterPreview(() => props.referral, props.runner);
  const writeBody = (text: string) => {
    setBody(text);
    letterPreview.forget();
  };

  const write = (event: SubmitEvent) => {
    event.preventDefault();
    if (!hasWords(body())) return props.runner.refuse('Write the advice letter', 'letter-body');
    props.runner.run(async () => {
      const result = await api.writeLetter(props.referral.id, {
        body: body().trim(),
        employeeReview: review() === 'yes',
      });
      writeBody('');
      return issued(result.released);
    }, props.reload);
  };

  const upload = (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return props.runner.refuse('Select the advice letter PDF to upload', 'file');
    props.runner.run(async () => {
      try {
        const result = await api.uploadLetter(props.referral.id, chosen, uploadReview() === 'yes', (fraction) =>
          setProgress({ name: chosen.name, fraction }),
        );
        file.value = '';
        return issued(result.released);
      } finally {
        setProgress(undefined);
      }
    }, props.reload);
  };

  return (
    <>
      <h2 class="govuk-heading-m">Write the advice letter</h2>
      <p class="govuk-body">
        It is rendered as a PDF on the provider's letterhead with the case number, date and page numbers.
      </p>
      <form novalidate onSubmit={write}>
        <LetterBodyField
          referral={props.referral}
          value={body()}
          error={props.runner.errors.field('letter-body') ?? props.runner.errors.field('body')}
          onInput={writeBody}
        />
        <ReviewQuestion id="letter-review" value={review()} onInput={setReview} />
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            Issuing the letter is final. Preview it first: it opens as a PDF in a new tab.
          </strong>
        </div>
        <div class="govuk-button-group">
          <Button type="button" variant="secondary" onClick={() => letterPreview.preview(body())}>
            Preview letter
          </Button>
          <Button>Issue advice letter</Button>
        </div>
        <letterPreview.Link />
      </form>
      <h2 class="govuk-heading-m">Or upload the advice letter</h2>
      <form novalidate onSubmit={upload}>
        <FileUpload
          id="file"
          label="Advice letter (PDF, smaller than 10 MB)"
          accept=".pdf,application/pdf"
          error={props.runner.errors.field('file')}
          progress={progress()}
          ref={(el) => (file = el)}
        />
        <ReviewQuestion id="upload-review" value={uploadReview()} onInput={setUploadReview} />
        <Button>Upload advice letter</Button>
      </form>
    </>
  );
}

function ReviewQuestion(props: { id: string; value: string; onInput: (v: string) => void }) {
  return (
    <Radios
      id={props.id}
      label="Does the employee check the letter before it is released to the referrer?"
      hint="The referral says whether the employee asked to see it first."
      inline
      options={YES_NO}
      value={props.value}
      onInput={props.onInput}
    />
  );
}
