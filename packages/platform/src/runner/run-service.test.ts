import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/demo-service.ts', import.meta.url));

interface LogLine {
  level: string;
  msg: string;
  part?: string;
  url?: string;
  [key: string]: unknown;
}

/** The fixture service in a child process, with its JSON log lines as they arrive. */
class DemoService {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private waiters: (() => void)[] = [];

  constructor(scenario: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      cwd: repoRoot,
      env: { ...process.env, FIXTURE_SCENARIO: scenario },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const pieces = (buffered + chunk).split('\n');
      buffered = pieces.pop() ?? '';
      for (const piece of pieces) if (piece.trim()) this.lines.push(JSON.parse(piece) as LogLine);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  async waitFor(msg: string): Promise<LogLine> {
    for (;;) {
      const line = this.lines.find((l) => l.msg === msg);
      if (line) return line;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  messages(): string[] {
    return this.lines.map((line) => (line.part ? `${line.msg}: ${line.part}` : line.msg));
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

const running: DemoService[] = [];
function startDemo(scenario: string): DemoService {
  const demo = new DemoService(scenario);
  running.push(demo);
  return demo;
}

afterEach(() => {
  for (const demo of running.splice(0)) demo.kill('SIGKILL');
});

describe('runService', () => {
  it('serves probes, then on SIGTERM stops the parts in reverse order and exits 0', async () => {
    const demo = startDemo('graceful');
    const started = await demo.waitFor('service started');
    expect(started.startupMs).toEqual(expect.any(Number));
    const { url } = await demo.waitFor('ops server listening');
    const ready = await fetch(`${url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { db: true, bus: true, consumer: true } });

    demo.kill('SIGTERM');
    expect(await demo.exited).toBe(0);
    const shutdown = demo.messages().slice(demo.messages().indexOf('service stopping'));
    expect(shutdown).toEqual([
      'service stopping',
      'fixture: stop finished: consumer',
      'part stopped: consumer',
      'fixture: stop finished: bus',
      'part stopped: bus',
      'fixture: stop finished: db',
      'part stopped: db',
      'service stopped',
    ]);
    const consumerStop = demo.lines.find((line) => line.msg === 'part stopped' && line.part === 'consumer');
    expect(consumerStop?.durationMs).toBeGreaterThanOrEqual(295);
  });

  it('handles SIGINT like SIGTERM', async () => {
    const demo = startDemo('graceful');
    await demo.waitFor('service started');
    demo.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    expect(demo.messages()).toContain('service stopped');
  });

  it('exits at once, with 1, on a second signal during the drain', async () => {
    const demo = startDemo('graceful');
    await demo.waitFor('service started');
    demo.kill('SIGTERM');
    await demo.waitFor('service stopping');
    demo.kill('SIGINT');
    expect(await demo.exited).toBe(1);
    expect(demo.lines.at(-1)).toMatchObject({ level: 'warn', msg: 'second signal; exiting without waiting' });
  });

  it('exits 1 after rolling back when a part fails to start', async () => {
    const demo = startDemo('start-fails');
    expect(await demo.exited).toBe(1);
    const failure = demo.lines.find((line) => line.msg === 'service failed to start');
    expect(failure).toMatchObject({
      level: 'fatal',
      err: { message: 'consumer failed to start: queue not found' },
    });
    expect(demo.messages()).not.toContain('service started');
    expect(demo.messages().filter((m) => m.startsWith('part stopped'))).toEqual([
      'part stopped: bus',
      'part stopped: db',
    ]);
  });

  it('exits 1 when the stop outlasts the shutdown timeout', async () => {
    const demo = startDemo('stuck-stop');
    await demo.waitFor('service started');
    demo.kill('SIGTERM');
    expect(await demo.exited).toBe(1);
    expect(demo.lines.at(-1)).toMatchObject({ level: 'error', msg: 'service did not stop in time; exiting' });
  });

  it('logs an unhandled rejection, stops gracefully and exits 1', async () => {
    const demo = startDemo('crash');
    expect(await demo.exited).toBe(1);
    expect(demo.lines).toContainEqual(
      expect.objectContaining({
        level: 'fatal',
        msg: 'unhandled rejection',
        err: expect.objectContaining({ message: 'forgot to await' }) as unknown,
      }),
    );
    expect(demo.messages().slice(-2)).toEqual(['part stopped: db', 'service stopped']);
  });
});
