/**
 * Development supervisor: starts every service under services/ (a folder with src/main.ts) as
 * its own process, prefixes its output with its name, gives each a fixed ops port, restarts a
 * service that dies, and stops them all (SIGTERM, in-flight work finished) on Ctrl-C.
 * Production runs each service on its own instead (docker-compose.yml, docs/operations.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIRST_OPS_PORT = Number(process.env.FG_OPS_PORT_BASE ?? 9100);
const RESTART_DELAY_MS = 2_000;

interface ServiceProcess {
  name: string;
  entry: string;
  opsPort: number;
  child: ChildProcess | null;
}

function discoverServices(): ServiceProcess[] {
  const dir = path.join(ROOT, 'services');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'src', 'main.ts')))
    .map((entry) => entry.name)
    .sort()
    .map((name, index) => ({
      name,
      entry: path.join(dir, name, 'src', 'main.ts'),
      opsPort: FIRST_OPS_PORT + index,
      child: null,
    }));
}

let stopping = false;

function launch(service: ServiceProcess): void {
  const child = spawn(process.execPath, ['--import', 'tsx', service.entry], {
    cwd: ROOT,
    env: { ...process.env, HTTP_PORT: process.env.HTTP_PORT ?? String(service.opsPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  service.child = child;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) =>
      process.stdout.write(`[${service.name}] ${line}\n`),
    );
  }
  child.on('exit', (code, signal) => {
    service.child = null;
    if (stopping) return;
    process.stdout.write(
      `[start] ${service.name} exited (${signal ?? code}); restarting in ${RESTART_DELAY_MS} ms\n`,
    );
    setTimeout(() => !stopping && launch(service), RESTART_DELAY_MS);
  });
}

async function stopAll(services: ServiceProcess[]): Promise<void> {
  stopping = true;
  process.stdout.write('[start] stopping every service (in-flight work finishes first)\n');
  await Promise.all(
    services.map(
      (service) =>
        new Promise<void>((resolve) => {
          const child = service.child;
          if (!child) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

const services = discoverServices();
if (services.length === 0) {
  process.stdout.write(
    '[start] PostgreSQL, RabbitMQ and Redis are up. There are no services under services/ yet, so there is ' +
      'nothing else to start.\n',
  );
  process.exit(0);
}
for (const service of services) launch(service);
process.stdout.write(
  `[start] started ${services.length} services; ops endpoints (/healthz /readyz /metrics):\n` +
    services.map((service) => `  ${service.name.padEnd(14)} http://127.0.0.1:${service.opsPort}\n`).join(''),
);
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (++signals > 1) process.exit(1);
    void stopAll(services).then(() => process.exit(0));
  });
}
