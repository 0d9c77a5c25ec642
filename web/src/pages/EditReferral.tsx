import { useLocation, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  For,
  onCleanup,
  onMount,
  Show,
  untrack,
} from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import {
  firstIncompleteStep,
  hasAnswers,
  isDocumentsStep,
  stepStatus,
  validateStep,
  type FormData,
  type FormDefinition,
  type StepDefinition,
} from '../../../domain/forms.ts';
import { api, ApiError, type Referral, type SupportingDocument } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { createAutosave } from '../autosave.ts';
import { ErrorSummary, focusField, type ErrorItem } from '../components/ErrorSummary.tsx';
import { Button } from '../components/fields.tsx';
import { SuccessBanner } from '../components/NotificationBanner.tsx';
import { Page } from '../components/Page.tsx';
import { DocumentUploads } from '../referral/DocumentUploads.tsx';
import { withPrefill } from '../referral/prefill.ts';
import { referralPaths } from '../referral/paths.ts';
import { fieldTarget, ReferralField } from '../referral/ReferralField.tsx';
import { StepNav } from '../referral/StepNav.tsx';
import { useSession } from '../session.tsx';

/**
 * A referral's form, at /referrals/new/:formKey before its first save and at
 * /referrals/:id/edit after. Both addresses are one route, so when the first
 * answer is saved the address changes under the same page: focus and typing
 * carry on. The parameters are read once for the same reason.
 */
export function EditReferral() {
  const params = useParams();
  const { id, formKey } = untrack(() => ({ id: params.id, formKey: params.formKey }));
  return (
    <Show when={id} fallback={<NewReferral formKey={formKey!} />}>
      {(saved) => <SavedReferral id={saved()} />}
    </Show>
  );
}

/** A form not saved yet: nothing exists on the server until its first answer is saved. */
function NewReferral(props: { formKey: string }) {
  const [form] = createResource(() => props.formKey, api.formType);
  return <Async resource={form}>{(f) => <ReferralEditor definition={f().definition} formKey={f().key} />}</Async>;
}

function SavedReferral(props: { id: string }) {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const session = useSession();
  const [referral] = createResource(() => props.id, api.referral);
  /** "Continue" opens the first step with a question left; with none left, the check answers page. */
  const complete = (r: Referral) =>
    !searchParams.step && !firstIncompleteStep(r.definition, withPrefill(r.definition, r.formData, session));
  // Only drafts can be edited; anything submitted is shown on its case page.
  createEffect(() => {
    const r = referral.state === 'ready' ? referral() : undefined;
    if (r && r.status !== 'draft') navigate(`/cases/${r.id}`, { replace: true });
    else if (r && untrack(() => complete(r))) navigate(referralPaths.check(r.id), { replace: true });
  });
  return (
    <Async resource={referral}>
      {(r) => (
        <Show when={r().status === 'draft' && !untrack(() => complete(r()))}>
          <ReferralEditor definition={r().definition} formKey={r().formKey} saved={r()} />
        </Show>
      )}
    </Async>
  );
}

type EditorProps = { definition: FormDefinition; formKey: string; saved?: Referral };

function ReferralEditor(props: EditorProps) {
  const { definition, formKey } = props;
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const [id, setId] = createSignal(props.saved?.id);
  const [data, setData] = createStore<FormData>(withPrefill(definition, props.saved?.formData ?? {}, useSession()));

  const requested = definition.steps.find((s) => s.key === searchParams.step);
  const firstStep = requested ?? (props.saved && firstIncompleteStep(definition, data)) ?? definition.steps[0]!;
  const [stepKey, setStepKey] = createSignal(firstStep.key);
  const stepIndex = createMemo(() => definition.steps.findIndex((s) => s.key === stepKey()));
  const step = () => definition.steps[stepIndex()]!;
  const isLast = () => stepIndex() === definition.steps.length - 1;
  /** Opened from a Change link on the check answers page: the user goes back there. */
  const returning = () => searchParams.return === 'check';

  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [problem, setProblem] = createSignal<string>();
  const [uploadErrors, setUploadErrors] = createSignal<ErrorItem[]>([]);
  const [savedNotice, setSavedNotice] = createSignal<object>();
  const [busy, setBusy] = createSignal(false);

  // A new referral has no documents; a saved one's are loaded once, then kept here as they change.
  const [documents, { mutate: setDocuments }] = createResource(() => props.saved?.id, api.documents, {
    initialValue: [] as SupportingDocument[],
  });
  const documentSlots = () => documents().map((d) => d.slot);

  let open = true;
  onCleanup(() => (open = false));
  const save = async () => {
    const formData = { ...unwrap(data) };
    const current = id();
    if (current) return api.saveReferral(current, formData);
    const created = await api.createReferral(formKey, formData);
    setId(created.id);
    // The form's own address from now on; not if the user has left it (a save on leaving).
    if (open) navigate(`${referralPaths.edit(created.id)}${location.search}`, { replace: true, scroll: false });
    return { savedAt: new Date().toISOString() };
  };
  const autosave = createAutosave(save);

  /** Saves now; a new referral is saved (created) even if nothing was typed, once it has an answer. */
  const saveNow = () => autosave.saveNow(!id() && hasAnswers(data));
  const ensureReferral = async () => {
    if (!id()) await autosave.saveNow(true);
    return id()!;
  };

  // Errors in the order the form asks its questions, each knowing its step.
  const stepOfTarget = new Map(definition.steps.flatMap((s) => s.fields.map((f) => [fieldTarget(f), s.key] as const)));
  const errorItems = createMemo<ErrorItem[]>(() => [
    ...(problem() ? [{ text: problem()! }] : []),
    ...uploadErrors(),
    ...definition.steps.flatMap((s) =>
      s.fields.filter((f) => errors()[f.name]).map((f) => ({ text: errors()[f.name]!, target: fieldTarget(f) })),
    ),
  ]);

  // A Change link on the check answers page names the question (#field): focus it once the step is shown.
  onMount(() => {
    const target = decodeURIComponent(location.hash.slice(1));
    if (target && stepOfTarget.get(target) === stepKey()) requestAnimationFrame(() => focusField(target));
  });

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

  const showProblem = (error: unknown, fallback: string) => {
    setSavedNotice(undefined);
    setProblem(error instanceof ApiError ? error.message : fallback);
  };

  /** The current step's answers are checked before leaving it forwards; errors stay on this step. */
  const checkStep = () => {
    const stepErrors = validateStep(step(), data);
    const others = Object.fromEntries(
      Object.entries(errors()).filter(([name]) => !step().fields.some((f) => f.name === name)),
    );
    setProblem(undefined);
    setErrors({ ...others, ...stepErrors });
    return Object.keys(stepErrors).length === 0;
  };

  const nextStep = () => {
    if (!checkStep()) return;
    saveNow().catch(() => undefined);
    goTo(definition.steps[stepIndex() + 1]!.key);
  };

  /** To the check answers page, once this step is right and the answers are saved. */
  const checkAnswers = async () => {
    if (!checkStep()) return;
    setBusy(true);
    try {
      await autosave.saveNow(!id());
      navigate(referralPaths.check(id()!));
    } catch (error) {
      showProblem(error, 'The referral could not be saved. Try again.');
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
      showProblem(error, 'The referral could not be saved. Try again.');
    }
  };

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    if (returning() || isLast()) void checkAnswers();
    else nextStep();
  };

  const status = (s: StepDefinition) => stepStatus(s, data, documentSlots());

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
          <StepNav
            steps={definition.steps}
            current={stepKey()}
            status={status}
            hint={(s) => (isDocumentsStep(s) && s.fields.length === 0 ? 'Optional' : undefined)}
            onSelect={goTo}
          />
        </div>
        <div class="govuk-grid-column-two-thirds">
          <form novalidate onSubmit={onSubmit}>
            <For each={step().fields}>
              {(field) => (
                <ReferralField
                  field={field}
                  value={data[field.name] ?? ''}
                  error={errors()[field.name]}
                  onInput={(v) => update(field.name, v)}
                />
              )}
            </For>
            <Show when={isDocumentsStep(step())}>
              <DocumentUploads
                referralId={id()}
                ensureReferral={ensureReferral}
                documents={documents}
                setDocuments={(change) => setDocuments((list) => [...change(list)])}
                slots={step().documentSlots}
                onErrors={setUploadErrors}
              />
            </Show>
            <div class="govuk-button-group">
              <Button>
                {returning()
                  ? 'Save and Return to Check Answers'
                  : isLast()
                    ? 'Continue to Check Answers'
                    : 'Go to Next Step'}
              </Button>
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
