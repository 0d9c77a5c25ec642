import type { Context } from 'hono';

/** A PDF download: never cached, always saved rather than shown inline from another origin. */
export function pdfResponse(c: Context, file: { filename: string; bytes: Buffer }) {
  c.header('Content-Type', 'application/pdf');
  c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  return c.body(new Uint8Array(file.bytes), 200);
}
