/**
 * Development supervisor: starts every service under services/ (a folder with src/main.ts) as
 * its own process, prefixes its output with its name, gives each a fixed ops port, restarts a
 * service that dies, and stops them all (SIGTERM, in-flight work finished) on Ctrl-C.
 * Production runs each service on its own instead (docker-compose.yml, docs/operations.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    env: {
      // A 4 MB young generation (V8's default is 16): an idle service about 25 MB smaller (Dockerfile too).
      NODE_OPTIONS: '--max-semi-space-size=4',
      ...process.env,
      HTTP_PORT: process.env.HTTP_PORT ?? String(service.opsPort),
    },
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

const SANDBOX_TOKEN = '100000001:fieldgram-local-sandbox-token';
const SANDBOX_PORT = Number(process.env.FG_SANDBOX_PORT ?? 8081);

/**
 * Without a bot token the system talks to the built-in Telegram sandbox (DESIGN §9): a Bot API
 * emulator with a web page where a person can chat with the bot, no Telegram account needed.
 */
async function startSandboxUnlessTelegramConfigured(): Promise<ChildProcess | null> {
  if (process.env.TELEGRAM_BOT_TOKEN || process.env.TELEGRAM_API_ROOT) return null;
  const sandbox = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'packages/telegram-sandbox/src/cli.ts'),
      '--port',
      String(SANDBOX_PORT),
      '--token',
      SANDBOX_TOKEN,
      '--username',
      'fieldgram_bot',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = await new Promise<{ apiRoot: string }>((resolve, reject) => {
    const lines = createInterface({ input: sandbox.stdout });
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line) as { apiRoot: string });
      else process.stdout.write(`[sandbox] ${line}\n`);
    });
    sandbox.once('exit', (code) =>
      reject(new Error(`the Telegram sandbox exited (${code}) before it was ready`)),
    );
  });
  process.env.TELEGRAM_API_ROOT = ready.apiRoot;
  process.env.TELEGRAM_BOT_TOKEN = SANDBOX_TOKEN;
  process.stdout.write(
    `[start] no TELEGRAM_BOT_TOKEN: using the Telegram sandbox; chat with the bot at ${ready.apiRoot}/\n`,
  );
  return sandbox;
}

/** A development secret, made once and kept beside the checkout in .fieldgram/ (never committed). */
function ensureDevSecret(variable: 'SECRETS_KEY' | 'JWT_SECRET'): void {
  if (process.env[variable]) return;
  const file = path.join(ROOT, '.fieldgram', `${variable.toLowerCase()}`);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  process.env[variable] = readFileSync(file, 'utf8').trim();
}

const services = discoverServices();
if (services.length === 0) {
  process.stdout.write(
    '[start] PostgreSQL, RabbitMQ and Redis are up. There are no services under services/ yet, so there is ' +
      'nothing else to start.\n',
  );
  process.exit(0);
}
ensureDevSecret('SECRETS_KEY');
ensureDevSecret('JWT_SECRET');
const sandbox = await startSandboxUnlessTelegramConfigured();
for (const service of services) launch(service);
process.stdout.write(
  `[start] admin REST API: http://127.0.0.1:${process.env.API_PORT ?? 8080}/api/v1 ` +
    `(OpenAPI at /api/openapi.json)\n` +
    `[start] started ${services.length} services; ops endpoints (/healthz /readyz /metrics):\n` +
    services.map((service) => `  ${service.name.padEnd(14)} http://127.0.0.1:${service.opsPort}\n`).join(''),
);
let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (++signals > 1) process.exit(1);
    void stopAll(services).then(() => {
      sandbox?.kill('SIGTERM');
      process.exit(0);
    });
  });
}
