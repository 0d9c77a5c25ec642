import type { Context } from 'hono';

/**
 * A PDF, never cached. A stored document is always saved rather than shown inline from another origin;
 * a preview the portal fetched itself opens in the browser.
 */
export function pdfResponse(
  c: Context,
  file: { filename: string; bytes: Buffer },
  disposition: 'attachment' | 'inline' = 'attachment',
) {
  c.header('Content-Type', 'application/pdf');
  c.header('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  return c.body(new Uint8Array(file.bytes), 200);
}
