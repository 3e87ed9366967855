import type { Logger } from 'pino';
import type { Role } from '@fieldgram/contracts';
import type { ObjectStorage } from '@fieldgram/platform';
import type { TokenService } from '../auth/tokens.js';
import type { LoginLimiter } from '../auth/login-limiter.js';
import type { StreamTickets } from '../sse/stream-tickets.js';
import type { StreamHub } from '../sse/stream-hub.js';
import type { Rpc } from './rpc.js';

/** Who is calling: the claims of a verified access token (or of a stream ticket). */
export interface Caller {
  userId: string;
  role: Role;
  name: string;
}

/** What route handlers use besides the request: the gateway's services, shared by every request. */
export interface GatewayContext {
  logger: Logger;
  tokens: TokenService;
  loginLimiter: LoginLimiter;
  tickets: StreamTickets;
  hub: StreamHub;
  /** Request/reply to the owning services; the caller travels as the envelope's actor. */
  rpc: Rpc;
  /** The absolute URL of a path: on PUBLIC_BASE_URL, else on http://127.0.0.1:<the API's port>. */
  url: (path: string) => string;
  sseHeartbeatMs: number;
  /** Files the services stored (invoice PDFs), read by key. */
  storage: ObjectStorage;
}
