import { readSealedContent, writeSealedContent } from '../../db/queries/questionnaires.ts';
import type { FormData } from '../../domain/forms.ts';
import { open, seal } from '../../services/document-store.ts';
import type { AppDeps } from '../context.ts';

/**
 * What the employee wrote, sealed at rest with AES-256-GCM under the documents' key (DOCUMENT_KEY),
 * bound to the questionnaire's id: their answers, and each question a clinician returned with.
 */
export type QuestionnaireContent = {
  answers: FormData;
  returns: { question: string; askedAt: string; answer: string | null }[];
};

const EMPTY: QuestionnaireContent = { answers: {}, returns: [] };
const aad = (id: string) => `questionnaire:${id}`;

function contentKey(deps: AppDeps): Buffer {
  if (!deps.settings.documentKey) throw new Error('No DOCUMENT_KEY configured');
  return deps.settings.documentKey;
}

export async function readContent(deps: AppDeps, questionnaireId: string): Promise<QuestionnaireContent> {
  const sealed = await readSealedContent(deps.db, questionnaireId);
  if (!sealed) return structuredClone(EMPTY);
  return JSON.parse(open(contentKey(deps), aad(questionnaireId), sealed).toString('utf8')) as QuestionnaireContent;
}

export async function writeContent(deps: AppDeps, questionnaireId: string, content: QuestionnaireContent) {
  const sealed = seal(contentKey(deps), aad(questionnaireId), Buffer.from(JSON.stringify(content), 'utf8'));
  await writeSealedContent(deps.db, questionnaireId, sealed);
}
