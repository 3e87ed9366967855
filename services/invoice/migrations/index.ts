import { migrationList } from '@fieldgram/platform';
import * as m20261210_0001_invoice from './20261210_0001_invoice.js';
import * as m20261220_0002_pdf_per_language from './20261220_0002_pdf_per_language.js';

/** Every migration of this folder, by file name (a test checks none is missing). */
export const MIGRATIONS = migrationList({
  '20261210_0001_invoice': m20261210_0001_invoice,
  '20261220_0002_pdf_per_language': m20261220_0002_pdf_per_language,
});
