import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Match, Switch, type JSX } from 'solid-js';
import { ApiError } from '../api.ts';
import { createFormErrors, createSubmitter, SERVICE_PROBLEM } from '../forms.ts';
import { Loading } from './Async.tsx';
import { Button, Radios, type RadioOption } from './fields.tsx';
import { FormNotice } from './FormNotice.tsx';
import { Page } from './Page.tsx';

/**
 * A GOV.UK question page for someone who arrived by an emailed link and has no
 * account: one question, one answer sent once, its errors in a summary.
 */
function LinkQuestion<T extends string>(props: {
  title: string;
  children: JSX.Element;
  id: string;
  legend: string;
  options: readonly (RadioOption & { value: T })[];
  missing: string;
  send: (answer: T) => Promise<void>;
  onAnswered: (answer: T) => void;
}) {
  const [answer, setAnswer] = createSignal('');
  const errors = createFormErrors();
  const submitter = createSubmitter();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = props.options.find((o) => o.value === answer())?.value;
    if (!chosen) return errors.set([{ text: props.missing, target: props.id }]);
    void submitter.run(async () => {
      try {
        await props.send(chosen);
        props.onAnswered(chosen);
      } catch (error) {
        errors.show(error);
      }
    });
  };
  return (
    <Page title={props.title} error={errors.errors().length > 0} notice={<FormNotice errors={errors.errors()} />}>
      {props.children}
      <form novalidate onSubmit={submit}>
        <Radios
          id={props.id}
          label={props.legend}
          legendClass="govuk-fieldset__legend--m"
          options={props.options}
          value={answer()}
          error={errors.field(props.id)}
          onInput={setAnswer}
        />
        <Button>Send my answer</Button>
      </form>
    </Page>
  );
}

/**
 * A page reached from an emailed single-use link: checks the link first, so a
 * used or expired one says so at once; then the question; then what happens next.
 */
function LinkProblem(props: { title: string; message: string }) {
  return (
    <Page title={props.title}>
      <p class="govuk-body">{props.message}</p>
      <p class="govuk-body">
        If you need help, contact the occupational health provider using the details in the email.
      </p>
    </Page>
  );
}

export function EmployeeLink<T extends string>(props: {
  /** What the link is for, in "This … link": "consent", "letter". */
  what: string;
  check: (token: string) => Promise<{ employer: string }>;
  /** The question page: its words around the one question, and how the answer is sent. */
  title: string;
  intro: (token: string, employer: string) => JSX.Element;
  id: string;
  legend: string;
  options: readonly (RadioOption & { value: T })[];
  missing: string;
  send: (token: string, answer: T) => Promise<void>;
  done: (answer: T) => JSX.Element;
}) {
  const [params] = useSearchParams();
  const token = () => (typeof params.token === 'string' ? params.token : '');
  const [link] = createResource(token, (t) =>
    props.check(t).then(
      (r) => ({ ok: true as const, employer: r.employer }),
      (error: unknown) => ({
        ok: false as const,
        message: error instanceof ApiError ? error.message : SERVICE_PROBLEM,
      }),
    ),
  );
  const [answered, setAnswered] = createSignal<T>();
  return (
    <Switch fallback={<Loading />}>
      <Match when={!token()}>
        <LinkProblem
          title={`This ${props.what} link is not complete`}
          message="Copy the whole link from the email into your browser's address bar."
        />
      </Match>
      <Match when={answered()}>{(a) => props.done(a())}</Match>
      <Match when={link()}>
        {(l) => {
          const result = l();
          if (!result.ok)
            return <LinkProblem title={`This ${props.what} link cannot be used`} message={result.message} />;
          return (
            <LinkQuestion
              title={props.title}
              id={props.id}
              legend={props.legend}
              options={props.options}
              missing={props.missing}
              send={(answer) => props.send(token(), answer)}
              onAnswered={setAnswered}
            >
              {props.intro(token(), result.employer)}
            </LinkQuestion>
          );
        }}
      </Match>
    </Switch>
  );
}
