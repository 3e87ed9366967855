import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields stamped on every log line written while one message (or request) is handled. */
export interface LogContext {
  correlationId: string;
  messageId?: string;
  messageType?: string;
  [key: string]: unknown;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `context` visible to every logger call inside it, across awaits and callbacks. */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
