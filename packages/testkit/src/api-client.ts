/** A small REST client for the admin API, as a console or an integration would use it. */
export class ApiClient {
  private accessToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  /** A client acting with an access token obtained elsewhere. */
  static withToken(baseUrl: string, accessToken: string): ApiClient {
    const client = new ApiClient(baseUrl);
    client.accessToken = accessToken;
    return client;
  }

  static async login(baseUrl: string, login: string, password: string): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const response = await client.call('POST', '/auth/login', { login, password });
    if (response.status !== 200)
      throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    client.accessToken = (response.body as { accessToken: string }).accessToken;
    return client;
  }

  get token(): string | undefined {
    return this.accessToken;
  }

  /** One request; the body is parsed when it is JSON. Network errors (and `timeoutMs`) reject. */
  async call(
    method: string,
    path: string,
    body?: unknown,
    options: { timeoutMs?: number } = {},
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(options.timeoutMs !== undefined ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (a PNG, an SSE stream): keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** Opens the SSE stream and collects `event: notification` items as they come. */
  async openNotificationStream(): Promise<{ items: Record<string, unknown>[]; close(): void }> {
    const controller = new AbortController();
    const response = await fetch(`${this.baseUrl}/notifications/stream`, {
      headers: { authorization: `Bearer ${this.accessToken ?? ''}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (response.status !== 200 || !response.body) throw new Error(`stream failed: ${response.status}`);
    const items: Record<string, unknown>[] = [];
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.+)$/m.exec(frame)?.[1];
            const data = frame
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice(6))
              .join('\n');
            if (event === 'notification' && data) items.push(JSON.parse(data) as Record<string, unknown>);
          }
        }
      } catch {
        // closed
      }
    })();
    return { items, close: () => controller.abort() };
  }
}
