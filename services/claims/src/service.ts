import type { Logger } from 'pino';
import { DEFAULT_RETRY_DELAYS_MS, ServiceRuntime } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import type { ClaimsEnv } from './config.js';
import { fileClaimHandler } from './handlers/file-claim.js';
import { changeStatusHandler } from './handlers/change-status.js';
import { getClaimHandler } from './handlers/get-claim.js';
import { listClaimsHandler } from './handlers/list-claims.js';
import { copyFiledFilesHandler } from './handlers/copy-filed-files.js';
import { managerAssignedHandler } from './handlers/manager-assigned.js';
import { userUpdatedHandler } from './handlers/user-updated.js';
import { MIGRATIONS } from '../migrations/index.js';

export const SERVICE_NAME = 'claims';

/** Copies wait out a longer Telegram or bot-gateway trouble than the platform's default tries. */
const COPY_RETRY_DELAYS_MS = [...DEFAULT_RETRY_DELAYS_MS, 120_000, 600_000];

export interface ClaimsService {
  runtime: ServiceRuntime<Messages>;
}

export interface ClaimsServiceOptions {
  logger?: Logger;
  /** Delays between tries of a file copy (default: 1 s … 10 min). */
  copyRetryDelaysMs?: readonly number[];
}

/**
 * Wiring: claims about shipments (S1-03, S1-06), answered over request/reply on `claims.queries`
 * and `claims.commands`; events through the outbox; the files of each filed claim copied into
 * object storage by a consumer of its own `claim.filed` (`claims.file-copies`, through
 * bot-gateway); identity's reassignments and renames followed (`claims.identity-events`).
 */
export function createClaimsService(
  env: ClaimsEnv,
  options: ClaimsServiceOptions = {},
): Promise<ClaimsService> {
  const runtime = new ServiceRuntime({
    name: SERVICE_NAME,
    registry: messages,
    env,
    migrations: MIGRATIONS,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  // What the handlers may use; each one's own type names the part it needs.
  const ports = {
    uow: runtime.uow,
    db: runtime.db.knex,
    currency: env.CLAIMS_CURRENCY,
    // The request client exists once the runtime has started, before the first message.
    get rpc() {
      return runtime.rpc;
    },
  };

  runtime
    .respond({
      handlers: {
        'claims.file': fileClaimHandler(ports),
        'claims.change-status': changeStatusHandler(ports),
        'claims.get': getClaimHandler(ports),
        'claims.list': listClaimsHandler(ports),
      },
    })
    .consume({
      queue: 'claims.file-copies',
      handlers: { 'claim.filed': copyFiledFilesHandler(ports) },
      // Each copy holds a file of up to 20 MB in bot-gateway: a few claims at a time.
      prefetch: 4,
      retryDelaysMs: options.copyRetryDelaysMs ?? COPY_RETRY_DELAYS_MS,
    })
    .consume({
      queue: 'claims.identity-events',
      handlers: {
        'user.manager-assigned': managerAssignedHandler(ports),
        'user.updated': userUpdatedHandler(ports),
      },
    });
  return Promise.resolve({ runtime });
}
