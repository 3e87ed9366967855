/** A file to upload with a Bot API call (multipart/form-data). */
export interface UploadFile {
  bytes: Buffer;
  fileName: string;
  contentType: string;
}

/** Telegram refused a call: `{ ok: false, error_code, description, parameters }`. */
export class TelegramApiError extends Error {
  override readonly name = 'TelegramApiError';
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(`${method}: ${errorCode} ${description}`);
  }

  /** 429, or a 5xx: worth trying again later. */
  get transient(): boolean {
    return this.errorCode === 429 || this.errorCode >= 500;
  }

  /** 403 "Forbidden: bot was blocked by the user" (or deactivated, kicked…): not worth retrying. */
  get forbidden(): boolean {
    return this.errorCode === 403;
  }
}

/** The call did not get an answer (network error, timeout): it may or may not have happened. */
export class TelegramUnreachableError extends Error {
  override readonly name = 'TelegramUnreachableError';
}

/** Up to 20 MB on a slow link: longer than a call may take. */
const DOWNLOAD_TIMEOUT_MS = 120_000;

interface BotApiResponse {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

/**
 * Bot API calls over HTTP (https://core.telegram.org/bots/api#making-requests) against any
 * compatible server: api.telegram.org, a local Bot API server, or the sandbox.
 */
export class BotApiClient {
  constructor(
    private readonly apiRoot: string,
    private readonly token: string,
    private readonly timeoutMs = 30_000,
  ) {}

  /** The bot's numeric id: the part of the token before the colon. */
  get botId(): number {
    return Number(this.token.split(':')[0]);
  }

  async call<T>(
    method: string,
    params: Record<string, unknown> = {},
    files: Record<string, UploadFile> = {},
    signal?: AbortSignal,
  ): Promise<T> {
    const url = `${this.apiRoot.replace(/\/$/, '')}/bot${this.token}/${method}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        ...requestBody(params, files),
        signal: withDeadline(this.timeoutMs + pollTimeoutMs(params), signal),
      });
    } catch (error) {
      throw new TelegramUnreachableError(
        `${method}: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
    let body: BotApiResponse;
    try {
      body = (await response.json()) as BotApiResponse;
    } catch {
      throw new TelegramApiError(method, response.status, `non-JSON answer (HTTP ${response.status})`);
    }
    if (!body.ok) {
      throw new TelegramApiError(
        method,
        body.error_code ?? response.status,
        body.description ?? 'no description',
        body.parameters?.retry_after,
      );
    }
    return body.result as T;
  }

  /**
   * The bytes of a file getFile gave the path of (`/file/bot<token>/<file_path>`). A refusal is a
   * TelegramApiError with the HTTP status (a 5xx is transient), no answer a TelegramUnreachableError.
   */
  async download(filePath: string, signal?: AbortSignal): Promise<Buffer> {
    const url = `${this.apiRoot.replace(/\/$/, '')}/file/bot${this.token}/${filePath}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: withDeadline(DOWNLOAD_TIMEOUT_MS, signal) });
      if (response.ok) return Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw new TelegramUnreachableError(
        `download: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    throw new TelegramApiError('download', response.status, `HTTP ${response.status} for the file`);
  }
}

function requestBody(params: Record<string, unknown>, files: Record<string, UploadFile>): RequestInit {
  if (Object.keys(files).length === 0) {
    return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) };
  }
  const form = new FormData();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  for (const [name, file] of Object.entries(files)) {
    form.append(name, new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.fileName);
  }
  return { body: form };
}

// A long poll legitimately takes its whole `timeout`; the client deadline comes on top of it.
function pollTimeoutMs(params: Record<string, unknown>): number {
  return typeof params.timeout === 'number' ? params.timeout * 1000 : 0;
}

function withDeadline(ms: number, signal: AbortSignal | undefined): AbortSignal {
  const deadline = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([deadline, signal]) : deadline;
}
