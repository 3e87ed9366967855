import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { UpdateIntake } from './update-intake.js';

export const WEBHOOK_PATH = '/telegram/webhook';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * Telegram's webhook: a request without the right secret gets 401 and nothing is published;
 * 200 goes back only once the update was handed on (published and confirmed, or stored), so
 * Telegram retries whatever we could not take.
 */
export function webhookRouter(options: {
  secret: () => string | undefined;
  botId: () => number | undefined;
  intake: UpdateIntake;
  logger: Logger;
}): Router {
  const router = express.Router();
  router.post(WEBHOOK_PATH, (request, response, next) => {
    const secret = options.secret();
    if (!secret || !sameSecret(request.header(SECRET_HEADER), secret)) {
      response.status(401).json({ ok: false, description: 'Unauthorized' });
      return;
    }
    next();
  });
  router.post(WEBHOOK_PATH, express.json({ limit: '1mb' }), async (request, response) => {
    const botId = options.botId();
    if (botId === undefined) {
      response.status(503).json({ ok: false, description: 'no bot configured' });
      return;
    }
    try {
      await options.intake.accept(botId, request.body);
      response.status(200).json({ ok: true });
    } catch (error) {
      options.logger.error({ err: error }, 'update not taken; Telegram will retry it');
      response.status(500).json({ ok: false, description: 'try again' });
    }
  });
  // A body that is not JSON or is over the limit: the parser's 4xx (400, 413), not the ops server's 500.
  router.use(WEBHOOK_PATH, (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status !== 'number' || status < 400 || status >= 500 || response.headersSent) {
      next(error);
      return;
    }
    response.status(status).json({ ok: false, description: 'Bad Request: unreadable update' });
  });
  return router;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
