/** The limits on supporting documents, shared by the API and the portal's upload page. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENTS = 5;
export const ACCEPTED_DESCRIPTION = 'a Word document, an Excel workbook, a plain text file or a PDF';

/** "2.4 MB", "830 KB": sizes as people read them. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
