import { useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, onMount, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { FormData } from '../../../domain/forms.ts';
import { isAsked, validatePage } from '../../../domain/questionnaires.ts';
import { createNewPassword, NewPasswordFields, passwordRefused, PasswordSubmit } from '../account/NewPassword.tsx';
import { api, ApiError, type EmployeeQuestionnaire } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { focusField, type ErrorItem } from '../components/ErrorSummary.tsx';
import { Button, ConfirmCheckbox, EMAIL_INPUT, passwordInput, TextArea, TextInput } from '../components/fields.tsx';
import { FormNotice, type Outcome } from '../components/FormNotice.tsx';
import { Page } from '../components/Page.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { formatAnswer } from '../format.ts';
import { createFormErrors, createSubmitter } from '../forms.ts';
import { fieldTarget, ReferralField } from '../referral/ReferralField.tsx';

/**
 * The questionnaire's employee, who has no account: the emailed link, a one-time code
 * and a password of their own, then one topic per page, Check your answers and submit.
 */
const PATHS = {
  signIn: '/questionnaire/sign-in',
  /** A page by its key; with none, the first page with a question left. */
  page: (key?: string, returning = false) =>
    `/questionnaire/pages${key ? `?page=${key}${returning ? '&return=check' : ''}` : ''}`,
  check: '/questionnaire/check',
  submitted: '/questionnaire/submitted',
};

/** The employee's session ended or never started: to their sign-in page. */
function useEmployeeQuestionnaire() {
  const navigate = useNavigate();
  const [questionnaire] = createResource(() =>
    api.employeeQuestionnaire().catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 401) navigate(PATHS.signIn, { replace: true });
      throw error;
    }),
  );
  return questionnaire;
}

/** /questionnaire?token=…: the link works; a code to the mailbox; the code and their own password. */
export function QuestionnaireStart() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = () => (Array.isArray(params.token) ? params.token[0] : params.token) ?? '';
  const [link] = createResource(token, api.questionnaireLink);
  const [codeSent, setCodeSent] = createSignal(false);
  const [code, setCode] = createSignal('');
  // A refused link (an old one, say) has no address: reading `latest` would throw and blank the page.
  const password = createNewPassword(() => (link.error ? '' : (link.latest?.email.split('@')[0] ?? '')));
  const errors = createFormErrors({ order: ['code', 'password', 'passwordConfirmation'] });
  const [outcome, setOutcome] = createSignal<Outcome>();
  const submitter = createSubmitter();

  const sendCode = (event: SubmitEvent) => {
    event.preventDefault();
    void submitter.run(async () => {
      try {
        await api.questionnaireCode(token());
        errors.clear();
        setCodeSent(true);
        setOutcome({ heading: 'We have emailed you a code', detail: 'It works for 15 minutes.' });
      } catch (error) {
        errors.show(error);
      }
    });
  };
  const verify = (event: SubmitEvent) => {
    event.preventDefault();
    setOutcome(undefined);
    if (!code().trim()) return errors.set([{ target: 'code', text: 'Enter the code from the email' }]);
    if (passwordRefused(password, errors)) return;
    void submitter.run(async () => {
      try {
        await api.verifyQuestionnaireCode({
          token: token(),
          code: code(),
          password: password.password(),
          confirmation: password.confirmation(),
        });
        navigate(PATHS.page(), { replace: true });
      } catch (error) {
        errors.show(error);
      }
    });
  };

  return (
    <Show
      when={link.state !== 'errored'}
      fallback={
        <Page title="This link no longer works">
          <p class="govuk-body">
            {link.error instanceof ApiError ? link.error.message : 'The link could not be checked.'}
          </p>
          <p class="govuk-body">
            If you have already started, <a href={PATHS.signIn}>sign in with your email address and password</a>.
          </p>
        </Page>
      }
    >
      <Async resource={link}>
        {(l) => (
          <Page
            title={`${l().questionnaire} from ${l().employer}`}
            error={errors.errors().length > 0}
            notice={<FormNotice errors={errors.errors()} outcome={outcome()} />}
          >
            <p class="govuk-body">
              {l().employer} has asked you to complete a health questionnaire. Your answers go to a clinician of its
              occupational health provider; your employer sees only the outcome.
            </p>
            <Show
              when={codeSent()}
              fallback={
                <form novalidate onSubmit={sendCode}>
                  <p class="govuk-body">
                    First we check that this is your mailbox: we email a one-time code to {l().email}.
                  </p>
                  <Button unavailable={submitter.busy()}>Email me a code</Button>
                </form>
              }
            >
              <form novalidate onSubmit={verify}>
                <TextInput
                  id="code"
                  label="Code from the email"
                  inputmode="numeric"
                  autocomplete="one-time-code"
                  widthClass="govuk-input--width-10"
                  value={code()}
                  error={errors.field('code')}
                  onInput={setCode}
                />
                <h2 class="govuk-heading-m">Choose a password</h2>
                <p class="govuk-body">
                  You sign in with your email address and this password to come back to the questionnaire.
                </p>
                <NewPasswordFields form={password} errors={errors} />
                <PasswordSubmit form={password} busy={submitter.busy()}>
                  Continue
                </PasswordSubmit>
              </form>
            </Show>
          </Page>
        )}
      </Async>
    </Show>
  );
}

/** Coming back: the email address and the password the employee chose. */
export function QuestionnaireSignIn() {
  const navigate = useNavigate();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const errors = createFormErrors({ order: ['email', 'password'] });
  const submitter = createSubmitter();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const missing: ErrorItem[] = [
      ...(email().trim() ? [] : [{ target: 'email', text: 'Enter your email address' }]),
      ...(password() ? [] : [{ target: 'password', text: 'Enter your password' }]),
    ];
    if (missing.length > 0) return errors.set(missing);
    void submitter.run(async () => {
      try {
        await api.questionnaireSignIn(email().trim(), password());
        navigate(PATHS.page(), { replace: true });
      } catch (error) {
        errors.show(error);
      }
    });
  };
  return (
    <Page
      title="Sign in to your health questionnaire"
      error={errors.errors().length > 0}
      notice={<FormNotice errors={errors.errors()} />}
    >
      <form novalidate onSubmit={submit}>
        <TextInput
          id="email"
          label="Email address"
          {...EMAIL_INPUT}
          value={email()}
          error={errors.field('email')}
          onInput={setEmail}
        />
        <TextInput
          id="password"
          label="Password"
          {...passwordInput('current-password')}
          value={password()}
          error={errors.field('password')}
          onInput={setPassword}
        />
        <Button unavailable={submitter.busy()}>Sign in</Button>
      </form>
    </Page>
  );
}

/** /questionnaire/pages?page=…: one topic per page; Continue checks it, Save and come back later does not. */
export function QuestionnairePages() {
  const questionnaire = useEmployeeQuestionnaire();
  return <Async resource={questionnaire}>{(q) => <QuestionPage questionnaire={q()} />}</Async>;
}

function QuestionPage(props: { questionnaire: EmployeeQuestionnaire }) {
  const q = props.questionnaire;
  const pages = q.definition.pages;
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const index = () => {
    const wanted = one(params.page) || q.nextPage || pages[0]!.key;
    return Math.max(
      0,
      pages.findIndex((p) => p.key === wanted),
    );
  };
  const page = () => pages[index()]!;
  const returning = () => one(params.return) === 'check';
  const [answers, setAnswers] = createStore<FormData>({ ...q.answers });
  const errors = createFormErrors();
  const [outcome, setOutcome] = createSignal<Outcome>();
  const submitter = createSubmitter();
  createEffect(() => {
    page();
    errors.clear();
  });
  // A Change link names the question (#field): focus it once the page is shown.
  onMount(() => {
    const target = decodeURIComponent(window.location.hash.slice(1));
    if (target) requestAnimationFrame(() => focusField(target));
  });
  // Everything answered and not asked for a page: straight to Check your answers.
  createEffect(() => {
    if (!one(params.page) && !q.nextPage) navigate(PATHS.check, { replace: true });
  });

  const asked = () => page().questions.filter((question) => isAsked(question, answers));
  const pageAnswers = () =>
    Object.fromEntries(asked().map((question) => [question.name, answers[question.name] ?? '']));
  const showErrors = (fields: Record<string, string>) =>
    errors.set(
      page()
        .questions.filter((question) => fields[question.name])
        .map((question) => ({ text: fields[question.name]!, target: fieldTarget(question) })),
    );

  const next = (event: SubmitEvent) => {
    event.preventDefault();
    setOutcome(undefined);
    const problems = validatePage(page(), answers);
    if (Object.keys(problems).length > 0) return showErrors(problems);
    void submitter.run(async () => {
      try {
        await api.saveQuestionnairePage(page().key, pageAnswers(), true);
        const following = pages[index() + 1];
        navigate(returning() || !following ? PATHS.check : PATHS.page(following.key));
      } catch (error) {
        if (error instanceof ApiError && Object.keys(error.fields).length > 0) showErrors(error.fields);
        else errors.show(error);
      }
    });
  };
  const saveForLater = () =>
    void submitter.run(async () => {
      try {
        await api.saveQuestionnairePage(page().key, pageAnswers(), false);
        errors.clear();
        setOutcome({
          heading: 'Your answers have been saved',
          detail:
            'You can come back later: sign in with your email address and the password you chose. The link in the first email no longer works.',
        });
      } catch (error) {
        errors.show(error);
      }
    });

  return (
    <>
      <Show when={index() > 0}>
        <BackLink href={PATHS.page(pages[index() - 1]!.key)}>Back</BackLink>
      </Show>
      <Page
        title={`${page().title} - ${q.definition.name}`}
        caption={`${q.definition.name}: page ${index() + 1} of ${pages.length}`}
        heading={page().title}
        focusKey={page().key}
        error={errors.errors().length > 0}
        notice={<FormNotice errors={errors.errors()} outcome={outcome()} />}
      >
        <form novalidate onSubmit={next}>
          <For each={page().questions}>
            {(question) => (
              <Show when={isAsked(question, answers)}>
                <ReferralField
                  field={question}
                  value={answers[question.name] ?? ''}
                  error={errors.field(fieldTarget(question))}
                  onInput={(v) => setAnswers(question.name, v)}
                />
              </Show>
            )}
          </For>
          <div class="govuk-button-group">
            <Button unavailable={submitter.busy()}>
              {returning() ? 'Save and return to Check your answers' : 'Continue'}
            </Button>
            <Button type="button" variant="secondary" onClick={saveForLater}>
              Save and come back later
            </Button>
          </div>
        </form>
      </Page>
    </>
  );
}

/** Check your answers, with Change links; the clinician's question, if one was asked; the declaration; submit. */
export function QuestionnaireCheck() {
  const questionnaire = useEmployeeQuestionnaire();
  return <Async resource={questionnaire}>{(q) => <CheckAnswers questionnaire={q()} />}</Async>;
}

function CheckAnswers(props: { questionnaire: EmployeeQuestionnaire }) {
  const q = props.questionnaire;
  const navigate = useNavigate();
  const [declared, setDeclared] = createSignal('');
  const [answer, setAnswer] = createSignal(q.question?.answer ?? '');
  const errors = createFormErrors();
  const submitter = createSubmitter();
  const pageOf = new Map(q.definition.pages.flatMap((p) => p.questions.map((question) => [question.name, p.key])));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    void submitter.run(async () => {
      try {
        if (q.question && answer().trim()) await api.answerClinicianQuestion(answer());
        await api.submitQuestionnaire(declared() === 'Yes');
        navigate(PATHS.submitted, { replace: true });
      } catch (error) {
        if (!(error instanceof ApiError) || Object.keys(error.fields).length === 0) return errors.show(error);
        errors.set(
          Object.entries(error.fields).map(([name, text]) =>
            pageOf.has(name) ? { text, href: PATHS.page(pageOf.get(name)!, true) } : { text, target: name },
          ),
        );
      }
    });
  };

  return (
    <Page
      title="Check your answers before submitting"
      caption={q.definition.name}
      error={errors.errors().length > 0}
      notice={<FormNotice errors={errors.errors()} />}
    >
      <For each={q.definition.pages}>
        {(page) => (
          <>
            <h2 class="govuk-heading-m">{page.title}</h2>
            <SummaryList
              rows={page.questions
                .filter((question) => isAsked(question, q.answers))
                .map((question) => ({
                  key: question.label,
                  value: <span class="app-multiline">{formatAnswer(question, q.answers[question.name])}</span>,
                  action: {
                    label: 'Change',
                    hidden: question.label.toLowerCase(),
                    href: `${PATHS.page(page.key, true)}#${fieldTarget(question)}`,
                  },
                }))}
            />
          </>
        )}
      </For>
      <form novalidate onSubmit={submit}>
        <Show when={q.question}>
          {(asked) => (
            <>
              <h2 class="govuk-heading-m">The clinician’s question</h2>
              <p class="govuk-body app-multiline">{asked().text}</p>
              <TextArea
                id="answer"
                label="Your answer"
                value={answer()}
                error={errors.field('answer')}
                onInput={setAnswer}
              />
            </>
          )}
        </Show>
        <h2 class="govuk-heading-m">Declaration</h2>
        <ConfirmCheckbox
          id="declaration"
          label={q.declaration}
          value={declared()}
          error={errors.field('declaration')}
          onInput={setDeclared}
        />
        <Button unavailable={submitter.busy()}>Submit questionnaire</Button>
      </form>
    </Page>
  );
}

/** What happens next, once submitted; the employee's session is ended. */
export function QuestionnaireSubmitted() {
  onMount(() => void api.questionnaireSignOut().catch(() => undefined));
  return (
    <Page title="Questionnaire submitted" panel="Thank you">
      <p class="govuk-body">
        A clinician of the occupational health provider will review your answers. They may contact you with a question
        or to arrange an appointment. Your employer is told only the outcome.
      </p>
    </Page>
  );
}
