import { useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { isDocumentsStep, validateForm, validateStep, type FormData } from '../../../domain/forms.ts';
import { api, ApiError, type Referral } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { createAutosave } from '../autosave.ts';
import { ErrorSummary, type ErrorItem } from '../components/ErrorSummary.tsx';
import { Button } from '../components/fields.tsx';
import { SuccessBanner } from '../components/NotificationBanner.tsx';
import { Page } from '../components/Page.tsx';
import { DocumentUploads } from '../referral/DocumentUploads.tsx';
import { withPrefill } from '../referral/prefill.ts';
import { fieldTarget, ReferralField } from '../referral/ReferralField.tsx';
import { StepNav } from '../referral/StepNav.tsx';
import { useSession } from '../session.tsx';

export function EditReferral() {
  const params = useParams();
  const navigate = useNavigate();
  const [referral] = createResource(() => params.id, api.referral);
  // Only drafts can be edited; anything submitted is shown on its case page.
  createEffect(() => {
    const r = referral.state === 'ready' ? referral() : undefined;
    if (r && r.status !== 'draft') navigate(`/cases/${r.id}`, { replace: true });
  });
  return (
    <Async resource={referral}>
      {(r) => (
        <Show when={r().status === 'draft'}>
          <ReferralEditor referral={r()} />
        </Show>
      )}
    </Async>
  );
}

function ReferralEditor(props: { referral: Referral }) {
  const { id, definition } = props.referral;
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const firstStep = definition.steps.find((s) => s.key === searchParams.step) ?? definition.steps[0]!;
  const [stepKey, setStepKey] = createSignal(firstStep.key);
  const stepIndex = createMemo(() => definition.steps.findIndex((s) => s.key === stepKey()));
  const step = () => definition.steps[stepIndex()]!;
  const isLast = () => stepIndex() === definition.steps.length - 1;

  const [data, setData] = createStore<FormData>(withPrefill(definition, props.referral.formData, useSession()));
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [problem, setProblem] = createSignal<string>();
  const [uploadErrors, setUploadErrors] = createSignal<ErrorItem[]>([]);
  const [savedNotice, setSavedNotice] = createSignal<object>();
  const [busy, setBusy] = createSignal(false);
  const autosave = createAutosave(() => api.saveReferral(id, { ...unwrap(data) }));

  // Errors in the order the form asks its questions, each knowing its step.
  const stepOfTarget = new Map(definition.steps.flatMap((s) => s.fields.map((f) => [fieldTarget(f), s.key] as const)));
  const errorItems = createMemo<ErrorItem[]>(() => [
    ...(problem() ? [{ text: problem()! }] : []),
    ...uploadErrors(),
    ...definition.steps.flatMap((s) =>
      s.fields.filter((f) => errors()[f.name]).map((f) => ({ text: errors()[f.name]!, target: fieldTarget(f) })),
    ),
  ]);

  const goTo = (key: string) => {
    setSavedNotice(undefined);
    setUploadErrors([]);
    setStepKey(key);
    setSearchParams({ step: key }, { replace: true });
  };

  const update = (name: string, value: string) => {
    setData(name, value);
    autosave.changed();
  };

  /** Shows the step of the first error, then the errors, so the summary ends up with focus. */
  const showErrors = (fieldErrors: Record<string, string>, message?: string) => {
    const firstStep = definition.steps.find((s) => s.fields.some((f) => fieldErrors[f.name]));
    if (firstStep && firstStep.key !== stepKey()) goTo(firstStep.key);
    setSavedNotice(undefined);
    setProblem(message);
    setErrors(fieldErrors);
  };

  const nextStep = () => {
    const stepErrors = validateStep(step(), data);
    const others = Object.fromEntries(Object.entries(errors()).filter(([name]) => !step().fields.some((f) => f.name === name)));
    setProblem(undefined);
    setErrors({ ...others, ...stepErrors });
    if (Object.keys(stepErrors).length > 0) return;
    autosave.saveNow().catch(() => undefined);
    goTo(definition.steps[stepIndex() + 1]!.key);
  };

  const submit = async () => {
    const formErrors = validateForm(definition, data);
    if (Object.keys(formErrors).length > 0) return showErrors(formErrors);
    setBusy(true);
    try {
      await autosave.saveNow();
      await api.submitReferral(id);
      navigate(`/cases/${id}`, { state: { submitted: true } });
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) showErrors(error.fields);
      else showErrors({}, error instanceof ApiError ? error.message : 'The referral could not be submitted. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const saveForLater = async () => {
    try {
      await autosave.saveNow(true);
      setProblem(undefined);
      setSavedNotice({});
    } catch (error) {
      showErrors(errors(), error instanceof ApiError ? error.message : 'The referral could not be saved. Try again.');
    }
  };

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (isLast()) void submit();
    else nextStep();
  };

  return (
    <Page
      title={`${step().title} - ${definition.name}`}
      caption={definition.name}
      heading={step().title}
      focusKey={stepKey()}
      error={errorItems().length > 0}
      notice={
        <>
          <ErrorSummary errors={errorItems()} onSelect={(target) => goTo(stepOfTarget.get(target) ?? stepKey())} />
          <Show when={savedNotice()} keyed>
            <SuccessBanner heading="Your referral has been saved">
              <p class="govuk-body">
                You can finish it later from{' '}
                <a class="govuk-notification-banner__link" href="/referrals/saved">
                  Saved Referrals
                </a>
                . Drafts are deleted 30 days after they were last saved.
              </p>
            </SuccessBanner>
          </Show>
        </>
      }
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <StepNav steps={definition.steps} current={stepKey()} onSelect={goTo} />
        </div>
        <div class="govuk-grid-column-two-thirds">
          <form novalidate onSubmit={onSubmit}>
            <For each={step().fields}>
              {(field) => <ReferralField field={field} value={data[field.name] ?? ''} error={errors()[field.name]} onInput={(v) => update(field.name, v)} />}
            </For>
            <Show when={isDocumentsStep(step())}>
              <DocumentUploads referralId={id} slots={step().documentSlots} onErrors={setUploadErrors} />
            </Show>
            <div class="govuk-button-group">
              <Button>{isLast() ? 'Submit referral' : 'Go to Next Step'}</Button>
              <Button type="button" variant="secondary" onClick={() => void saveForLater()}>
                Save For Later
              </Button>
            </div>
          </form>
          <p class="app-save-status" role="status">
            {autosave.status()}
          </p>
        </div>
      </div>
    </Page>
  );
}
