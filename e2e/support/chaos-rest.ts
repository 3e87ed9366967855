import { ApiClient, sleep } from '@fieldgram/testkit';

/** What one REST attempt came to: an answer the API gave, or no verdict (network error, 5xx). */
export type Attempt =
  { kind: 'answered'; status: number; body: unknown } | { kind: 'unknown'; reason: string };

/**
 * The admin's REST client during chaos: the API may be down (api-gateway killed) or answer 5xx
 * (a service or the database restarting). Reads are retried until they get an answer; a write is
 * attempted once and its outcome may be unknown — the caller then reads the state to decide
 * whether to try again (see `chaos-load.ts`). Every failed attempt is counted by operation.
 */
export class ChaosApi {
  /** Failed attempts (no answer, or 5xx) per operation, e.g. `POST /tasks`. */
  readonly failures = new Map<string, number>();

  private constructor(
    private readonly client: ApiClient,
    private readonly deadline: () => number,
  ) {}

  static async login(
    baseUrl: string,
    credentials: { login: string; password: string },
    deadline: () => number,
  ): Promise<ChaosApi> {
    const anonymous = new ChaosApi(new ApiClient(baseUrl), deadline);
    const answer = await anonymous.read('POST', '/auth/login', credentials);
    if (answer.status !== 200)
      throw new Error(`login failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    const { accessToken } = answer.body as { accessToken: string };
    return new ChaosApi(ApiClient.withToken(baseUrl, accessToken), deadline);
  }

  /** One attempt, never thrown: 5xx and network errors are `unknown`. */
  async attempt(method: string, path: string, body?: unknown): Promise<Attempt> {
    const operation = `${method} ${path.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*$/, '')}`;
    try {
      const response = await this.client.call(method, path, body, { timeoutMs: 15_000 });
      if (response.status >= 500) {
        this.countFailure(operation);
        const detail = (response.body as { detail?: unknown } | undefined)?.detail;
        const text = typeof detail === 'string' ? detail : JSON.stringify(response.body);
        return { kind: 'unknown', reason: `${response.status} ${text.slice(0, 100)}` };
      }
      return { kind: 'answered', status: response.status, body: response.body };
    } catch (error) {
      this.countFailure(operation);
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      return { kind: 'unknown', reason: cause instanceof Error ? cause.message : String(cause) };
    }
  }

  /** Retried (every 250 ms) until the API answers, or the run's deadline passes. */
  async read(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    for (;;) {
      const attempt = await this.attempt(method, path, body);
      if (attempt.kind === 'answered') return attempt;
      if (Date.now() > this.deadline()) throw new Error(`${method} ${path}: no answer (${attempt.reason})`);
      await sleep(250);
    }
  }

  async get<T>(path: string): Promise<T> {
    const answer = await this.read('GET', path);
    if (answer.status !== 200)
      throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as T;
  }

  totalFailures(): number {
    return [...this.failures.values()].reduce((sum, count) => sum + count, 0);
  }

  private countFailure(operation: string): void {
    this.failures.set(operation, (this.failures.get(operation) ?? 0) + 1);
  }
}
