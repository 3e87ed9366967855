/**
 * One thing a service starts and stops: a connection, a consumer, the outbox relay, a server.
 * A `start()` that throws must release what it acquired itself: only parts that started get stopped.
 */
export interface ServicePart {
  name: string;
  start(): Promise<void>;
  /** Lets in-flight work finish (a consumer stops taking messages, then awaits the ones it holds). */
  stop(): Promise<void>;
  /** Checked on every /readyz; a part without it is ready once started. */
  isReady?(): boolean;
}
