import { describe, expect, it } from 'vitest';
import { Document } from '../../db/models/document.ts';
import { EmployeeLink } from '../../db/models/employee-link.ts';

describe('records turned into JSON', () => {
  it('never carry an employee link’s token hash', () => {
    const link = EmployeeLink.fromJson({
      id: 'link-1',
      referralId: 'referral-1',
      purpose: 'consent',
      tokenHash: 'hash-of-the-token',
    });
    expect(JSON.stringify(link)).not.toContain('hash-of-the-token');
    expect(link.toJSON()).toMatchObject({ id: 'link-1', purpose: 'consent' });
  });

  it('never carry a document’s encrypted bytes or key material', () => {
    const document = Document.fromJson({ id: 'document-1', filename: 'notes.txt', size: 3 });
    Object.assign(document, {
      iv: Buffer.from('iv-bytes'),
      authTag: Buffer.from('tag-bytes'),
      ciphertext: Buffer.from('cipher-bytes'),
    });
    expect(Object.keys(document.toJSON()).sort()).toEqual(['filename', 'id', 'size']);
  });
});
