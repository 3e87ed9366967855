export interface SandboxStats {
  /** Bot API calls received, per method name (unknown names too), answered or not. */
  calls: Record<string, number>;
  /** Calls answered 429. */
  tooManyRequests: number;
  /** Calls answered 5xx (injected or not). */
  serverErrors: number;
  /** Calls answered 403. */
  forbidden: number;
  /** Webhook POSTs the bot answered with a 2xx. */
  webhookDeliveries: number;
  /** Webhook POSTs that failed (non-2xx, network error, timeout); each is retried. */
  webhookFailures: number;
}

export class StatsCounter {
  private readonly counts: SandboxStats = {
    calls: {},
    tooManyRequests: 0,
    serverErrors: 0,
    forbidden: 0,
    webhookDeliveries: 0,
    webhookFailures: 0,
  };

  countCall(method: string): void {
    this.counts.calls[method] = (this.counts.calls[method] ?? 0) + 1;
  }

  countAnswer(status: number): void {
    if (status === 429) this.counts.tooManyRequests += 1;
    else if (status === 403) this.counts.forbidden += 1;
    else if (status >= 500) this.counts.serverErrors += 1;
  }

  countWebhookAttempt(succeeded: boolean): void {
    if (succeeded) this.counts.webhookDeliveries += 1;
    else this.counts.webhookFailures += 1;
  }

  snapshot(): SandboxStats {
    return { ...this.counts, calls: { ...this.counts.calls } };
  }
}
