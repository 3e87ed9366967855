import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from 'pino';
import type { ServiceMetrics } from '../metrics/index.js';
import { opsRoutes } from './ops-routes.js';
import type { ReadinessProbe } from './readiness.js';

export interface OpsServerOptions {
  /** 0 picks a free port; the real one is in the result. */
  port: number;
  host?: string;
  /** Served at /metrics; several services of one process, each series labelled with its service. */
  metrics: ServiceMetrics | readonly ServiceMetrics[];
  readiness: ReadinessProbe;
  logger: Logger;
  /** Adds routes of the service's own (after the ops routes, which stay unauthenticated). */
  configure?: (app: Express) => void;
}

export interface OpsServer {
  port: number;
  /** A URL a client on this host can call (wildcard hosts become loopback). */
  url: string;
  /** Stops listening and drops open keep-alive connections, so shutdown doesn't wait on them. */
  close(): Promise<void>;
}

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const { port, host = '0.0.0.0', metrics, readiness, logger, configure } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use(opsRoutes(metrics, readiness, logger));
  configure?.(app);
  app.use(jsonErrors(logger));

  const server = await listen(app, port, host);
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://${reachableHost(host)}:${actualPort}`;
  logger.info({ url }, 'ops server listening');

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= closeServer(server));
  return { port: actualPort, url, close };
}

function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('listening', () => {
      server.off('error', reject);
      resolve(server);
    });
    server.once('error', reject);
    server.listen(port, host);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Express' default error page is HTML with a stack trace; answer JSON without internals (DESIGN §6). */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    logger.error({ err: error, method: req.method, path: req.path }, 'ops request failed');
    if (res.headersSent) next(error);
    else res.status(500).json({ status: 'error' });
  };
}
