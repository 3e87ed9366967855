import { z } from 'zod';
import type { ErrorRequestHandler } from 'express';

/** A test API failure with its HTTP status; anything else thrown is a 400. */
export class UserApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const userApiErrors: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
  if (error instanceof z.ZodError) {
    response
      .status(400)
      .json({ error: error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
    return;
  }
  const status = error instanceof UserApiError ? error.status : 400;
  response.status(status).json({ error: error instanceof Error ? error.message : String(error) });
};
