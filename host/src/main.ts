/**
 * The fieldgram host: the services named by FIELDGRAM_SERVICES (default all) in this one Node
 * process, each still its own module, schema, queues and consumers, talking over RabbitMQ as when
 * each runs alone (services/<name>/src/main.ts, the split mode). One ops server on HTTP_PORT
 * serves /healthz, /readyz (every service's parts) and /metrics (every service's). A service that
 * fails to start or dies stops the whole process (exit 1) for its supervisor to restart.
 */
import { createLogger, exitOnConfigError, loadConfig, runServices } from '@fieldgram/platform';
import { hostEnvSchema } from './config.js';
import { buildServices } from './build-services.js';
import { SERVICE_CATALOG } from './service-catalog.js';
import { selectServices } from './select-services.js';

const env = await exitOnConfigError(() => loadConfig(hostEnvSchema));
const names = await exitOnConfigError(() =>
  selectServices(
    env.FIELDGRAM_SERVICES,
    SERVICE_CATALOG.map((entry) => entry.name),
  ),
);
const runtimes = await exitOnConfigError(() =>
  buildServices(
    SERVICE_CATALOG.filter((entry) => names.includes(entry.name)),
    process.env,
  ),
);
const logger = createLogger({ service: 'fieldgram', level: env.LOG_LEVEL });

if (process.argv[2] === 'migrate') {
  const applied = await Promise.all(runtimes.map((runtime) => runtime.migrateOnly()));
  logger.info({ applied: applied.flat() }, 'migrations done');
  process.exit(0);
}
await runServices({ logger, units: runtimes.map((runtime) => runtime.unit()), ops: { port: env.HTTP_PORT } });
