/** A failure the sandbox plays instead of (or before) answering a Bot API call. */
export type FaultSpec = {
  /** Only calls of this method; every method when absent. */
  method?: string;
  /** Only calls whose chat_id is this chat; every chat when absent. */
  chatId?: number;
  /** How many calls it hits before it is spent; unlimited (until clearFaults) when absent. */
  times?: number;
} & (
  | {
      kind: 'server_error';
      /** 500 by default; 502, 503, 504… */
      status?: number;
    }
  | {
      /** 429 with `parameters.retry_after`, as Telegram's flood control answers; no effect. */
      kind: 'too_many_requests';
      /** 1 by default. */
      retryAfterSeconds?: number;
    }
  | { kind: 'latency'; latencyMs: number }
  | {
      /** Never answer; the call has no effect unless `applied`. */
      kind: 'timeout';
      /** Close the connection after this long; hold until the client gives up when absent. */
      holdMs?: number;
      /** The call takes effect (the message is sent) and only the answer is lost. */
      applied?: boolean;
    }
  | { kind: 'blocked' }
);

export interface FaultTarget {
  method: string;
  chatId: number | undefined;
}

/** The injected faults, matched in the order they were added; each hit uses up one of its `times`. */
export class FaultList {
  private faults: { spec: FaultSpec; remaining: number }[] = [];

  add(spec: FaultSpec): void {
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new Error(`injectFault: times must be a positive integer, got ${spec.times}`);
    }
    this.faults.push({ spec: { ...spec }, remaining: spec.times ?? Infinity });
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault matching the call, counted as used; undefined when the call goes through. */
  take(target: FaultTarget): FaultSpec | undefined {
    const index = this.faults.findIndex(
      ({ spec }) =>
        (spec.method === undefined || spec.method === target.method) &&
        (spec.chatId === undefined || spec.chatId === target.chatId),
    );
    const fault = this.faults[index];
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault.spec;
  }
}
