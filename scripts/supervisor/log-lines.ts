import { prettyFactory } from 'pino-pretty';

/** pino's numeric levels by name. */
export const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export type LevelName = keyof typeof LEVELS;

export type LogLine =
  | { kind: 'json'; entry: Record<string, unknown>; level: number }
  /** Anything else a service prints: a configuration error block, a crash's stack trace. */
  | { kind: 'text' };

export function classifyLine(line: string): LogLine {
  if (!line.startsWith('{')) return { kind: 'text' };
  try {
    const entry: unknown = JSON.parse(line);
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return { kind: 'text' };
    return { kind: 'json', entry: entry as Record<string, unknown>, level: levelOf(entry) };
  } catch {
    return { kind: 'text' };
  }
}

/** Our services log level labels (`"warn"`); plain pino logs numbers. */
function levelOf(entry: { level?: unknown }): number {
  if (typeof entry.level === 'number') return entry.level;
  return typeof entry.level === 'string' && Object.hasOwn(LEVELS, entry.level)
    ? LEVELS[entry.level as LevelName]
    : 0;
}

export type TerminalFormat = 'pretty' | 'json';

export interface TerminalOptions {
  format: TerminalFormat;
  /** Log entries below this level stay in the files only. */
  minLevel: number;
  colorize: boolean;
}

/**
 * What the terminal shows of one service's output line, or null for nothing: log entries at or
 * above `minLevel` (pretty or as JSON), and every line that is not a log entry.
 */
export function terminalView(
  service: string,
  line: string,
  options: TerminalOptions,
  pretty: (entry: Record<string, unknown>) => string,
): string | null {
  const parsed = classifyLine(line);
  if (parsed.kind === 'text') return `[${service}] ${line}`;
  if (parsed.level < options.minLevel) return null;
  if (options.format === 'json') return line;
  return `[${service}] ${pretty({ ...parsed.entry, level: parsed.level }).trimEnd()}`;
}

export function prettyPrinter(colorize: boolean): (entry: Record<string, unknown>) => string {
  return prettyFactory({ colorize, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss' });
}
