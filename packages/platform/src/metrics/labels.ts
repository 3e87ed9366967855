/** What became of one consumed message (DESIGN §3). */
export type ConsumeOutcome = 'ok' | 'duplicate' | 'retried' | 'dead' | 'invalid';

/** How one request/reply call ended; `circuit-open` is a fast failure from the breaker. */
export type RpcOutcome = 'ok' | 'error' | 'timeout' | 'circuit-open';

export interface ConsumedLabels {
  queue: string;
  type: string;
  outcome: ConsumeOutcome;
}

export interface PublishedLabels {
  exchange: string;
  type: string;
}

export interface FailedLabels {
  queue: string;
  type: string;
  /** A short category (`invalid`, `handler-error`, …), never an error message: label values must stay few. */
  reason: string;
}

export interface HandlerLabels {
  queue: string;
  type: string;
}

export interface RpcLabels {
  target: string;
  type: string;
  outcome: RpcOutcome;
}
