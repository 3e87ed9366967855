import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/common-env.js';
import { currentLogContext } from './context.js';
import { REDACTION_CENSOR, redactionPaths } from './redaction.js';

export interface LoggerOptions {
  service: string;
  level?: LogLevel;
  /** Where JSON lines go; stdout by default. Tests pass a stream to read them. */
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
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: redactionPaths(), censor: REDACTION_CENSOR },
    mixin: () => currentLogContext() ?? {},
  };
  return destination ? pino(options, destination) : pino(options);
}
