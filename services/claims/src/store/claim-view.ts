import type { Knex } from 'knex';
import type { Claim, ClaimFile, ClaimFileCopy, ClaimSummary } from '@fieldgram/contracts';
import type { ClaimRow } from './claims-store.js';
import { filesOf, type ClaimFileRow } from './claim-files-store.js';
import { historyOf, type ClaimHistoryRow } from './claim-history-store.js';

/** A claim as its contract shows it, without files and history (lists). */
export function toSummary(row: ClaimRow, fileCount: number): ClaimSummary {
  return {
    id: row.id,
    number: row.number,
    clientId: row.client_id,
    clientName: row.client_name,
    managerId: row.manager_id,
    waybillNumber: row.waybill_number,
    waybillId: row.waybill_id,
    email: row.email,
    description: row.description,
    amount: Number(row.amount),
    currency: row.currency,
    status: row.status,
    comment: row.comment,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    fileCount,
  };
}

export function toClaim(row: ClaimRow, files: ClaimFileRow[], history: ClaimHistoryRow[]): Claim {
  const { fileCount: _count, ...summary } = toSummary(row, files.length);
  return {
    ...summary,
    files: files.map((file) => ({
      ...toClaimFile(file),
      storageKey: file.storage_key,
      copy: copyOf(file),
      copyFailure: file.copy_failure,
    })),
    history: history.map((entry) => ({
      from: entry.from,
      to: entry.to,
      comment: entry.comment,
      byUserId: entry.by_user_id,
      at: entry.at.toISOString(),
    })),
  };
}

/** A file as the client sent it. */
export function toClaimFile(file: ClaimFileRow): ClaimFile {
  return {
    kind: file.kind,
    fileId: file.file_id,
    fileUniqueId: file.file_unique_id,
    ...(file.file_name !== null ? { fileName: file.file_name } : {}),
    ...(file.mime_type !== null ? { mimeType: file.mime_type } : {}),
    ...(file.file_size !== null ? { fileSize: Number(file.file_size) } : {}),
  };
}

function copyOf(file: ClaimFileRow): ClaimFileCopy {
  if (file.storage_key !== null) return 'copied';
  return file.copy_failure === null ? 'pending' : 'not_copied';
}

/** The whole claim: its files and its history read alongside. */
export async function loadClaim(db: Knex | Knex.Transaction, row: ClaimRow): Promise<Claim> {
  const [files, history] = await Promise.all([filesOf(db, row.id), historyOf(db, row.id)]);
  return toClaim(row, files, history);
}
