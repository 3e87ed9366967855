import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface NpmStart {
  /** Every line printed so far, stdout and stderr, in arrival order. */
  lines(): string[];
  stderr(): string;
  /** The first line (past or future) matching `pattern`; rejects when output ends or time is up. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Ctrl-C in a terminal: SIGINT to the whole foreground process group. */
  interrupt(): void;
  /** Output ended (every process holding the terminal is gone) and npm exited, with npm's code. */
  finished: Promise<{ code: number | null; signal: string | null }>;
  /** SIGKILL to the group, for a test that failed half-way. */
  kill(): void;
}

/**
 * `npm start` exactly as a person runs it in a terminal: its own process group (the terminal's
 * foreground group), output read line by line until every writer has closed it.
 */
export function npmStart(env: Record<string, string | undefined>): NpmStart {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const listeners = new Set<() => void>();
  let ended = 0;
  for (const [stream, isErr] of [
    [child.stdout, false],
    [child.stderr, true],
  ] as const) {
    const reader = createInterface({ input: stream });
    reader.on('line', (line) => {
      lines.push(line);
      if (isErr) stderr.push(line);
      for (const listener of listeners) listener();
    });
    reader.on('close', () => {
      ended++;
      for (const listener of listeners) listener();
    });
  }
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const outputEnded = new Promise<void>((resolve) => {
    const check = () => ended === 2 && resolve();
    listeners.add(check);
  });
  return {
    lines: () => [...lines],
    stderr: () => stderr.join('\n'),
    waitForLine: (pattern, timeoutMs = 60_000) =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const found = lines.find((line) => pattern.test(line));
          if (found !== undefined) done(() => resolve(found));
          else if (ended === 2)
            done(() => reject(new Error(`output ended without ${pattern}:\n${tail(lines)}`)));
        };
        const timer = setTimeout(
          () =>
            done(() =>
              reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${tail(lines)}`)),
            ),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      }),
    interrupt: () => process.kill(-child.pid!, 'SIGINT'),
    finished: Promise.all([exited, outputEnded]).then(([status]) => status),
    kill: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

function tail(lines: readonly string[]): string {
  return lines.slice(-30).join('\n');
}
