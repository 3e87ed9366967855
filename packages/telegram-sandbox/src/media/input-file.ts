import { BotApiError, ErrorText } from '../methods/bot-api-error.js';
import type { MethodContext } from '../methods/method.js';
import type { FileKind } from '../state/ids.js';
import type { StoredFile } from '../state/file-store.js';
import { guessMimeType } from './mime-types.js';

/** What an InputFile parameter named: a file the bot already has, or new bytes. */
export type ResolvedInputFile =
  | { existing: StoredFile }
  | { existing?: undefined; bytes: Buffer; fileName: string | undefined; mimeType: string | undefined };

const URL_FETCH_TIMEOUT_MS = 10_000;
/** The sandbox has no internet; only a local URL (a test's own server) can be fetched. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Resolves `attach://<part>` (and a multipart part named after the parameter, which the HTTP
 * layer turns into that form), a file_id of this bot, or an http(s) URL on 127.0.0.1.
 */
export async function resolveInputFile(
  context: MethodContext,
  value: string | undefined,
  kind: FileKind,
): Promise<ResolvedInputFile> {
  if (value === undefined || value === '')
    throw new BotApiError(400, `Bad Request: there is no ${kind} in the request`);
  if (value.startsWith('attach://')) {
    const upload = context.uploads.get(value.slice('attach://'.length));
    if (upload === undefined) throw new BotApiError(400, `Bad Request: there is no ${kind} in the request`);
    return newBytes(upload.bytes, upload.fileName, upload.mimeType);
  }
  if (/^https?:\/\//i.test(value)) return fetchLocalUrl(value);
  const existing = context.core.files.ofBot(context.bot.id, value);
  if (existing === undefined) throw new BotApiError(400, ErrorText.wrongFileId);
  if (existing.kind !== kind) throw new BotApiError(400, ErrorText.fileTypeMismatch);
  return { existing };
}

async function fetchLocalUrl(url: string): Promise<ResolvedInputFile> {
  if (!URL.canParse(url) || !LOCAL_HOSTS.has(new URL(url).hostname)) {
    throw new BotApiError(400, ErrorText.urlContentFailed);
  }
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(URL_FETCH_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const fileName = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || undefined;
    return newBytes(bytes, fileName, response.headers.get('content-type')?.split(';')[0] ?? undefined);
  } catch (error) {
    if (error instanceof BotApiError) throw error;
    throw new BotApiError(400, ErrorText.urlContentFailed);
  }
}

function newBytes(
  bytes: Buffer,
  fileName: string | undefined,
  mimeType: string | undefined,
): ResolvedInputFile {
  if (bytes.length === 0) throw new BotApiError(400, ErrorText.fileEmpty);
  return { bytes, fileName, mimeType: guessMimeType(fileName, mimeType) };
}
