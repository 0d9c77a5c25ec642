import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';

/**
 * Supporting documents: what is accepted (judged by content, never by name),
 * and encryption at rest with AES-256-GCM. The document id is bound in as
 * associated data, so ciphertext moved to another row does not decrypt.
 */
export { ACCEPTED_DESCRIPTION, MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from '../domain/documents.ts';

export type DocumentKind = { mime: string; label: string };

const BY_MIME: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
  // Legacy .doc and .xls share one container format.
  'application/x-cfb': 'Word or Excel document (97-2003)',
  'application/msword': 'Word document (97-2003)',
  'application/vnd.ms-excel': 'Excel workbook (97-2003)',
};

/** The kind of an upload, from its bytes; undefined when it is not one we accept. */
export async function sniffDocument(bytes: Uint8Array): Promise<DocumentKind | undefined> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const label = BY_MIME[detected.mime];
    return label ? { mime: detected.mime, label } : undefined;
  }
  return isPlainText(bytes) ? { mime: 'text/plain', label: 'Text file' } : undefined;
}

/** UTF-8 without NULs or control characters other than tab, CR, LF and form feed. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

export type Sealed = { iv: Buffer; authTag: Buffer; ciphertext: Buffer };

export function seal(key: Buffer, documentId: string, plaintext: Uint8Array): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(documentId));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, authTag: cipher.getAuthTag(), ciphertext };
}

export function open(key: Buffer, documentId: string, sealed: Sealed): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(documentId));
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}
