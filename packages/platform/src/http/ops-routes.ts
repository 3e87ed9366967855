import { Router } from 'express';
import { AggregatorRegistry, Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { ServiceMetrics } from '../metrics/index.js';
import type { ReadinessProbe, ReadinessReport } from './readiness.js';

/** /healthz (alive), /readyz (able to work), /metrics (Prometheus): DESIGN §9. */
export function opsRoutes(
  metrics: ServiceMetrics | readonly ServiceMetrics[],
  readiness: ReadinessProbe,
  logger: Logger,
): Router {
  const registries = (Array.isArray(metrics) ? metrics : [metrics]).map((m: ServiceMetrics) => m.registry);
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
    res.type(Registry.PROMETHEUS_CONTENT_TYPE).send(await metricsText(registries));
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

/**
 * Every registry's metrics as one exposition: a metric two services both have (the same name, a
 * different `service` label) becomes one family with a series per service, which Prometheus needs.
 */
async function metricsText(registries: readonly Registry[]): Promise<string> {
  if (registries.length === 1) return registries[0]!.metrics();
  const merged = AggregatorRegistry.aggregate(
    await Promise.all(registries.map((registry) => registry.getMetricsAsJSON())),
  );
  return merged.metrics();
}
