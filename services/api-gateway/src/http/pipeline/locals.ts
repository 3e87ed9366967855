import type { Response } from 'express';
import type { Caller } from '../context.js';
import type { AnyRoute } from '../route.js';

/** What the pipeline learns about a request as it goes, for the access log and the problem answer. */
export interface Locals {
  requestId: string;
  route?: AnyRoute;
  caller?: Caller;
}

export const locals = (response: Response): Locals => response.locals as Locals;
