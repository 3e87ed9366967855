const MIME_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/**
 * The MIME type Telegram would report: by the file name's extension when known (multipart
 * clients often send no or a default part type), else the declared type unless generic.
 */
export function guessMimeType(
  fileName: string | undefined,
  declared: string | undefined,
): string | undefined {
  const extension = fileName?.includes('.') ? fileName.split('.').pop()?.toLowerCase() : undefined;
  const byExtension = extension === undefined ? undefined : MIME_BY_EXTENSION[extension];
  if (byExtension !== undefined) return byExtension;
  return declared === '' || declared === 'application/octet-stream' ? undefined : declared;
}

export function extensionFor(mimeType: string | undefined, fallback: string): string {
  const found = Object.entries(MIME_BY_EXTENSION).find(([, mime]) => mime === mimeType);
  return found?.[0] ?? fallback;
}
