import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, waitFor } from '../src/index.js';

/** A stand-in service: logs pino-style JSON lines to stdout and shuts down on SIGTERM. */
const SERVICE_SCRIPT = `
const port: number = Number(process.env.PORT ?? 0);
console.log(JSON.stringify({ level: 30, msg: 'listening', port }));
console.error('a plain stderr line');
console.log('not json');
process.on('SIGTERM', () => {
  console.log(JSON.stringify({ level: 30, msg: 'shutting down' }));
  process.exit(0);
});
setInterval(() => {}, 1_000);
`;

const CRASHING_SCRIPT = `
for (let i = 1; i <= 40; i += 1) console.log('boot step ' + i);
console.error('fatal: missing config');
process.exit(3);
`;

const STUBBORN_SCRIPT = `
process.on('SIGTERM', () => console.log(JSON.stringify({ msg: 'ignoring SIGTERM' })));
console.log(JSON.stringify({ msg: 'up' }));
setInterval(() => {}, 1_000);
`;

/** Starts a long-running grandchild via startProcess, then exits: the exit hook must kill it. (.mts: top-level await.) */
const PARENT_SCRIPT = `
import { startProcess } from ${JSON.stringify(fileURLToPath(new URL('../src/child-process.ts', import.meta.url)))};
const child = startProcess({ name: 'grandchild', entry: process.argv[2]!, env: process.env });
await child.waitForLog((entry) => entry.msg === 'up');
console.log(JSON.stringify({ msg: 'started grandchild', pid: child.pid }));
process.exit(0);
`;

describe('startProcess', () => {
  let dir: string;
  const script = (name: string): string => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'testkit-child-'));
    await writeFile(script('service.ts'), SERVICE_SCRIPT);
    await writeFile(script('crashing.ts'), CRASHING_SCRIPT);
    await writeFile(script('stubborn.ts'), STUBBORN_SCRIPT);
    await writeFile(script('parent.mts'), PARENT_SCRIPT);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a TypeScript entry, waits for a log line, captures output and stops on kill', async () => {
    // cwd outside the repository: tsx must still be found.
    const child = startProcess({
      name: 'service',
      entry: script('service.ts'),
      env: { ...process.env, PORT: '4321' },
      cwd: dir,
    });

    const listening = await child.waitForLog((entry) => entry.msg === 'listening');
    expect(listening).toEqual({ level: 30, msg: 'listening', port: 4321 });
    await waitFor(() => child.lines().includes('a plain stderr line'), { message: 'the stderr line' });

    expect(await child.kill()).toEqual({ code: 0, signal: null });
    expect(child.logs().map((entry) => entry.msg)).toEqual(['listening', 'shutting down']);
    expect(child.stdoutText()).toContain('not json\n');
    expect(child.stderrText()).toBe('a plain stderr line\n');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(await child.kill()).toEqual({ code: 0, signal: null }); // already exited: no-op
  });

  it('waitForLog rejects with the exit code and the last 30 lines when the process dies first', async () => {
    const child = startProcess({ name: 'crashing', entry: script('crashing.ts'), env: process.env });

    const failure = child.waitForLog((entry) => entry.msg === 'listening');

    await expect(failure).rejects.toThrow(
      /^crashing exited \(exit code 3\) before the awaited log line; last 30 of 41 lines:\nboot step 12\n/,
    );
    await expect(failure).rejects.toThrow(/boot step 40\nfatal: missing config$/);
  });

  it('waitForLog rejects on timeout, naming the process', async () => {
    const child = startProcess({ name: 'service', entry: script('service.ts'), env: process.env });
    await child.waitForLog((entry) => entry.msg === 'listening');
    try {
      await expect(child.waitForLog((entry) => entry.msg === 'never', 300)).rejects.toThrow(
        /^service did not log the awaited line within 300 ms; its output:\n/,
      );
    } finally {
      await child.kill();
    }
  });

  it('kill escalates to SIGKILL when the process ignores the signal', async () => {
    const child = startProcess({ name: 'stubborn', entry: script('stubborn.ts'), env: process.env });
    await child.waitForLog((entry) => entry.msg === 'up');

    expect(await child.kill('SIGTERM', { escalateAfterMs: 300 })).toEqual({ code: null, signal: 'SIGKILL' });
    expect(child.logs()).toContainEqual({ msg: 'ignoring SIGTERM' });
  });

  it('kills children that are still running when the parent process exits', async () => {
    const parent = startProcess({
      name: 'parent',
      entry: script('parent.mts'),
      args: [script('stubborn.ts')],
      env: process.env,
    });
    const started = await parent.waitForLog((entry) => entry.msg === 'started grandchild');
    expect(await parent.exited).toEqual({ code: 0, signal: null });

    const pid = started.pid as number;
    await waitFor(() => !isAlive(pid), {
      message: `orphaned grandchild ${pid} to be gone`,
      timeoutMs: 5_000,
    });
  });
});

/** Alive and not a zombie (a reparented zombie lingers where PID 1 does not reap). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): signal 0 succeeding is all we know
  }
}
