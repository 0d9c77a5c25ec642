// svg-to-pdfkit ships no types: the one function services/mi-pdf.ts calls.
declare module 'svg-to-pdfkit' {
  type Options = {
    width?: number;
    height?: number;
    assumePt?: boolean;
    fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
    warningCallback?: (warning: string) => void;
  };
  export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: Options): void;
}
