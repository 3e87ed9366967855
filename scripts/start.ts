/**
 * `npm start`: the supervisor. Starts every service in one host process (host/src/main.ts;
 * FIELDGRAM_SERVICES picks a subset) or, with FIELDGRAM_MODE=split, every service under services/
 * as its own process with a fixed ops port; the Telegram sandbox when no bot token is set. Keeps
 * each service's JSON log in the state directory (warnings and errors also show here), prints one
 * line when everything is ready, restarts a process that dies, and on Ctrl-C lets every service
 * drain and stop. NODE_ENV=production here demands real secrets (docs/operations.md).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, EX_CONFIG } from '@fieldgram/platform';
import { readyLine, type AdminSignIn } from './supervisor/banner.js';
import { discoverServices, hostSpec } from './supervisor/discover.js';
import { LogFiles } from './supervisor/log-files.js';
import { LEVELS, classifyLine, prettyPrinter, terminalView, type LevelName } from './supervisor/log-lines.js';
import { watchReadiness } from './supervisor/readiness-watch.js';
import { SANDBOX_TOKEN, startSandbox, type RunningSandbox } from './supervisor/sandbox.js';
import { ensureDevSecret, isProduction, missingProductionSecrets } from './supervisor/secrets.js';
import { Supervisor } from './supervisor/supervisor.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const stateDir = path.resolve(ROOT, env.FG_STATE_DIR ?? '.fieldgram');
const apiUrl = `http://127.0.0.1:${env.API_PORT ?? 8080}/api/v1`;
/** Signals closer together than this are one Ctrl-C delivered twice (the terminal's and npm's). */
const SAME_SIGNAL_MS = 1_000;

const say = (text: string): void => void process.stdout.write(`[start] ${text}\n`);

const opsPortBase = Number(env.FG_OPS_PORT_BASE ?? 9100);
const mode = env.FIELDGRAM_MODE ?? 'host';
if (mode !== 'host' && mode !== 'split') {
  process.stderr.write(
    `${new ConfigError([{ variable: 'FIELDGRAM_MODE', problem: `expected host or split, got "${mode}"` }]).message}\n`,
  );
  process.exit(EX_CONFIG);
}
const split = discoverServices(ROOT, opsPortBase);
/** What runs: one host process (the default), or one process per service. */
const services = mode === 'split' || split.length === 0 ? split : [hostSpec(ROOT, opsPortBase)];
if (services.length === 0) {
  say(
    'PostgreSQL, RabbitMQ and Redis are up. There are no services under services/ yet: nothing else to start.',
  );
  process.exit(0);
}

if (isProduction(env)) {
  const missing = missingProductionSecrets(env);
  if (missing.length > 0) {
    process.stderr.write(`${new ConfigError(missing).message}\n`);
    process.exit(EX_CONFIG);
  }
} else {
  ensureDevSecret('SECRETS_KEY', stateDir, env);
  ensureDevSecret('JWT_SECRET', stateDir, env);
}

const colorize = process.stdout.isTTY === true;
const terminal = {
  format: env.LOG_FORMAT === 'json' ? 'json' : env.LOG_FORMAT === 'pretty' || colorize ? 'pretty' : 'json',
  minLevel: LEVELS[(env.TERMINAL_LOG_LEVEL ?? 'warn') as LevelName] ?? LEVELS.warn,
  colorize,
} as const;
const pretty = prettyPrinter(colorize);
const logs = new LogFiles(path.join(stateDir, 'logs'));
let admin: AdminSignIn = env.ADMIN_LOGIN ? { kind: 'login', login: env.ADMIN_LOGIN } : { kind: 'unknown' };

/** Which service a line is from: the host's lines name theirs; a process of its own is one. */
function serviceOf(child: string, line: string): string {
  const parsed = classifyLine(line);
  const named = parsed.kind === 'json' ? parsed.entry.service : undefined;
  return typeof named === 'string' && /^[a-z][a-z-]*$/.test(named) ? named : child;
}

/** What the supervisor learns from the services' own log lines. */
function observe(service: string, line: string): void {
  const parsed = classifyLine(line);
  if (parsed.kind !== 'json') return;
  const { msg, durationMs, defaultCredentials } = parsed.entry;
  if (defaultCredentials === true) admin = { kind: 'default' };
  if (msg === 'service stopped') say(`${service} stopped (drained in ${String(durationMs)} ms)`);
}

let sandbox: RunningSandbox | null = null;
if (!isProduction(env) && !env.TELEGRAM_BOT_TOKEN && !env.TELEGRAM_API_ROOT) {
  sandbox = await startSandbox({ root: ROOT, port: Number(env.FG_SANDBOX_PORT ?? 8081), say });
  env.TELEGRAM_API_ROOT = sandbox.apiRoot;
  env.TELEGRAM_BOT_TOKEN = SANDBOX_TOKEN;
  say(`no TELEGRAM_BOT_TOKEN: the bot talks to the Telegram sandbox at ${sandbox.apiRoot}/`);
}

let shutdown: Promise<void> | null = null;
const supervisor = new Supervisor({
  root: ROOT,
  services,
  env,
  onLine: (child, line) => {
    const service = serviceOf(child, line);
    logs.write(service, line);
    const view = terminalView(service, line, terminal, pretty);
    if (view !== null) process.stdout.write(`${view}\n`);
    observe(service, line);
  },
  say,
  onConfigError: () => void stopAll(EX_CONFIG),
});
supervisor.start();
say(
  `${mode === 'split' ? `starting ${services.length} services, a process each` : 'starting the services in one process'}; ` +
    `their logs are in ${shortPath(logs.dir)}/ (warnings and errors show here too). Ops endpoints (/healthz /readyz /metrics):`,
);
for (const service of services)
  process.stdout.write(`  ${service.name.padEnd(14)} http://127.0.0.1:${service.opsPort}\n`);

const readiness = watchReadiness({
  services,
  onAllReady: (elapsedMs) => {
    process.stdout.write(
      `${readyLine({ sandboxUrl: sandbox ? `${sandbox.apiRoot}/` : null, apiUrl, admin })}\n`,
    );
    say(`ready in ${(elapsedMs / 1000).toFixed(1)} s; Ctrl-C stops every service gracefully`);
  },
  onStillWaiting: (names) => say(`still starting: ${names.join(', ')}`),
});

/** Relative to where the person stands when that is shorter and inside it. */
function shortPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') ? relative : dir;
}

function stopAll(exitCode: number): Promise<void> {
  shutdown ??= (async () => {
    readiness.stop();
    say('stopping every service (in-flight work finishes first)');
    await supervisor.stop();
    await sandbox?.stop();
    await logs.close();
    say(exitCode === 0 ? 'every service stopped' : `stopped (exit ${exitCode})`);
    process.exit(exitCode);
  })();
  return shutdown;
}

let firstSignalAt = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (!shutdown) {
      firstSignalAt = performance.now();
      void stopAll(0);
    } else if (performance.now() - firstSignalAt > SAME_SIGNAL_MS) {
      say('second signal: telling every service to exit without waiting');
      supervisor.hurry();
    }
  });
}
