import { createResource, createSignal, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { api, type QuestionnaireRequest } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { Button, EMAIL_INPUT, Radios, TextInput } from '../components/fields.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { Narrow } from '../components/Narrow.tsx';
import { Page } from '../components/Page.tsx';
import { ParagraphLink } from '../components/ParagraphLink.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';

const ORDER = ['typeKey', 'employeeFirstName', 'employeeSurname', 'employeeJobTitle', 'employeeEmail'] as const;
const MISSING: Record<(typeof ORDER)[number], string> = {
  typeKey: 'Select the questionnaire the employee should complete',
  employeeFirstName: 'Enter the employee’s first name',
  employeeSurname: 'Enter the employee’s surname',
  employeeJobTitle: 'Enter the employee’s job title',
  employeeEmail: 'Enter the employee’s email address',
};

/**
 * Request Questionnaire: one GOV.UK question page (the type, who the employee is, where to
 * write), then a confirmation. The employee is emailed a single-use link by the workflow.
 */
export function RequestQuestionnaire() {
  const [types] = createResource(api.questionnaireTypes);
  const [form, setForm] = createStore<QuestionnaireRequest>({
    typeKey: '',
    employeeFirstName: '',
    employeeSurname: '',
    employeeJobTitle: '',
    employeeEmail: '',
  });
  const errors = createFormErrors({ order: ORDER });
  const submitter = createSubmitter();
  const [sent, setSent] = createSignal<{ reference: string; id: string }>();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const missing = ORDER.filter((key) => !form[key].trim()).map((key) => ({ target: key, text: MISSING[key] }));
    if (missing.length > 0) return errors.set(missing);
    void submitter.run(async () => {
      try {
        setSent(await api.requestQuestionnaire({ ...form }));
        errors.clear();
      } catch (error) {
        errors.show(error);
      }
    });
  };

  return (
    <Narrow>
      <Show
        when={sent()}
        fallback={
          <Page
            title="Request Questionnaire"
            error={errors.errors().length > 0}
            notice={<FormNotice errors={errors.errors()} />}
          >
            <p class="govuk-body">
              The employee is emailed a link to complete the questionnaire themselves. Their answers go to a clinician;
              you see only the outcome.
            </p>
            <Async resource={types}>
              {(list) => (
                <form novalidate onSubmit={submit}>
                  <Radios
                    id="typeKey"
                    label="Which questionnaire should the employee complete?"
                    legendClass="govuk-fieldset__legend--m"
                    options={list().map((t) => ({ value: t.key, label: t.name }))}
                    value={form.typeKey}
                    error={errors.field('typeKey')}
                    onInput={(v) => setForm('typeKey', v)}
                  />
                  <TextInput
                    id="employeeFirstName"
                    label="Employee’s first name"
                    value={form.employeeFirstName}
                    error={errors.field('employeeFirstName')}
                    onInput={(v) => setForm('employeeFirstName', v)}
                  />
                  <TextInput
                    id="employeeSurname"
                    label="Employee’s surname"
                    value={form.employeeSurname}
                    error={errors.field('employeeSurname')}
                    onInput={(v) => setForm('employeeSurname', v)}
                  />
                  <TextInput
                    id="employeeJobTitle"
                    label="Employee’s job title"
                    value={form.employeeJobTitle}
                    error={errors.field('employeeJobTitle')}
                    onInput={(v) => setForm('employeeJobTitle', v)}
                  />
                  <TextInput
                    id="employeeEmail"
                    label="Employee’s email address"
                    hint="The link and the one-time code are sent here, so use an address only the employee reads."
                    {...EMAIL_INPUT}
                    autocomplete="off"
                    value={form.employeeEmail}
                    error={errors.field('employeeEmail')}
                    onInput={(v) => setForm('employeeEmail', v)}
                  />
                  <Button unavailable={submitter.busy()}>Send questionnaire</Button>
                </form>
              )}
            </Async>
          </Page>
        }
      >
        {(done) => (
          <Page
            title="Questionnaire sent"
            panel={
              <>
                Your reference
                <br />
                <strong>{done().reference}</strong>
              </>
            }
          >
            <p class="govuk-body">
              We have emailed {form.employeeFirstName} {form.employeeSurname} a link to the questionnaire. We remind
              them if it is not completed, and tell you when a clinician has given the outcome.
            </p>
            <ParagraphLink href={`/questionnaires/${done().id}`}>View the questionnaire</ParagraphLink>
            <ParagraphLink href="/questionnaires">Track Questionnaires</ParagraphLink>
          </Page>
        )}
      </Show>
    </Narrow>
  );
}
