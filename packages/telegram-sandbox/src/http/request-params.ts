import type { Request } from 'express';
import type { UploadedFile } from '../methods/method.js';

export interface RequestParams {
  params: Record<string, unknown>;
  uploads: Map<string, UploadedFile>;
}

/**
 * A Bot API call's parameters from wherever Telegram accepts them: the query string, a JSON or
 * urlencoded body, or multipart fields; the body wins over the query. A file part named like a
 * parameter (`photo`) stands for `attach://photo`, which is how the methods read uploads.
 */
export function requestParams(request: Request): RequestParams {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request.query)) {
    params[key] = Array.isArray(value) ? value.at(-1) : value;
  }
  const body: unknown = request.body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) Object.assign(params, body);

  const uploads = new Map<string, UploadedFile>();
  const files = Array.isArray(request.files) ? request.files : [];
  for (const file of files) {
    uploads.set(file.fieldname, {
      fieldName: file.fieldname,
      fileName: file.originalname,
      mimeType: file.mimetype,
      bytes: file.buffer,
    });
    params[file.fieldname] ??= `attach://${file.fieldname}`;
  }
  return { params, uploads };
}
