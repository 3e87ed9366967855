import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './levels.js';
import { currentLogContext } from './context.js';
import { REDACTED_KEYS, REDACTION_CENSOR, redactSensitive } from './redaction.js';

export interface LoggerOptions {
  service: string;
  level?: LogLevel;
  /** Where JSON lines go; stdout (synchronously) by default. Tests pass a stream to read them. */
  destination?: DestinationStream;
}

/**
 * The one logger a service uses: JSON lines with `service`, `pid`, an ISO time, personal data
 * redacted, and the correlation fields of the message being handled (see `runWithLogContext`).
 */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names, not numbers: readable in a terminal and greppable in a log store.
    formatters: {
      level: (label) => ({ level: label }),
      // A walk of our own rather than pino's `redact`: its paths have no recursive wildcard, and
      // listing every key at every depth made each line ~30x slower to write.
      log: (object) => redactSensitive(object),
    },
    // pino's `redact` still guards the top-level keys of child bindings, which `formatters.log` never sees.
    redact: { paths: [...REDACTED_KEYS], censor: REDACTION_CENSOR },
    // A copy: pino merges the line's fields into the object the mixin returns.
    mixin: () => ({ ...currentLogContext() }),
  };
  return pino(options, destination ?? stdoutSync());
}

/**
 * Synchronous writes: lines stay in order and none is lost when the process exits right after
 * logging (shutdown, crash). pino's default async stdout can drop or reorder the last lines then.
 */
function stdoutSync(): DestinationStream {
  return pino.destination({ dest: 1, sync: true });
}
