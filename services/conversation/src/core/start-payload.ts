/** The longest deep-link payload Telegram passes (and identity accepts). */
export const START_PAYLOAD_MAX = 64;

/**
 * What `/start <payload>` carries for identity: the payload as is (an invite or link token),
 * nothing for a plain /start, or `malformed` when it cannot be a token (too long; typed by hand).
 */
export function readStartPayload(raw: string): { payload?: string; malformed: boolean } {
  const payload = raw.trim();
  if (payload === '') return { malformed: false };
  if (payload.length > START_PAYLOAD_MAX) return { malformed: true };
  return { payload, malformed: false };
}
