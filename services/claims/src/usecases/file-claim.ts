import type { Claim, ClaimFile, CURRENCY_MINOR_DIGITS, Envelope, Messages, User } from '@fieldgram/contracts';
import type { UnitOfWork } from '@fieldgram/platform';
import { claimNumber } from '../domain/claim-number.js';
import type { ClaimWaybill } from '../domain/claim-waybill.js';
import { claimPartition, eventBasics } from '../events/claim-event-fields.js';
import { insertFiles } from '../store/claim-files-store.js';
import { insertHistory } from '../store/claim-history-store.js';
import { loadClaim } from '../store/claim-view.js';
import { findFiledClaim, insertClaim } from '../store/claims-store.js';
import { lockFiling, nextClaimNumber } from '../store/filing-locks.js';
import { rememberClient } from '../store/clients-store.js';

export interface FileClaimDeps {
  uow: UnitOfWork<Messages>;
}

export interface Filing {
  requestId: string;
  client: User;
  waybill: Exclude<ClaimWaybill, { kind: 'not_yours' }>;
  email: string;
  description: string;
  amount: number;
  currency: keyof typeof CURRENCY_MINOR_DIGITS;
  files: ClaimFile[];
}

/**
 * Records a claim with the next number of the year and emits `claim.filed` (S1-03), in one
 * transaction. One filing (client + requestId) makes one claim however often it is sent: repeats
 * wait on the filing's lock and answer the claim it made. The manager is the client's as
 * identity said last (a reassignment heard meanwhile wins over an older lookup).
 */
export async function fileClaim({ uow }: FileClaimDeps, request: Envelope, filing: Filing): Promise<Claim> {
  const { client } = filing;
  return uow.run(async ({ trx, emit }) => {
    await lockFiling(trx, client.id, filing.requestId);
    const earlier = await findFiledClaim(trx, client.id, filing.requestId);
    if (earlier) return loadClaim(trx, earlier);
    const known = await rememberClient(trx, {
      clientId: client.id,
      name: client.name,
      managerId: client.managerId,
      at: new Date(client.updatedAt),
    });
    const year = new Date().getUTCFullYear();
    // Taken last: the year's counter row stays locked as short a time as possible. The time is
    // read under that lock, so filing times rise with the numbers (lists go newest first by both).
    const seq = await nextClaimNumber(trx, year);
    const filedAt = new Date();
    const row = await insertClaim(trx, {
      number: claimNumber(year, seq),
      year,
      seq,
      clientId: client.id,
      requestId: filing.requestId,
      managerId: known.managerId,
      waybillNumber: filing.waybill.waybillNumber,
      waybillId: filing.waybill.waybillId,
      email: filing.email,
      description: filing.description,
      amount: filing.amount,
      currency: filing.currency,
      filedAt,
    });
    await insertFiles(trx, row.id, filing.files);
    await insertHistory(trx, {
      claim_id: row.id,
      from: null,
      to: 'new',
      comment: null,
      by_user_id: client.id,
    });
    await emit(
      'claim.filed',
      {
        ...eventBasics(row),
        email: row.email,
        description: row.description,
        amount: filing.amount,
        currency: row.currency,
        files: filing.files.map((file) => ({ kind: file.kind, fileId: file.fileId })),
      },
      claimPartition(row.id),
    );
    return loadClaim(trx, row);
  }, request);
}
