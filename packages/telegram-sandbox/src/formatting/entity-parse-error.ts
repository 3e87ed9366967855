/** Telegram's "can't parse entities" failure; the message is the part after that prefix. */
export class EntityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntityParseError';
  }
}

/** Telegram reports positions as UTF-8 byte offsets into the text the bot sent. */
export function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}
