import { Router } from 'express';
import type { Logger } from 'pino';
import type { ServiceMetrics } from '../metrics/index.js';
import type { ReadinessProbe, ReadinessReport } from './readiness.js';

/** /healthz (alive), /readyz (able to work), /metrics (Prometheus): DESIGN §9. */
export function opsRoutes(metrics: ServiceMetrics, readiness: ReadinessProbe, logger: Logger): Router {
  const router = Router();

  // Liveness only says the event loop answers; a broken dependency is readiness' business,
  // otherwise an outage of RabbitMQ would make the orchestrator restart every service.
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const report = await probe(readiness, logger);
    res.status(report.ready ? 200 : 503).json({
      status: report.ready ? 'ready' : 'not-ready',
      checks: report.checks,
    });
  });

  router.get('/metrics', async (_req, res) => {
    const body = await metrics.registry.metrics();
    res.type(metrics.registry.contentType).send(body);
  });

  return router;
}

/** A probe that throws means "not ready", never a 500 the orchestrator would misread. */
async function probe(readiness: ReadinessProbe, logger: Logger): Promise<ReadinessReport> {
  try {
    return await readiness();
  } catch (error) {
    logger.warn({ err: error }, 'readiness probe failed');
    return { ready: false, checks: {} };
  }
}
