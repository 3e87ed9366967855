import type { Knex } from 'knex';
import type { Language } from '@fieldgram/contracts';

type Db = Knex | Knex.Transaction;

/** The content version of the invoice's PDF in `language` last rendered; undefined if never. */
export async function renderedPdfVersion(
  db: Db,
  invoiceId: string,
  language: Language,
): Promise<number | undefined> {
  const row = await db
    .table('invoice_pdfs')
    .where({ invoice_id: invoiceId, language })
    .first<{ content_version: number } | undefined>('content_version');
  return row?.content_version;
}

/** Not a change of the invoice: its updated_at stays. */
export async function markPdfRendered(
  db: Db,
  invoiceId: string,
  language: Language,
  contentVersion: number,
): Promise<void> {
  await db
    .table('invoice_pdfs')
    .insert({ invoice_id: invoiceId, language, content_version: contentVersion, rendered_at: db.fn.now() })
    .onConflict(['invoice_id', 'language'])
    .merge(['content_version', 'rendered_at']);
}
