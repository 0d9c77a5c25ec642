import type PDFKitDocument from 'pdfkit';

/**
 * pdfkit, loaded when the first document is drawn rather than when a process starts: the API and
 * the worker carry its ~23 MB only once they render a PDF, and the export's peak memory never does.
 */
export const loadPdfKit = async (): Promise<typeof PDFKitDocument> => (await import('pdfkit')).default;
