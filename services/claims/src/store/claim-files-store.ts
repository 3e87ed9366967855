import type { Knex } from 'knex';
import type { ClaimFile } from '@fieldgram/contracts';

type Db = Knex | Knex.Transaction;

/** A row of `claim_files` (bigint as a string). */
export interface ClaimFileRow {
  claim_id: string;
  file_unique_id: string;
  position: number;
  kind: ClaimFile['kind'];
  file_id: string;
  file_name: string | null;
  mime_type: string | null;
  file_size: string | null;
  storage_key: string | null;
  copy_failure: string | null;
  copied_at: Date | null;
}

export async function insertFiles(
  trx: Knex.Transaction,
  claimId: string,
  files: readonly ClaimFile[],
): Promise<void> {
  if (files.length === 0) return;
  await trx.table('claim_files').insert(
    files.map((file, position) => ({
      claim_id: claimId,
      file_unique_id: file.fileUniqueId,
      position,
      kind: file.kind,
      file_id: file.fileId,
      file_name: file.fileName ?? null,
      mime_type: file.mimeType ?? null,
      file_size: file.fileSize ?? null,
    })),
  );
}

/** A claim's files in the order the client sent them. */
export function filesOf(db: Db, claimId: string): Promise<ClaimFileRow[]> {
  return db.table('claim_files').where({ claim_id: claimId }).orderBy('position').select<ClaimFileRow[]>('*');
}

/** How many files each claim has. */
export async function fileCounts(db: Db, claimIds: readonly string[]): Promise<Map<string, number>> {
  if (claimIds.length === 0) return new Map();
  const rows = await db
    .table('claim_files')
    .whereIn('claim_id', claimIds)
    .groupBy('claim_id')
    .select<{ claim_id: string; count: string }[]>('claim_id', db.raw('count(*) as count'));
  return new Map(rows.map((row) => [row.claim_id, Number(row.count)]));
}

/** The outcome of copying one file: where the copy is, or why there is none. */
export type CopyOutcome = { storageKey: string } | { storageKey: null; reason: string };

/**
 * Records a file's copy (or why Telegram kept it) once: false when it was recorded already (a
 * redelivered `claim.filed`, or another instance got there first).
 */
export async function recordCopy(
  trx: Knex.Transaction,
  claimId: string,
  fileUniqueId: string,
  outcome: CopyOutcome,
): Promise<boolean> {
  const changed = await trx
    .table('claim_files')
    .where({ claim_id: claimId, file_unique_id: fileUniqueId })
    .whereNull('storage_key')
    .whereNull('copy_failure')
    .update({
      storage_key: outcome.storageKey,
      copy_failure: outcome.storageKey === null ? outcome.reason : null,
      copied_at: trx.fn.now(),
    });
  return changed === 1;
}
