import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, type ChildHandle, type ExitStatus } from './child-process.js';
import type { TestEnv } from './isolation.js';
import { freePort } from './ports.js';
import { waitFor } from './wait-for.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every fieldgram service, in the order they are started (callers' dependencies first). */
export const SERVICE_NAMES = [
  'identity',
  'audit',
  'task',
  'invoice',
  'waybill',
  'claims',
  'notification',
  'conversation',
  'bot-gateway',
  'api-gateway',
] as const;
export type StackService = (typeof SERVICE_NAMES)[number];

/**
 * The V8 settings every service process runs with (also in scripts/start.ts and the Dockerfile):
 * a 4 MB young generation instead of 16 MB keeps an idle service about 25 MB smaller, and costs
 * little for a service whose messages are small.
 */
export const SERVICE_NODE_OPTIONS = '--max-semi-space-size=4';

export const STACK_ADMIN = { login: 'root-admin', password: 'correct horse battery' };

export interface ServiceStackOptions {
  env: TestEnv;
  /** The Bot API the gateway talks to (a TelegramSandbox's apiRoot and one of its bots' tokens). */
  telegram: { apiRoot: string; token: string; mode?: 'polling' | 'webhook' };
  /** Instances per service (default 1 each); e.g. `{ conversation: 3 }`. */
  instances?: Partial<Record<StackService, number>>;
  /** Extra environment per service (e.g. short reminder delays). */
  serviceEnv?: Partial<Record<StackService, Record<string, string>>>;
  /** Services' log level (default `warn`; their lines are kept, see `ServiceProcess.child`). */
  logLevel?: string;
  /** How long one process may take to answer /readyz 200 (default 60 s). */
  readyTimeoutMs?: number;
  /**
   * `split` (default): a process per service instance, as production scales; `host`: every
   * service in one host process (host/src/main.ts), as `npm start` runs them by default.
   */
  layout?: 'split' | 'host';
  /** Run the compiled host (host/dist/main.js, `npm run build`) on plain node instead of the sources under tsx. */
  compiled?: boolean;
}

/** One running process of the stack. A restart replaces `child` and `pid`; the ports stay. */
export interface ServiceProcess {
  /** The service it runs, or `host` for the host process of every service. */
  readonly service: StackService | 'host';
  /** The services it runs (one but for the host). */
  readonly services: readonly StackService[];
  readonly instance: number;
  /** `conversation#1`, `host#0` */
  readonly name: string;
  readonly opsUrl: string;
  child: ChildHandle;
  readonly pid: number;
  /** Resident set size now, in bytes (Linux /proc), or undefined once the process is gone. */
  rssBytes(): number | undefined;
}

export interface ServiceStack {
  /** The admin REST API's base, e.g. http://127.0.0.1:40123/api/v1. */
  readonly apiUrl: string;
  /** The gateway's webhook URL (webhook mode). */
  readonly webhookUrl: string;
  /** Spawn of the first process → every process answers /readyz 200. */
  readonly startToReadyMs: number;
  readonly processes: readonly ServiceProcess[];
  /** The process running `service` (in the host layout, the host for every service). */
  get(service: StackService | 'host', instance?: number): ServiceProcess;
  /** Sends `signal` (default SIGKILL) to the process running `service` and waits for the exit. */
  kill(service: StackService | 'host', instance?: number, signal?: NodeJS.Signals): Promise<ExitStatus>;
  /** Starts a stopped (killed) process again with the same environment and waits until it is ready. */
  restart(service: StackService | 'host', instance?: number): Promise<void>;
  /** Resolves once every live process answers /readyz 200. */
  waitAllReady(timeoutMs?: number): Promise<void>;
  /** SIGTERM to every process (in-flight work finishes), in reverse start order; removes temp files. */
  stop(): Promise<void>;
}

interface ProcessSlot extends ServiceProcess {
  readonly processEnv: Record<string, string>;
  readonly entry: string;
  child: ChildHandle;
  pid: number;
}

/**
 * The whole system as real processes — a process per service (each service's src/main.ts, as
 * production scales) or one host process of every service (as `npm start` runs them) —
 * migrations on start, against one TestEnv's database, vhost and Redis prefix. For tests and
 * benchmarks that SIGKILL services, restart them or measure their memory.
 */
export async function startServiceStack(options: ServiceStackOptions): Promise<ServiceStack> {
  const { env, telegram } = options;
  const storageDir = mkdtempSync(path.join(tmpdir(), 'fg-stack-objects-'));
  const apiPort = await freePort();
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const common: Record<string, string> = {
    NODE_OPTIONS: SERVICE_NODE_OPTIONS,
    LOG_LEVEL: options.logLevel ?? 'warn',
    NODE_ENV: 'test',
    OBJECT_STORAGE_DIR: storageDir,
  };
  const layout = options.layout ?? 'split';
  if (layout === 'host' && Object.values(options.instances ?? {}).some((count) => count !== 1))
    throw new Error('startServiceStack: several instances of a service need the split layout');
  const slots: ProcessSlot[] = [];
  let webhookUrl = '';
  /** One process's own variables: each of its services' settings, one ops port. */
  const processVariables = (services: readonly StackService[], opsPort: number): Record<string, string> => {
    const own: Record<string, string> = { HTTP_PORT: String(opsPort) };
    for (const service of services) Object.assign(own, serviceDefaults(service, apiPort));
    if (services.includes('bot-gateway')) {
      webhookUrl = `http://127.0.0.1:${opsPort}/telegram/webhook`;
      Object.assign(own, {
        TELEGRAM_API_ROOT: telegram.apiRoot,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_MODE: telegram.mode ?? 'polling',
        ...(telegram.mode === 'webhook'
          ? { TELEGRAM_WEBHOOK_URL: webhookUrl, TELEGRAM_WEBHOOK_SECRET: 'stack-webhook-secret' }
          : {}),
      });
    }
    for (const service of services) Object.assign(own, options.serviceEnv?.[service]);
    return own;
  };
  const entryOf = (services: readonly StackService[]): ProcessEntry =>
    options.compiled
      ? { entry: path.join(REPO_ROOT, 'host', 'dist', 'main.js'), FIELDGRAM_SERVICES: services.join(',') }
      : services.length === 1
        ? { entry: path.join(REPO_ROOT, 'services', services[0]!, 'src', 'main.ts') }
        : { entry: path.join(REPO_ROOT, 'host', 'src', 'main.ts'), FIELDGRAM_SERVICES: services.join(',') };
  if (layout === 'host') {
    const opsPort = await freePort();
    const processEnv = env.processEnv({ ...common, ...processVariables(SERVICE_NAMES, opsPort) });
    slots.push(createSlot('host', SERVICE_NAMES, 0, opsPort, processEnv, entryOf(SERVICE_NAMES)));
  } else {
    for (const service of SERVICE_NAMES) {
      const count = options.instances?.[service] ?? 1;
      for (let instance = 0; instance < count; instance++) {
        const opsPort = await freePort();
        const processEnv = env.processEnv({ ...common, ...processVariables([service], opsPort) });
        slots.push(createSlot(service, [service], instance, opsPort, processEnv, entryOf([service])));
      }
    }
  }

  const startedAt = performance.now();
  const stack: ServiceStack = {
    apiUrl: `http://127.0.0.1:${apiPort}/api/v1`,
    webhookUrl,
    startToReadyMs: 0,
    processes: slots,
    get: (service, instance = 0) => slotOf(slots, service, instance),
    kill: (service, instance = 0, signal = 'SIGKILL') => slotOf(slots, service, instance).child.kill(signal),
    restart: async (service, instance = 0) => {
      const slot = slotOf(slots, service, instance);
      await slot.child.kill('SIGKILL');
      spawnSlot(slot);
      await waitReady(slot, readyTimeoutMs);
    },
    waitAllReady: async (timeoutMs = readyTimeoutMs) => {
      await Promise.all(slots.map((slot) => waitReady(slot, timeoutMs)));
    },
    stop: async () => {
      for (const slot of [...slots].reverse()) await slot.child.kill('SIGTERM');
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
  try {
    // The first instance of each service migrates its schema; the others start once it is ready.
    const firsts = slots.filter((slot) => slot.instance === 0);
    for (const slot of firsts) spawnSlot(slot);
    await Promise.all(firsts.map((slot) => waitReady(slot, readyTimeoutMs)));
    const others = slots.filter((slot) => slot.instance > 0);
    for (const slot of others) spawnSlot(slot);
    await Promise.all(others.map((slot) => waitReady(slot, readyTimeoutMs)));
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return { ...stack, startToReadyMs: performance.now() - startedAt };
}

/** Each service's required settings beyond the connections (see .env.example). */
function serviceDefaults(service: StackService, apiPort: number): Record<string, string> {
  switch (service) {
    case 'identity':
      return { ADMIN_LOGIN: STACK_ADMIN.login, ADMIN_PASSWORD: STACK_ADMIN.password };
    case 'bot-gateway':
      return { SECRETS_KEY: randomBytes(32).toString('base64'), TELEGRAM_ALBUM_WAIT_MS: '300' };
    case 'api-gateway':
      return { API_PORT: String(apiPort), JWT_SECRET: 'stack-secret-that-is-at-least-32-characters' };
    default:
      return {};
  }
}

/** What a process runs: its entry file and, for a host, which services. */
interface ProcessEntry {
  entry: string;
  FIELDGRAM_SERVICES?: string;
}

function createSlot(
  service: StackService | 'host',
  services: readonly StackService[],
  instance: number,
  opsPort: number,
  processEnv: Record<string, string>,
  entry: ProcessEntry,
): ProcessSlot {
  const { entry: file, ...hostVariables } = entry;
  const slot = {
    service,
    services,
    instance,
    name: `${service}#${instance}`,
    opsUrl: `http://127.0.0.1:${opsPort}`,
    processEnv: { ...processEnv, ...hostVariables },
    entry: file,
    child: undefined as unknown as ChildHandle,
    pid: 0,
    rssBytes: () => readRss(slot.pid),
  };
  return slot;
}

function spawnSlot(slot: ProcessSlot): void {
  slot.child = startProcess({ name: slot.name, entry: slot.entry, env: slot.processEnv });
  slot.pid = slot.child.pid;
}

async function waitReady(slot: ProcessSlot, timeoutMs: number): Promise<void> {
  const ready = waitFor(
    async () => {
      const response = await fetch(`${slot.opsUrl}/readyz`, { signal: AbortSignal.timeout(1_000) });
      return response.ok;
    },
    { message: `${slot.name} to answer /readyz 200`, timeoutMs, intervalMs: 100 },
  );
  // A process that dies while starting fails at once, with its last lines.
  const died = slot.child.exited.then((status) => {
    throw new Error(
      `${slot.name} exited (${status.signal ?? status.code}) before it was ready:\n` +
        slot.child.lines().slice(-20).join('\n'),
    );
  });
  await Promise.race([ready, died]);
  died.catch(() => undefined);
}

function slotOf(slots: ProcessSlot[], service: StackService | 'host', instance: number): ProcessSlot {
  const slot = slots.find(
    (candidate) =>
      candidate.instance === instance &&
      (candidate.service === service || (service !== 'host' && candidate.services.includes(service))),
  );
  if (!slot) throw new Error(`no ${service}#${instance} in this stack`);
  return slot;
}

function readRss(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
