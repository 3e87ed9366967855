import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

export type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';

const require = createRequire(import.meta.url);
// Roboto ships with pdfmake and covers Cyrillic, so Russian and English render alike.
const ROBOTO = require('pdfmake/fonts/Roboto.js') as Record<string, Record<string, string>>;
let configured = false;

function configure(): void {
  if (configured) return;
  pdfmake.setFonts(ROBOTO);
  // Documents are built from our own data: no remote images or local files may be pulled in.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path: string) => Object.values(ROBOTO.Roboto ?? {}).includes(path));
  configured = true;
}

/** Renders a pdfmake document definition to PDF bytes (default font Roboto). */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  configure();
  const document = pdfmake.createPdf({
    ...definition,
    defaultStyle: { font: 'Roboto', ...definition.defaultStyle },
  });
  return Buffer.from(await document.getBuffer());
}
