import { ConfigError } from './config-error.js';

/** EX_CONFIG from sysexits.h: orchestrators and humans can tell "fix the env" from a crash. */
export const EX_CONFIG = 78;

/**
 * For service entry points: runs `fn`; a ConfigError is printed to stderr as one block (no stack
 * trace to scroll past) and the process exits with 78. Other errors propagate unchanged.
 */
export async function exitOnConfigError<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EX_CONFIG);
  }
}
