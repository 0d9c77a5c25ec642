import type { QueryBuilder } from 'objection';
import { BaseModel } from './base.ts';

/** A file of a referral: a supporting document or an advice letter's PDF, encrypted (services/document-store.ts). */
export class Document extends BaseModel {
  static override tableName = 'documents';
  id!: string;
  referralId!: string;
  kind!: 'attachment' | 'advice-letter';
  slot!: string | null;
  filename!: string;
  contentType!: string;
  size!: number;
  iv!: Buffer;
  authTag!: Buffer;
  ciphertext!: Buffer;
  uploadedBy!: string | null;
  createdAt!: Date;

  static override modifiers = {
    /** What a list shows: never the encrypted bytes. */
    metadata(query: QueryBuilder<Document>) {
      query.select('id', 'filename', 'contentType', 'size', 'slot', 'createdAt');
    },
  };

  /** The bytes are read only to decrypt them; they are never part of an answer. */
  override $formatJson(json: Record<string, unknown>) {
    const { iv: _iv, authTag: _tag, ciphertext: _bytes, ...rest } = super.$formatJson(json);
    return rest;
  }
}
