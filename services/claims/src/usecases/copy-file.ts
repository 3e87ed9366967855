import type { Envelope } from '@fieldgram/contracts';
import { askOrRetryLater, RemoteError } from '@fieldgram/platform';
import { contentTypeOf, storageKeyOf } from '../domain/claim-files.js';
import type { CopyOutcome } from '../store/claim-files-store.js';
import type { AskPeersDeps } from './ask-peers.js';
import type { ClaimFileRow } from '../store/claim-files-store.js';
import { toClaimFile } from '../store/claim-view.js';

/** bot-gateway downloads up to 20 MB before it answers (its own deadline is 120 s). */
const STORE_FILE_TIMEOUT_MS = 150_000;

/**
 * Has bot-gateway copy one file of a claim from Telegram into object storage (S1-03), under a key
 * that is the same on every try. Telegram refusing it (over 20 MB: `too_big`) is an outcome, the
 * file kept by its file_id; no answer is an outage (retried later), anything else an error.
 */
export async function copyFile(
  { rpc }: AskPeersDeps,
  claimNumber: string,
  row: ClaimFileRow,
  causedBy: Envelope,
): Promise<CopyOutcome> {
  const file = toClaimFile(row);
  try {
    const stored = await askOrRetryLater(() =>
      rpc.request(
        'bot-gateway.store-file',
        {
          fileId: file.fileId,
          storageKey: storageKeyOf(claimNumber, row.position, file),
          contentType: contentTypeOf(file),
        },
        { causedBy, timeoutMs: STORE_FILE_TIMEOUT_MS },
      ),
    );
    return { storageKey: stored.storageKey };
  } catch (error) {
    if (error instanceof RemoteError && error.code === 'validation' && error.details?.field === 'fileId') {
      const reason = error.details.reason;
      return { storageKey: null, reason: typeof reason === 'string' ? reason : 'refused' };
    }
    throw error;
  }
}
