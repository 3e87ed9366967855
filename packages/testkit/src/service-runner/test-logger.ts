import { createLogger, LOG_LEVELS, type Logger, type LogLevel } from '@fieldgram/platform';

/** Silent unless FG_TEST_LOG names a level (`FG_TEST_LOG=debug` to watch a failing test). */
export function testLogger(service: string): Logger {
  const wanted = process.env.FG_TEST_LOG;
  const level = LOG_LEVELS.find((known): known is LogLevel => known === wanted) ?? 'silent';
  return createLogger({ service, level });
}
