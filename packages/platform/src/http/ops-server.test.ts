import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log/index.js';
import { createMetrics } from '../metrics/index.js';
import { startOpsServer, type OpsServer, type OpsServerOptions } from './ops-server.js';
import type { ReadinessReport } from './readiness.js';

const logger = createLogger({ service: 'ops-test', level: 'silent' });
const servers: OpsServer[] = [];

async function start(overrides: Partial<OpsServerOptions> = {}): Promise<OpsServer> {
  const server = await startOpsServer({
    port: 0,
    host: '127.0.0.1',
    metrics: createMetrics({ service: 'ops-test' }),
    readiness: () => ({ ready: true, checks: { db: true } }),
    logger,
    ...overrides,
  });
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('startOpsServer', () => {
  it('listens on a free port for port 0 and reports it', async () => {
    const server = await start();
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('answers /healthz while the process lives', async () => {
    const server = await start({ readiness: () => ({ ready: false, checks: {} }) });
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 or 503 and the checks', async () => {
    let report: ReadinessReport = { ready: true, checks: { db: true, bus: true } };
    const server = await start({ readiness: () => Promise.resolve(report) });

    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { db: true, bus: true } });

    report = { ready: false, checks: { db: true, bus: false } };
    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'not-ready', checks: { db: true, bus: false } });
  });

  it('reports not-ready when the probe throws', async () => {
    const server = await start({
      readiness: () => {
        throw new Error('probe broke');
      },
    });
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'not-ready', checks: {} });
  });

  it('serves the service metrics in the Prometheus text format', async () => {
    const metrics = createMetrics({ service: 'billing' });
    metrics.messagesPublished.inc({ exchange: 'fg.events', type: 'invoice.paid' });
    const server = await start({ metrics });
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toContain(
      'fg_messages_published_total{exchange="fg.events",type="invoice.paid",service="billing"} 1',
    );
  });

  it('serves several services of one process as one family per metric, a series per service', async () => {
    const [billing, mail] = [createMetrics({ service: 'billing' }), createMetrics({ service: 'mail' })];
    billing.messagesPublished.inc({ exchange: 'fg.events', type: 'invoice.paid' });
    mail.messagesPublished.inc({ exchange: 'fg.events', type: 'invoice.paid' }, 2);
    const server = await start({ metrics: [billing, mail] });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text.match(/^# TYPE fg_messages_published_total counter$/gm)).toHaveLength(1);
    expect(text).toContain(
      'fg_messages_published_total{exchange="fg.events",type="invoice.paid",service="billing"} 1',
    );
    expect(text).toContain(
      'fg_messages_published_total{exchange="fg.events",type="invoice.paid",service="mail"} 2',
    );
  });

  it('lets the service add routes, and answers their errors as JSON', async () => {
    const server = await start({
      configure: (app) => {
        app.get('/hello', (_req, res) => {
          res.json({ hello: 'world' });
        });
        app.get('/broken', () => {
          throw new Error('internal detail');
        });
      },
    });
    expect(await (await fetch(`${server.url}/hello`)).json()).toEqual({ hello: 'world' });
    const broken = await fetch(`${server.url}/broken`);
    expect(broken.status).toBe(500);
    expect(await broken.text()).toBe('{"status":"error"}');
  });

  it('closes quickly despite open connections, and only once', async () => {
    let requestArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (requestArrived = resolve));
    const server = await start({
      configure: (app) => app.get('/hang', () => requestArrived()), // never answers
    });
    await (await fetch(`${server.url}/healthz`)).text(); // an idle keep-alive connection
    const hanging = fetch(`${server.url}/hang`).catch((error: unknown) => error);
    await arrived;

    const closingAt = performance.now();
    await Promise.all([server.close(), server.close()]);
    expect(performance.now() - closingAt).toBeLessThan(1000);
    expect(await hanging).toBeInstanceOf(Error);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('rejects when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(start({ port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });
});
