import type { Logger } from 'pino';

/** Long enough for a healthy stdout; a stuck one must not keep a dying process alive. */
const FLUSH_TIMEOUT_MS = 2_000;

/**
 * Exits once the logger has written what it buffered. pino writes stdout asynchronously, and a
 * bare process.exit() can drop (or reorder) the last lines, which are the ones saying why it ended.
 */
export function exitAfterFlush(logger: Logger, code: number): void {
  const exit = () => process.exit(code);
  setTimeout(exit, FLUSH_TIMEOUT_MS);
  logger.flush(exit);
}
