import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { TelegramSandbox } from '../sandbox.js';
import { DeepLinkError, type DeepLinkProblem } from '../user/deep-link.js';
import { UserApiError } from './user-api-error.js';

const MISSING_LINK = 'give the deep link to open, e.g. https://t.me/<bot>?start=<payload>';
// A form or query string sends an empty field for "not given".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const openLinkInput = z.object({
  link: z.string({ error: MISSING_LINK }).trim().min(1, MISSING_LINK),
  userId: optional(z.coerce.number().int().positive()),
  firstName: optional(z.string()),
  languageCode: optional(z.string()),
});

const STATUS: Record<DeepLinkProblem, number> = {
  not_a_bot_link: 400,
  bad_payload: 400,
  conflicting_options: 400,
  unknown_bot: 404,
  unknown_user: 404,
  ambiguous_bot: 409,
};

/**
 * `GET /sandbox/open?link=…&userId=…` (for scripts and the page's `?link=`) and `POST` with the
 * same fields as JSON: `sandbox.openLink`, answered with what it opened.
 */
export function openLinkRoute(sandbox: TelegramSandbox): RequestHandler {
  return async (request, response) => {
    const input: unknown = request.method === 'GET' ? request.query : (request.body ?? {});
    const { link, ...options } = openLinkInput.parse(input);
    try {
      response.json(await sandbox.openLink(link, options));
    } catch (error) {
      if (error instanceof DeepLinkError) throw new UserApiError(STATUS[error.problem], error.message);
      throw error;
    }
  };
}
