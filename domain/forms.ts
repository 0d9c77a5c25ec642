/**
 * Referral forms are data: a definition lists steps and fields. The portal renders
 * a definition and the server validates against the very same one, with these
 * functions.
 */
/** `confirm` is a single checkbox ("I confirm ..."), stored as 'Yes' when ticked. */
type FieldType = 'text' | 'textarea' | 'date' | 'email' | 'tel' | 'select' | 'yesno' | 'confirm';

export type FieldDefinition = {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  /**
   * What an unanswered required question says, written for this question as GOV.UK's
   * error message guidance asks ("Select yes if the employee is currently absent").
   */
  errorMessage?: string;
  hint?: string;
  options?: readonly string[];
  /** Filled from the referrer's account when the form is opened. */
  prefill?: 'title' | 'fullName' | 'organisation' | 'address' | 'postcode' | 'telephone' | 'email' | 'location';
  maxLength?: number;
};

type DocumentSlot = { key: string; label: string };

export type StepDefinition = {
  key: string;
  title: string;
  fields: readonly FieldDefinition[];
  /** A documents step lists ordered slots (IHR1) or none (free uploads). */
  documentSlots?: readonly DocumentSlot[];
};

/** The step where supporting documents are uploaded. */
export const isDocumentsStep = (step: StepDefinition) =>
  step.key === 'documents' || (step.documentSlots?.length ?? 0) > 0;

export type FormDefinition = {
  key: string;
  name: string;
  steps: readonly StepDefinition[];
};

export type FormData = Record<string, string>;

const HAS_ALPHANUMERIC = /[\p{L}\p{N}]/u;
const DEFAULT_MAX_LENGTH = 10_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateField(field: FieldDefinition, raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim();
  if (value === '') return field.required ? (field.errorMessage ?? `Enter ${field.label.toLowerCase()}`) : undefined;
  if (!HAS_ALPHANUMERIC.test(value)) return `${field.label} must contain at least 1 letter or number`;
  if (value.length > (field.maxLength ?? DEFAULT_MAX_LENGTH)) {
    return `${field.label} must be ${field.maxLength ?? DEFAULT_MAX_LENGTH} characters or fewer`;
  }
  if (field.type === 'date' && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) {
    return `${field.label} must be a real date`;
  }
  if (field.type === 'email' && !EMAIL.test(value))
    return `${field.label} must be an email address, like name@example.com`;
  if (field.type === 'confirm' && value !== 'Yes')
    return field.errorMessage ?? `${field.label}: tick the box to confirm`;
  if ((field.type === 'select' || field.type === 'yesno') && field.options && !field.options.includes(value)) {
    return `Select ${field.label.toLowerCase()} from the list`;
  }
  return undefined;
}

/** Errors keyed by field name, for one step. Empty when the step is valid. */
export function validateStep(step: StepDefinition, data: FormData): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of step.fields) {
    const error = validateField(field, data[field.name]);
    if (error) errors[field.name] = error;
  }
  return errors;
}

export function validateForm(form: FormDefinition, data: FormData): Record<string, string> {
  return Object.assign({}, ...form.steps.map((step) => validateStep(step, data)));
}

/** Whether any question has an answer: a referral is first saved only once one has. */
export const hasAnswers = (data: FormData): boolean => Object.values(data).some((value) => value.trim() !== '');

/** Where a step stands, as the task list shows it. */
export type StepStatus = 'completed' | 'incomplete' | 'not-started';

export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  completed: 'Completed',
  incomplete: 'Incomplete',
  'not-started': 'Not started',
};

/**
 * A step of questions is completed when it has no errors, not started while none of
 * its questions has an answer, and incomplete in between. The documents step asks no
 * question and no document is required to submit: it is completed once it holds a
 * file (or, with slots, a file in every slot), incomplete with some slots filled,
 * not started with none. `documentSlots` lists the slot (or null) of each document.
 */
export function stepStatus(
  step: StepDefinition,
  data: FormData,
  documentSlots: readonly (string | null)[] = [],
): StepStatus {
  if (isDocumentsStep(step) && step.fields.length === 0) {
    if (documentSlots.length === 0) return 'not-started';
    const slots = step.documentSlots ?? [];
    return slots.every((slot) => documentSlots.includes(slot.key)) ? 'completed' : 'incomplete';
  }
  if (Object.keys(validateStep(step, data)).length === 0) return 'completed';
  return step.fields.some((field) => (data[field.name] ?? '').trim() !== '') ? 'incomplete' : 'not-started';
}

/** The first step with a required question unanswered or an answer to correct; undefined when all are done. */
export const firstIncompleteStep = (form: FormDefinition, data: FormData): StepDefinition | undefined =>
  form.steps.find((step) => Object.keys(validateStep(step, data)).length > 0);

/** Drops keys the definition does not know, so stored form data only holds its fields. */
export function pickFormFields(form: FormDefinition, data: Record<string, unknown>): FormData {
  const out: FormData = {};
  for (const step of form.steps) {
    for (const field of step.fields) {
      const v = data[field.name];
      if (typeof v === 'string') out[field.name] = v;
    }
  }
  return out;
}

/** The fields lists show, read from any referral form's data. */
export const EMPLOYEE_NAME_FIELDS = { firstName: 'employeeFirstName', surname: 'employeeSurname' } as const;
