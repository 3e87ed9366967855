import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { DataInput, Messages, RequestType, ResultOf, Role } from '@fieldgram/contracts';
import type { Caller, GatewayContext } from './context.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route. Finer rules (e.g. "managers: clients only") live in the handler and `rule`. */
export type Access =
  | { public: true }
  | {
      roles: readonly Role[];
      /** The finer rule the handler enforces, for people (OpenAPI description, README). */
      rule?: string;
      /** Also accepts a single-use `?ticket=` instead of the Authorization header (SSE in browsers). */
      ticket?: boolean;
    };

export interface JsonResponse<S extends z.ZodType = z.ZodType> {
  kind: 'json';
  status: 200 | 201;
  schema: S;
  description: string;
}
export interface PngResponse {
  kind: 'png';
  description: string;
}
export interface SseResponse {
  kind: 'sse';
  description: string;
}
export interface EmptyResponse {
  kind: 'empty';
  description: string;
}
/** JSON by default, or a CSV (or PDF) download when the handler answers with one (`?format=csv`). */
export interface TableResponse<S extends z.ZodType = z.ZodType> {
  kind: 'table';
  schema: S;
  description: string;
  /** The handler may also answer a PDF (`?format=pdf`): documented as such. */
  pdf?: boolean;
}
/** A PDF document (bytes), shown in the browser or downloaded. */
export interface PdfResponse {
  kind: 'pdf';
  description: string;
}
/** A stored file of any type (a claim's photo or scan), as it was kept. */
export interface FileResponse {
  kind: 'file';
  description: string;
}
export type ResponseSpec =
  JsonResponse | PngResponse | SseResponse | EmptyResponse | TableResponse | PdfResponse | FileResponse;

export const json = <S extends z.ZodType>(
  schema: S,
  description: string,
  status: 200 | 201 = 200,
): JsonResponse<S> => ({ kind: 'json', status, schema, description });
export const png = (description: string): PngResponse => ({ kind: 'png', description });
export const sse = (description: string): SseResponse => ({ kind: 'sse', description });
export const noContent = (description: string): EmptyResponse => ({ kind: 'empty', description });
export const table = <S extends z.ZodType>(
  schema: S,
  description: string,
  options: { pdf?: boolean } = {},
): TableResponse<S> => ({
  kind: 'table',
  schema,
  description,
  ...(options.pdf ? { pdf: true } : {}),
});
export const pdf = (description: string): PdfResponse => ({ kind: 'pdf', description });
export const file = (description: string): FileResponse => ({ kind: 'file', description });

/** A CSV file to download: the text without BOM (the pipeline adds it) and the file's name. */
export interface CsvDownload {
  csv: string;
  filename: string;
}

/** A PDF document: its bytes, its file name, and whether browsers show it (inline) or save it. */
export interface PdfDownload {
  pdf: Buffer;
  filename: string;
  disposition: 'inline' | 'attachment';
}

/** A stored file: its bytes, its type, its name, and whether browsers show it or save it. */
export interface FileDownload {
  bytes: Buffer;
  contentType: string;
  filename: string;
  disposition: 'inline' | 'attachment';
}

/** What a handler returns: the body before the response schema shapes it, PNG bytes, or nothing. */
export type HandlerResult<R extends ResponseSpec> =
  R extends JsonResponse<infer S>
    ? z.input<S>
    : R extends TableResponse<infer S>
      ? { json: z.input<S> } | CsvDownload | PdfDownload
      : R extends PngResponse
        ? Buffer
        : R extends PdfResponse
          ? PdfDownload
          : R extends FileResponse
            ? FileDownload
            : void;

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The authenticated caller; throws on a public route. */
  caller(): Caller;
  /** Request/reply as the caller, with the route's timeout. */
  call<T extends RequestType<Messages>>(
    type: T,
    data: DataInput<Messages, T>,
  ): Promise<ResultOf<Messages, T>>;
  gateway: GatewayContext;
  request: Request;
  /** Only for routes that write their own response (SSE). */
  response: Response;
}

/** One REST route, as data: validation, access, documentation and behaviour in one place. */
export interface RouteDef<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends ResponseSpec,
> {
  /** The OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** Under /api/v1, Express style: `/users/:id`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Statuses this route may answer besides the ones every route of its kind may (documented). */
  errors?: readonly number[];
  /** Per-request timeout for the services it calls, when the default is too short. */
  rpcTimeoutMs?: number;
  // Method syntax on purpose: routes with specific schemas fit the registry's wider type.
  handler(context: RouteContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<HandlerResult<R>>;
}

export type AnyRoute = RouteDef<z.ZodType, z.ZodType, z.ZodType, ResponseSpec>;

type NoSchema = z.ZodUndefined;

export function defineRoute<
  R extends ResponseSpec,
  P extends z.ZodType = NoSchema,
  Q extends z.ZodType = NoSchema,
  B extends z.ZodType = NoSchema,
>(route: RouteDef<P, Q, B, R>): AnyRoute {
  return route;
}

/** `/users/:id` → `/users/{id}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function allowedRoles(access: Access): readonly Role[] | 'public' {
  return 'public' in access ? 'public' : access.roles;
}
