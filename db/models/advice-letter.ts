import { BaseModel } from './base.ts';
import { Document } from './document.ts';

/** An advice letter issued on a case; its PDF is a Document, held from the referrer until released. */
export class AdviceLetter extends BaseModel {
  static override tableName = 'advice_letters';
  id!: string;
  referralId!: string;
  documentId!: string;
  employeeReview!: boolean;
  employeeResponse!: 'accurate' | 'correction' | null;
  issuedAt!: Date;
  releasedAt!: Date | null;
  issuedBy!: string | null;

  document?: Document;

  static override get relationMappings() {
    return {
      document: {
        relation: BaseModel.BelongsToOneRelation,
        modelClass: Document,
        join: { from: 'advice_letters.documentId', to: 'documents.id' },
      },
    };
  }
}
