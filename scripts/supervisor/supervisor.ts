import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { EX_CONFIG } from '@fieldgram/platform';
import type { ServiceSpec } from './discover.js';

const FIRST_RESTART_DELAY_MS = 2_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A service that ran this long before dying restarts after the first delay again. */
const STABLE_AFTER_MS = 30_000;

export interface SupervisorOptions {
  root: string;
  services: readonly ServiceSpec[];
  /** The environment every service gets, before its own HTTP_PORT. */
  env: NodeJS.ProcessEnv;
  /** Every line a service prints (stdout and stderr). */
  onLine: (service: string, line: string) => void;
  /** The supervisor's own messages. */
  say: (text: string) => void;
  /** A service refused its configuration (exit 78): the start cannot succeed. */
  onConfigError: (service: string) => void;
}

interface Running {
  spec: ServiceSpec;
  child: ChildProcess | null;
  startedAt: number;
  restartDelayMs: number;
}

/**
 * Runs each service as its own process and restarts one that dies (with a growing delay while it
 * keeps dying). Each child is started in its own process group, so a Ctrl-C in the terminal
 * reaches only the supervisor, which then sends each child one SIGTERM and waits for its drain.
 */
export class Supervisor {
  private readonly running: Running[];
  private stopping = false;

  constructor(private readonly options: SupervisorOptions) {
    this.running = options.services.map((spec) => ({
      spec,
      child: null,
      startedAt: 0,
      restartDelayMs: FIRST_RESTART_DELAY_MS,
    }));
  }

  start(): void {
    for (const service of this.running) this.launch(service);
  }

  /** SIGTERM to every service (they finish in-flight work), resolved when all have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running.map((service) => this.terminate(service)));
  }

  /** A second Ctrl-C: every service is told again, which makes it exit without waiting. */
  hurry(): void {
    for (const service of this.running) service.child?.kill('SIGTERM');
  }

  private launch(service: Running): void {
    const { spec } = service;
    // The compiled host runs on plain node; a TypeScript entry (a service's main.ts) needs tsx.
    const args = spec.entry.endsWith('.ts') ? ['--import', 'tsx', spec.entry] : [spec.entry];
    const child = spawn(process.execPath, args, {
      cwd: this.options.root,
      env: {
        // A 4 MB young generation (V8's default is 16): an idle service about 25 MB smaller (Dockerfile too).
        NODE_OPTIONS: '--max-semi-space-size=4',
        ...this.options.env,
        ...spec.env,
        HTTP_PORT: this.options.env.HTTP_PORT ?? String(spec.opsPort),
        // The service stops by itself if the supervisor is killed without a chance to stop it.
        FG_EXIT_WITH_PARENT: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    service.child = child;
    service.startedAt = performance.now();
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => this.options.onLine(spec.name, line));
    }
    child.on('exit', (code, signal) => this.onExit(service, child, code, signal));
  }

  private onExit(service: Running, child: ChildProcess, code: number | null, signal: string | null): void {
    if (service.child === child) service.child = null;
    if (this.stopping) return;
    if (code === EX_CONFIG) {
      this.options.say(`${service.spec.name} refused its configuration (exit ${EX_CONFIG}); see above`);
      this.options.onConfigError(service.spec.name);
      return;
    }
    const ranMs = performance.now() - service.startedAt;
    if (ranMs >= STABLE_AFTER_MS) service.restartDelayMs = FIRST_RESTART_DELAY_MS;
    const delay = service.restartDelayMs;
    service.restartDelayMs = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    this.options.say(`${service.spec.name} exited (${signal ?? code}); restarting in ${delay} ms`);
    setTimeout(() => !this.stopping && this.launch(service), delay);
  }

  private terminate(service: Running): Promise<void> {
    const child = service.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
