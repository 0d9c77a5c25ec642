import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../domain/errors.ts';
import { isStorableText } from '../../domain/text.ts';
import { unstorable } from '../middleware/storable-text.ts';
import { MAX_DOCUMENT_BYTES } from '../../services/document-store.ts';
import { fileTooLarge } from '../referrals/documents.ts';

/** Refused before it is read: a little over 10 MB allows for the multipart framing. */
export const uploadBodyLimit = () =>
  bodyLimit({
    maxSize: MAX_DOCUMENT_BYTES + 64 * 1024,
    onError: () => {
      throw fileTooLarge();
    },
  });

/** The `file` field in a multipart body's schema (z.any() would answer a missing file with zod's own words). */
export const FileField = z.file('Select a file to upload').openapi({ type: 'string', format: 'binary' });

/** The multipart form and its `file` field, read into memory. */
export async function readUpload(c: Context): Promise<{ form: FormData; file: { name: string; bytes: Uint8Array } }> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new AppError('BAD_REQUEST', 'Send the file as multipart form data in a field called "file".');
  }
  for (const [key, value] of form) {
    const text = typeof value === 'string' ? value : value.name;
    if (!isStorableText(key) || !isStorableText(text)) throw unstorable(isStorableText(key) ? key : 'form');
  }
  const file = form.get('file');
  if (!(file instanceof File))
    throw new AppError('BAD_REQUEST', 'Select a file to upload.', { file: 'Select a file to upload' });
  return { form, file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } };
}
