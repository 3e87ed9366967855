import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import multer from 'multer';
import { errorAnswer, type AnsweredCall, type BotApi } from '../methods/bot-api.js';
import { BotApiError, ErrorText } from '../methods/bot-api-error.js';
import { isDownloadable } from '../state/file-store.js';
import type { SandboxCore } from '../state/sandbox-core.js';
import { requestParams } from './request-params.js';

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024; // Telegram's limit for bots

/**
 * The Bot API over HTTP, as api.telegram.org serves it: `/bot<token>/<method>` with any
 * parameter encoding, and `/file/bot<token>/<file_path>` for downloads.
 */
export function botApiRouter(
  core: SandboxCore,
  api: BotApi,
  trackHold: (release: () => void) => () => void,
): Router {
  const router = express.Router();
  const uploads = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_UPLOAD_BYTES },
    defParamCharset: 'utf8',
  });

  router.all(
    '/bot:token/:method',
    express.json({ limit: MAX_UPLOAD_BYTES }),
    express.urlencoded({ extended: false, limit: MAX_UPLOAD_BYTES }),
    uploads.any(),
    async (request: Request<{ token: string; method: string }>, response) => {
      const bot = core.directory.botByToken(request.params.token);
      if (bot === undefined) {
        send(response, errorAnswer(new BotApiError(401, ErrorText.unauthorized)));
        return;
      }
      const clientGone = new AbortController();
      response.on('close', () => {
        if (!response.writableFinished) clientGone.abort();
      });
      const { params, uploads: files } = requestParams(request);
      const answer = await api.call({
        bot,
        method: request.params.method,
        params,
        uploads: files,
        clientGone: clientGone.signal,
      });
      if (answer.kind === 'answer') {
        if (!clientGone.signal.aborted) send(response, answer);
        return;
      }
      hold(response, answer.holdMs, trackHold);
    },
  );

  router.get(
    '/file/bot:token/*filePath',
    (request: Request<{ token: string; filePath: string[] }>, response) => {
      const bot = core.directory.botByToken(request.params.token);
      if (bot === undefined) {
        send(response, errorAnswer(new BotApiError(401, ErrorText.unauthorized)));
        return;
      }
      const file = core.files.byFilePath(bot.id, request.params.filePath.join('/'));
      // Telegram never gives a bot the path of a file over 20 MB, so there is nothing to fetch.
      if (file === undefined || !isDownloadable(file)) {
        send(response, errorAnswer(new BotApiError(404, ErrorText.notFound)));
        return;
      }
      response.status(200).type('application/octet-stream').send(file.bytes);
    },
  );

  router.use(bodyErrors);
  return router;
}

function send(response: Response, answer: AnsweredCall): void {
  response.status(answer.status).json(answer.body);
}

/** An injected timeout: never answer; close the connection after holdMs, if given. */
function hold(
  response: Response,
  holdMs: number | undefined,
  trackHold: (release: () => void) => () => void,
): void {
  const drop = (): void => {
    response.socket?.destroy();
  };
  const timer = holdMs === undefined ? undefined : setTimeout(drop, holdMs);
  const untrack = trackHold(drop);
  response.on('close', () => {
    clearTimeout(timer);
    untrack();
  });
}

/** A body Telegram could not read is answered the way Telegram answers it. */
const bodyErrors: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
  const { status, type } = error as { status?: unknown; type?: unknown };
  const [code, description] =
    error instanceof multer.MulterError
      ? [400, `Bad Request: ${error.code === 'LIMIT_FILE_SIZE' ? 'file is too big' : error.message}`]
      : status === 413
        ? [413, 'Request Entity Too Large']
        : type === 'entity.parse.failed'
          ? [400, ErrorText.cantParseJson]
          : [500, `Internal Server Error: ${error instanceof Error ? error.message : String(error)}`];
  response.status(code).json({ ok: false, error_code: code, description });
};
