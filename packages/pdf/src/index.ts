export { renderPdf, type Content, type TableCell, type TDocumentDefinitions } from './render-pdf.js';
