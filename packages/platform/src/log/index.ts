export type { Logger } from 'pino';
export { createLogger, type LoggerOptions } from './create-logger.js';
export { LOG_LEVELS, type LogLevel } from './levels.js';
export { currentLogContext, runWithLogContext, type LogContext } from './context.js';
export {
  REDACTED_KEYS,
  REDACTION_CENSOR,
  REDACTION_DEPTH,
  isSensitiveKey,
  redactSensitive,
} from './redaction.js';
