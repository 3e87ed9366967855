import type { Messages } from '@fieldgram/contracts';
import type { RequestHandler } from '@fieldgram/platform';
import { searchText } from '../domain/claim-search.js';
import { toSummary } from '../store/claim-view.js';
import { fileCounts } from '../store/claim-files-store.js';
import { listClaimRows, type ClaimReadDeps } from '../store/claims-store.js';

/**
 * `claims.list` (S1-06): by manager, client and status, and a search in the claim's and the
 * waybill's numbers and the client's name; newest first, paged.
 */
export function listClaimsHandler({ db }: ClaimReadDeps): RequestHandler<Messages, 'claims.list'> {
  return async (request) => {
    const { q, page, pageSize, ...filter } = request.data;
    const { rows, total } = await listClaimRows(db, { ...filter, search: searchText(q), page, pageSize });
    const counts = await fileCounts(
      db,
      rows.map((row) => row.id),
    );
    return { items: rows.map((row) => toSummary(row, counts.get(row.id) ?? 0)), total, page, pageSize };
  };
}
