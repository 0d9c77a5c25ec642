/**
 * Health questionnaires are data, like referral forms (domain/forms.ts): a definition lists
 * pages (one topic each, as GOV.UK question pages ask) and their questions. The employee's
 * pages render a definition and the server validates against the very same one, with these
 * functions. A question may depend on another ("If yes, give details"): it is asked, and
 * required, only when the other has the answer it names.
 */
import { type FieldDefinition, type FormData, validateField } from './forms.ts';

export type QuestionDefinition = FieldDefinition & {
  /** Asked only when `field` has the answer `equals` (an "if yes, give details" branch). */
  askedWhen?: { field: string; equals: string };
};

export type QuestionnairePage = { key: string; title: string; questions: readonly QuestionDefinition[] };

export type QuestionnaireDefinition = {
  key: string;
  name: string;
  /** What the employee reads before the first page. */
  summary: string;
  pages: readonly QuestionnairePage[];
};

/** What the employee confirms before submitting, and the message when they have not. */
export const QUESTIONNAIRE_DECLARATION = {
  text: 'I confirm that the answers I have given are true and complete to the best of my knowledge.',
  missing: 'Confirm that your answers are true and complete',
} as const;

/** Whether a question is asked, given the answers so far (its "if yes" branch). */
export const isAsked = (question: QuestionDefinition, answers: FormData): boolean =>
  !question.askedWhen || (answers[question.askedWhen.field] ?? '').trim() === question.askedWhen.equals;

/** Errors keyed by question name, for one page; a question not asked has none. Empty when the page is valid. */
export function validatePage(page: QuestionnairePage, answers: FormData): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const question of page.questions) {
    if (!isAsked(question, answers)) continue;
    const error = validateField(question, answers[question.name]);
    if (error) errors[question.name] = error;
  }
  return errors;
}

export function validateQuestionnaire(definition: QuestionnaireDefinition, answers: FormData): Record<string, string> {
  return Object.assign({}, ...definition.pages.map((page) => validatePage(page, answers)));
}

/**
 * The page's answers as they are kept: only its questions, and only those asked (a "give details"
 * answer goes when its "yes" becomes "no").
 */
export function pickPageAnswers(page: QuestionnairePage, answers: Record<string, unknown>): FormData {
  const out: FormData = {};
  const strings: FormData = {};
  for (const [k, v] of Object.entries(answers)) if (typeof v === 'string') strings[k] = v;
  for (const question of page.questions) {
    const value = strings[question.name];
    if (value !== undefined && isAsked(question, strings)) out[question.name] = value;
  }
  return out;
}

/** The first page with a required answer missing or an answer to correct; undefined when all are done. */
export const firstIncompletePage = (definition: QuestionnaireDefinition, answers: FormData) =>
  definition.pages.find((page) => Object.keys(validatePage(page, answers)).length > 0);
