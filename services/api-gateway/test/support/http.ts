import { waitFor } from '@fieldgram/testkit';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  /** The parsed JSON body (problems included), or undefined for other bodies. */
  body: T;
  bytes: Buffer;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

/** A small client of the REST API (plain fetch: what any integration would do). */
export function apiClient(baseUrl: string) {
  async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.rawBody !== undefined)
      body = typeof options.rawBody === 'string' ? options.rawBody : new Uint8Array(options.rawBody);
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    // An absolute URL (a qrUrl from an answer) is fetched as is.
    const url = /^https?:\/\//.test(path)
      ? path
      : `${baseUrl}${path.startsWith('/api') ? '' : '/api/v1'}${path}`;
    const response = await fetch(url, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    const parsed: unknown =
      /json/.test(type) && bytes.length > 0 ? JSON.parse(bytes.toString('utf8')) : undefined;
    return { status: response.status, headers: response.headers, body: parsed as T, bytes };
  }
  return {
    call,
    get: <T = Record<string, unknown>>(path: string, options?: CallOptions) => call<T>('GET', path, options),
    post: <T = Record<string, unknown>>(path: string, body?: unknown, options?: CallOptions) =>
      call<T>('POST', path, { ...options, ...(body !== undefined ? { body } : {}) }),
    patch: <T = Record<string, unknown>>(path: string, body?: unknown, options?: CallOptions) =>
      call<T>('PATCH', path, { ...options, body }),
    put: <T = Record<string, unknown>>(path: string, body?: unknown, options?: CallOptions) =>
      call<T>('PUT', path, { ...options, body }),
    delete: <T = Record<string, unknown>>(path: string, options?: CallOptions) =>
      call<T>('DELETE', path, options),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** An open Server-Sent Events stream, parsed as it arrives. */
export class SseStream {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  private constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly abort: AbortController,
  ) {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    const stream = new SseStream(response.status, response.headers, abort);
    if (response.ok && response.body) void stream.read(response.body);
    else abort.abort();
    return stream;
  }

  next(
    event: string,
    predicate: (data: unknown) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<unknown> {
    return waitFor(
      () => {
        const found = this.events.find((e) => e.event === event && predicate(JSON.parse(e.data)));
        return found ? (JSON.parse(found.data) as unknown) : undefined;
      },
      { message: `an SSE "${event}" event`, timeoutMs },
    );
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted: the test closed the stream
    }
  }

  private parse(block: string): void {
    const event: SseEvent = { event: 'message', data: '' };
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('event: ')) event.event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
      else if (line.startsWith('id: ')) event.id = line.slice(4);
    }
    if (data.length > 0) this.events.push({ ...event, data: data.join('\n') });
  }
}

/** The 8 bytes every PNG starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
