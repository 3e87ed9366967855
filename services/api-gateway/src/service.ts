import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { LocalDirectoryStorage, ServiceRuntime, respondersReady, responderQueues } from '@fieldgram/platform';
import { messages, type Messages } from '@fieldgram/contracts';
import type { ApiGatewayEnv } from './config.js';
import { resolveJwtSecret } from './auth/jwt-secret.js';
import { TokenService } from './auth/tokens.js';
import { LoginLimiter } from './auth/login-limiter.js';
import { StreamTickets } from './sse/stream-tickets.js';
import { StreamHub } from './sse/stream-hub.js';
import { notificationFeedPart } from './sse/notification-feed.js';
import { createApiApp } from './http/app.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { ROUTES } from './http/routes/index.js';
import { rpcOver } from './http/rpc.js';
import type { GatewayContext } from './http/context.js';

export const SERVICE_NAME = 'api-gateway';
/** How long in-flight requests may take to finish on stop. */
const STOP_GRACE_MS = 10_000;

export interface ApiGateway {
  runtime: ServiceRuntime<Messages>;
  /** The REST API's port (useful when API_PORT=0). */
  apiPort(): number;
  /** Open SSE streams on this instance. */
  streams: StreamHub;
}

/**
 * Wiring: the REST API on API_PORT (ops endpoints stay on HTTP_PORT) in front of the services,
 * which it asks over request/reply with the caller as the actor; live notifications from the
 * bus to the SSE streams this instance holds. State (refresh tokens, login failures, stream
 * tickets, the development JWT secret) lives in Redis, so instances are interchangeable.
 */
export function createApiGateway(env: ApiGatewayEnv): Promise<ApiGateway> {
  const runtime = new ServiceRuntime({
    name: SERVICE_NAME,
    registry: messages,
    env,
    // No tables of its own; the platform still gives it a schema (for the outbox it never uses).
    migrations: [],
    redis: true,
    rpc: { defaultTimeoutMs: env.RPC_TIMEOUT_MS },
  });
  const { logger } = runtime;
  const hub = new StreamHub(logger, env.SSE_HEARTBEAT_SECONDS * 1000);
  let server: Server | null = null;
  let port: number | null = null;

  const listen = async (): Promise<void> => {
    const secret = await resolveJwtSecret(env, runtime.redis, logger);
    const gateway: GatewayContext = {
      logger,
      tokens: new TokenService(secret, runtime.redis, logger),
      loginLimiter: new LoginLimiter(runtime.redis, {
        maxFailuresPerLogin: env.LOGIN_MAX_FAILURES,
        maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: env.LOGIN_LOCK_MINUTES * 60,
      }),
      tickets: new StreamTickets(runtime.redis),
      hub,
      rpc: rpcOver(() => runtime.rpc),
      // Called only while serving requests, so the port is known (API_PORT may be 0).
      url: (path) => `${env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`}${path}`,
      sseHeartbeatMs: env.SSE_HEARTBEAT_SECONDS * 1000,
      storage: new LocalDirectoryStorage(path.resolve(env.OBJECT_STORAGE_DIR)),
    };
    const app = createApiApp({
      routes: ROUTES,
      gateway,
      openApiDocument: buildOpenApiDocument(ROUTES, { baseUrl: env.PUBLIC_BASE_URL }),
      rpcTimeoutMs: env.RPC_TIMEOUT_MS,
      ...(env.TRUST_PROXY ? { trustProxy: env.TRUST_PROXY } : {}),
    });
    const listening = createServer(app);
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(env.API_PORT, '0.0.0.0', () => {
        listening.off('error', reject);
        resolve();
      });
    });
    server = listening;
    port = (listening.address() as AddressInfo).port;
    logger.info({ port, openapi: '/api/openapi.json' }, 'REST API listening');
  };

  // Not ready before the services it asks consume (issue 11: on a fresh broker the first login
  // could otherwise go to a queue that does not exist yet).
  runtime.part(
    respondersReady({
      connection: () => runtime.connection,
      queues: responderQueues(messages, SERVICE_NAME),
      logger,
    }),
  );
  runtime.part(notificationFeedPart({ connection: () => runtime.connection, hub, logger })).part({
    name: 'rest-api',
    start: listen,
    stop: async () => {
      const closing = server;
      server = null;
      if (!closing) return;
      // Streams end first (clients reconnect elsewhere); then in-flight requests finish.
      hub.closeAll();
      await new Promise<void>((resolve) => {
        const deadline = setTimeout(() => closing.closeAllConnections(), STOP_GRACE_MS).unref();
        closing.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        closing.closeIdleConnections();
      });
    },
    isReady: () => server?.listening ?? false,
  });

  return Promise.resolve({
    runtime,
    apiPort: () => {
      if (port === null) throw new Error('the REST API is not listening yet: start the runtime first');
      return port;
    },
    streams: hub,
  });
}
