import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface StartProcessOptions {
  /** Names the process in errors, e.g. 'orders-service'. */
  name: string;
  /** The .ts (or .js) file to run; a relative path is resolved from `cwd`. */
  entry: string;
  args?: string[];
  /** The child's whole environment, e.g. `env.processEnv()` of a TestEnv, or `process.env`. */
  env: Record<string, string | undefined>;
  /** Defaults to the repository root. */
  cwd?: string;
}

export interface ExitStatus {
  code: number | null;
  signal: string | null;
}

export type LogEntry = Record<string, unknown>;

export interface ChildHandle {
  pid: number;
  /** Every output line so far, stdout and stderr interleaved in arrival order. */
  lines(): string[];
  /** The output lines that are JSON objects (pino logs), parsed. */
  logs(): LogEntry[];
  /**
   * Resolves with the first log entry (past or future) matching `predicate`. Rejects if the
   * process exits first or `timeoutMs` passes, with the exit status and the last output lines.
   */
  waitForLog(predicate: (entry: LogEntry) => boolean, timeoutMs?: number): Promise<LogEntry>;
  /**
   * Sends `signal` (default SIGTERM) and resolves when the process has exited. If it is still
   * alive after `escalateAfterMs` (default 10 s) it gets SIGKILL, so a hung shutdown shows up
   * as `signal: 'SIGKILL'` instead of a hung test.
   */
  kill(signal?: NodeJS.Signals, options?: { escalateAfterMs?: number }): Promise<ExitStatus>;
  /** Resolves once the process has exited and its output has been read. */
  exited: Promise<ExitStatus>;
  stdoutText(): string;
  stderrText(): string;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// Resolved from this file, so the child finds tsx whatever its cwd is.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const TAIL_LINES = 30;

/**
 * Children still running; SIGKILLed when this process exits so a failed test leaves no orphans.
 * 'exit' also covers the end of a vitest forks worker: the pool stops it with SIGTERM, which
 * vitest's worker turns into process.exit().
 */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of liveChildren) child.kill('SIGKILL');
  });
}

/**
 * Runs `node --import tsx <entry> ...args` (a compiled `.js` entry on plain node) and captures its
 * output line by line.
 */
export function startProcess({
  name,
  entry,
  args = [],
  env,
  cwd = REPO_ROOT,
}: StartProcessOptions): ChildHandle {
  installExitHook();
  const loader = entry.endsWith('.js') ? [] : ['--import', TSX_LOADER];
  const child = spawn(process.execPath, [...loader, entry, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) {
    child.once('error', () => {}); // the spawn error is reported by the throw below
    throw new Error(`startProcess(${name}): could not spawn ${process.execPath}`);
  }
  liveChildren.add(child);

  const output = new ProcessOutput();
  const stdoutDone = readLines(child.stdout, (line) => output.add('stdout', line));
  const stderrDone = readLines(child.stderr, (line) => output.add('stderr', line));

  // After a successful spawn, 'error' means a failed kill(); keep it visible in the output.
  child.on('error', (error) => output.add('stderr', `[testkit] ${name}: ${error.message}`));

  let exitStatus: ExitStatus | undefined;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      liveChildren.delete(child);
      // Wait for the last lines, but not for a grandchild that inherited the pipes.
      void Promise.race([Promise.all([stdoutDone, stderrDone]), delay(1_000)]).then(() => {
        exitStatus = { code, signal };
        resolve(exitStatus);
        output.notify();
      });
    });
  });

  const describeExit = (status: ExitStatus): string =>
    status.signal === null ? `exit code ${status.code}` : `signal ${status.signal}`;
  const tail = (): string => {
    const lines = output.lines();
    const shown = lines.slice(-TAIL_LINES);
    const header =
      lines.length > shown.length ? `last ${shown.length} of ${lines.length} lines` : 'its output';
    return shown.length === 0 ? '(no output)' : `${header}:\n${shown.join('\n')}`;
  };

  return {
    pid: child.pid,
    lines: () => output.lines(),
    logs: () => output.logs(),
    stdoutText: () => output.text('stdout'),
    stderrText: () => output.text('stderr'),
    exited,
    waitForLog: (predicate, timeoutMs = 10_000) =>
      new Promise<LogEntry>((resolve, reject) => {
        let scanned = 0;
        const finish = (outcome: () => void): void => {
          clearTimeout(timer);
          unsubscribe();
          outcome();
        };
        const check = (): void => {
          const entries = output.logEntries();
          for (; scanned < entries.length; scanned += 1) {
            const entry = entries[scanned] as LogEntry;
            let matches: boolean;
            try {
              matches = predicate(entry);
            } catch (error) {
              finish(() => reject(new Error(`waitForLog(${name}): the predicate threw`, { cause: error })));
              return;
            }
            if (matches) {
              finish(() => resolve(entry));
              return;
            }
          }
          if (exitStatus !== undefined) {
            const status = exitStatus;
            finish(() =>
              reject(
                new Error(`${name} exited (${describeExit(status)}) before the awaited log line; ${tail()}`),
              ),
            );
          }
        };
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(new Error(`${name} did not log the awaited line within ${timeoutMs} ms; ${tail()}`)),
            ),
          timeoutMs,
        );
        const unsubscribe = output.subscribe(check);
        check();
      }),
    kill: async (signal = 'SIGTERM', { escalateAfterMs = 10_000 } = {}) => {
      if (exitStatus !== undefined) return exitStatus;
      child.kill(signal);
      const escalation = setTimeout(() => child.kill('SIGKILL'), escalateAfterMs);
      try {
        return await exited;
      } finally {
        clearTimeout(escalation);
      }
    },
  };
}

/** The captured output of one child, with listeners for new lines. */
class ProcessOutput {
  private readonly all: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  private readonly parsed: LogEntry[] = [];
  private readonly listeners = new Set<() => void>();

  add(stream: 'stdout' | 'stderr', text: string): void {
    this.all.push({ stream, text });
    const entry = parseLogEntry(text);
    if (entry !== undefined) this.parsed.push(entry);
    this.notify();
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lines(): string[] {
    return this.all.map((line) => line.text);
  }

  logs(): LogEntry[] {
    return [...this.parsed];
  }

  /** The live list, not a copy: for scanning only the entries added since the last look. */
  logEntries(): readonly LogEntry[] {
    return this.parsed;
  }

  text(stream: 'stdout' | 'stderr'): string {
    return this.all
      .filter((line) => line.stream === stream)
      .map((line) => `${line.text}\n`)
      .join('');
  }
}

function parseLogEntry(line: string): LogEntry | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as LogEntry)
      : undefined;
  } catch {
    return undefined;
  }
}

function readLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): Promise<void> {
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  reader.on('line', onLine);
  return new Promise((resolve) => reader.once('close', () => resolve()));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
