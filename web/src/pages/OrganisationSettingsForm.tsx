import { useNavigate, useParams } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ApiError, api, type OrganisationSettings } from '../api.ts';
import { Async } from '../components/Async.tsx';
import { BackLink } from '../components/BackLink.tsx';
import { FormNotice } from '../components/FormNotice.tsx';
import { Button, ConfirmCheckbox, QuestionGroup, TextArea, TextInput } from '../components/fields.tsx';
import { OrganisationBackLink } from '../components/OrganisationBackLink.tsx';
import { Page } from '../components/Page.tsx';
import { createFormErrors, createSubmitter } from '../forms.ts';

/** The fields in page order: the error summary lists them so. */
const ORDER = [
  'name',
  'code',
  'caseNumberPrefix',
  'emailDomains',
  'requiresApproval',
  'requiresTwoFactor',
  'locations',
  'divisions',
  'departments',
  'formKeys',
  'questionnaireTypeKeys',
  'slaTriageDays',
  'slaFirstAppointmentDays',
  'slaAdviceLetterDays',
] as const;

type Draft = {
  name: string;
  code: string;
  caseNumberPrefix: string;
  emailDomains: string;
  requiresApproval: string;
  requiresTwoFactor: string;
  locations: string;
  divisions: string;
  departments: string;
  formKeys: string[];
  questionnaireTypeKeys: string[];
  slaTriageDays: string;
  slaFirstAppointmentDays: string;
  slaAdviceLetterDays: string;
};

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

// The API names an item of a list by its place ("locations.2"); the page has one box per list.
const byField = (error: unknown) =>
  error instanceof ApiError
    ? new ApiError(
        error.status,
        error.code,
        error.message,
        Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.split('.')[0]!, v])),
      )
    : error;

function draftOf(settings?: OrganisationSettings & { code?: string }): Draft {
  return {
    name: settings?.name ?? '',
    code: settings?.code ?? '',
    caseNumberPrefix: settings?.caseNumberPrefix ?? '',
    emailDomains: settings?.emailDomains.join('\n') ?? '',
    requiresApproval: settings?.requiresApproval ? 'Yes' : '',
    requiresTwoFactor: settings?.requiresTwoFactor ? 'Yes' : '',
    locations: settings?.locations.join('\n') ?? '',
    divisions: settings?.divisions.join('\n') ?? '',
    departments: settings?.departments.join('\n') ?? '',
    formKeys: [...(settings?.formKeys ?? [])],
    questionnaireTypeKeys: [...(settings?.questionnaireTypeKeys ?? [])],
    slaTriageDays: String(settings?.slaTriageDays ?? 5),
    slaFirstAppointmentDays: String(settings?.slaFirstAppointmentDays ?? 10),
    slaAdviceLetterDays: String(settings?.slaAdviceLetterDays ?? 20),
  };
}

function settingsOf(draft: Draft): OrganisationSettings {
  // Days go as typed: the API says what is wrong with "ten" in its own words.
  const days = (v: string) => v.trim() as unknown as number;
  return {
    name: draft.name,
    caseNumberPrefix: draft.caseNumberPrefix,
    emailDomains: lines(draft.emailDomains),
    requiresApproval: draft.requiresApproval === 'Yes',
    requiresTwoFactor: draft.requiresTwoFactor === 'Yes',
    locations: lines(draft.locations),
    divisions: lines(draft.divisions),
    departments: lines(draft.departments),
    formKeys: draft.formKeys,
    questionnaireTypeKeys: draft.questionnaireTypeKeys,
    slaTriageDays: days(draft.slaTriageDays),
    slaFirstAppointmentDays: days(draft.slaFirstAppointmentDays),
    slaAdviceLetterDays: days(draft.slaAdviceLetterDays),
  };
}

/** Small checkboxes, one per choice; the first has the group's id, so the error summary can focus it. */
function Choices(props: {
  id: string;
  legend: string;
  hint?: string;
  error: string | undefined;
  options: readonly { key: string; name: string }[];
  chosen: readonly string[];
  onToggle: (key: string, on: boolean) => void;
}) {
  const idOf = (key: string, i: number) => (i === 0 ? props.id : `${props.id}-${key}`);
  return (
    <QuestionGroup id={`${props.id}-group`} legend={props.legend} hint={props.hint} error={props.error}>
      <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        <For each={props.options}>
          {(option, i) => (
            <div class="govuk-checkboxes__item">
              <input
                class="govuk-checkboxes__input"
                id={idOf(option.key, i())}
                type="checkbox"
                checked={props.chosen.includes(option.key)}
                onChange={(e) => props.onToggle(option.key, e.currentTarget.checked)}
              />
              <label class="govuk-label govuk-checkboxes__label" for={idOf(option.key, i())}>
                {option.name}
              </label>
            </div>
          )}
        </For>
      </div>
    </QuestionGroup>
  );
}

/**
 * One form for an organisation's settings, in sections: who it is, who may register, its places,
 * its referral forms and its service levels. A new organisation also chooses its code.
 */
function SettingsForm(props: {
  initial: Draft;
  formTypes: readonly { key: string; name: string }[];
  questionnaireTypes: readonly { key: string; name: string }[];
  isNew: boolean;
  isProvider: boolean;
  button: string;
  errors: ReturnType<typeof createFormErrors>;
  onSave: (draft: Draft) => Promise<void>;
}) {
  const [draft, setDraft] = createStore<Draft>(props.initial);
  const submitter = createSubmitter();
  const set = (key: Exclude<keyof Draft, 'formKeys' | 'questionnaireTypeKeys'>) => (value: string) =>
    setDraft(key, value);
  const err = (key: string) => props.errors.field(key);
  const toggle = (list: 'formKeys' | 'questionnaireTypeKeys', key: string, on: boolean) =>
    setDraft(list, (keys) => (on ? [...keys, key] : keys.filter((k) => k !== key)));
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void submitter.run(async () => {
      try {
        await props.onSave({
          ...draft,
          formKeys: [...draft.formKeys],
          questionnaireTypeKeys: [...draft.questionnaireTypeKeys],
        });
      } catch (error) {
        props.errors.show(byField(error));
      }
    });
  };
  return (
    <form novalidate onSubmit={onSubmit}>
      <h2 class="govuk-heading-m">The organisation</h2>
      <TextInput id="name" label="Name" value={draft.name} onInput={set('name')} error={err('name')} />
      <Show when={props.isNew}>
        <TextInput
          id="code"
          label="Code"
          hint="2 to 20 capital letters, digits, hyphens or underscores, like ACME. It cannot be changed later."
          value={draft.code}
          onInput={set('code')}
          error={err('code')}
          widthClass="govuk-input--width-20"
          spellcheck={false}
        />
      </Show>
      <TextInput
        id="caseNumberPrefix"
        label="Case number prefix"
        hint="Case numbers read prefix/number, like CSM/OM/MD/50. Up to five groups of letters or digits separated by /."
        value={draft.caseNumberPrefix}
        onInput={set('caseNumberPrefix')}
        error={err('caseNumberPrefix')}
        widthClass="govuk-input--width-20"
        spellcheck={false}
      />

      <h2 class="govuk-heading-m">Registration and sign-in</h2>
      <TextArea
        id="emailDomains"
        label="Email domains"
        hint="One a line, like acme.example. People register with an email address at one of them."
        value={draft.emailDomains}
        onInput={set('emailDomains')}
        error={err('emailDomains')}
        rows={3}
      />
      <Show when={!props.isProvider}>
        <ConfirmCheckbox
          id="requiresApproval"
          label="Referrals need an approver's approval before they are sent"
          value={draft.requiresApproval}
          onInput={set('requiresApproval')}
          error={err('requiresApproval')}
        />
      </Show>
      <ConfirmCheckbox
        id="requiresTwoFactor"
        label="Everyone must use two-factor authentication"
        value={draft.requiresTwoFactor}
        onInput={set('requiresTwoFactor')}
        error={err('requiresTwoFactor')}
      />

      <h2 class="govuk-heading-m">Locations, divisions and departments</h2>
      <p class="govuk-body">One a line. A name that users or cases still use cannot be removed.</p>
      <TextArea
        id="locations"
        label="Locations"
        value={draft.locations}
        onInput={set('locations')}
        error={err('locations')}
        rows={4}
      />
      <TextArea
        id="divisions"
        label="Divisions"
        value={draft.divisions}
        onInput={set('divisions')}
        error={err('divisions')}
        rows={4}
      />
      <TextArea
        id="departments"
        label="Departments"
        value={draft.departments}
        onInput={set('departments')}
        error={err('departments')}
        rows={4}
      />

      <h2 class="govuk-heading-m">Referral forms and questionnaires</h2>
      <Choices
        id="formKeys"
        legend="Forms the organisation's referrers may use"
        hint="A form with referrals on it stays on."
        error={err('formKeys')}
        options={props.formTypes}
        chosen={draft.formKeys}
        onToggle={(key, on) => toggle('formKeys', key, on)}
      />
      <Choices
        id="questionnaireTypeKeys"
        legend="Questionnaires the organisation's users may request"
        error={err('questionnaireTypeKeys')}
        options={props.questionnaireTypes}
        chosen={draft.questionnaireTypeKeys}
        onToggle={(key, on) => toggle('questionnaireTypeKeys', key, on)}
      />

      <h2 class="govuk-heading-m">Service levels</h2>
      <p class="govuk-body">
        In calendar days from the referral. Management information measures turnaround against them.
      </p>
      <TextInput
        id="slaTriageDays"
        label="Days to triage"
        value={draft.slaTriageDays}
        onInput={set('slaTriageDays')}
        error={err('slaTriageDays')}
        inputmode="numeric"
        widthClass="govuk-input--width-3"
      />
      <TextInput
        id="slaFirstAppointmentDays"
        label="Days to first appointment"
        value={draft.slaFirstAppointmentDays}
        onInput={set('slaFirstAppointmentDays')}
        error={err('slaFirstAppointmentDays')}
        inputmode="numeric"
        widthClass="govuk-input--width-3"
      />
      <TextInput
        id="slaAdviceLetterDays"
        label="Days to advice letter"
        value={draft.slaAdviceLetterDays}
        onInput={set('slaAdviceLetterDays')}
        error={err('slaAdviceLetterDays')}
        inputmode="numeric"
        widthClass="govuk-input--width-3"
      />
      <Button>{props.button}</Button>
    </form>
  );
}

/** Provider admin: a new client organisation. */
export function NewOrganisation() {
  const navigate = useNavigate();
  const [formTypes] = createResource(api.allFormTypes);
  const errors = createFormErrors({ order: ORDER });
  return (
    <>
      <BackLink href="/admin/organisations">Back to Organisations</BackLink>
      <Page
        title="Create an organisation"
        error={errors.errors().length > 0}
        notice={<FormNotice errors={errors.errors()} />}
      >
        <Async resource={formTypes}>
          {(choices) => (
            <SettingsForm
              initial={draftOf()}
              formTypes={choices().formTypes}
              questionnaireTypes={choices().questionnaireTypes}
              isNew
              isProvider={false}
              button="Create the organisation"
              errors={errors}
              onSave={async (draft) => {
                const { id } = await api.createOrganisation({ ...settingsOf(draft), code: draft.code });
                navigate(`/admin/organisations/${id}`);
              }}
            />
          )}
        </Async>
      </Page>
    </>
  );
}

/** Provider admin: change an organisation's settings. */
export function EditOrganisation() {
  const params = useParams();
  const navigate = useNavigate();
  const [organisation] = createResource(() => params.id, api.organisationDetail);
  const errors = createFormErrors({ order: ORDER });
  return (
    <>
      <OrganisationBackLink id={params.id!} name={organisation.latest?.name} />
      <Page
        title="Change the organisation's settings"
        caption={organisation.latest?.name}
        error={errors.errors().length > 0}
        notice={<FormNotice errors={errors.errors()} />}
      >
        <Async resource={organisation}>
          {(org) => (
            <SettingsForm
              initial={draftOf(org())}
              formTypes={org().formTypes}
              questionnaireTypes={org().questionnaireTypes}
              isNew={false}
              isProvider={org().isProvider}
              button="Save the settings"
              errors={errors}
              onSave={async (draft) => {
                await api.saveOrganisation(org().id, settingsOf(draft));
                navigate(`/admin/organisations/${org().id}?saved=1`);
              }}
            />
          )}
        </Async>
      </Page>
    </>
  );
}
