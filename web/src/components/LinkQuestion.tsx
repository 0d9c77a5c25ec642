import { createSignal, type JSX } from 'solid-js';
import { Button, Radios, type RadioOption } from './fields.tsx';
import { FormNotice } from './FormNotice.tsx';
import { Page } from './Page.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';

/**
 * A GOV.UK question page for someone who arrived by an emailed link and has no
 * account: one question, one answer sent once, its errors in a summary.
 */
export function LinkQuestion<T extends string>(props: {
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
        <Radios id={props.id} label={props.legend} legendClass="govuk-fieldset__legend--m" options={props.options} value={answer()} error={errors.field(props.id)} onInput={setAnswer} />
        <Button>Send my answer</Button>
      </form>
    </Page>
  );
}
