import { createHash, randomBytes } from 'node:crypto';

/** Telegram's deep-link parameter: up to 64 of A-Z a-z 0-9 _ - (base64url fits exactly). */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,62}$/;
const TOKEN_BYTES = 24; // 192 bits → 32 characters of base64url

export const INVITE_PREFIX = 'i_';
export const LINK_PREFIX = 'l_';

export type TokenKind = 'invite' | 'link';

/** What a `/start` payload asks for; anything unrecognised is a plain start. */
export type StartRequest = { kind: TokenKind; token: string } | { kind: 'plain' };

/** A fresh random token for an invite or a link (URL- and deep-link-safe). */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Link tokens are stored only as this hash: a copy of the database cannot take over accounts. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export function startPayload(kind: TokenKind, token: string): string {
  return `${kind === 'invite' ? INVITE_PREFIX : LINK_PREFIX}${token}`;
}

export function parseStartPayload(payload: string | undefined): StartRequest {
  const text = payload?.trim() ?? '';
  for (const [prefix, kind] of [
    [INVITE_PREFIX, 'invite'],
    [LINK_PREFIX, 'link'],
  ] as const) {
    if (text.startsWith(prefix) && isTokenShaped(text.slice(prefix.length)))
      return { kind, token: text.slice(prefix.length) };
  }
  return { kind: 'plain' };
}

/**
 * Where a token someone hands back (describe-token) may be: given bare, or as its `i_`/`l_`
 * payload. A bare token may itself begin with `i_`, so both readings are candidates, payload first.
 */
export function tokenCandidates(text: string): { kind: TokenKind; token: string }[] {
  const trimmed = text.trim();
  const candidates: { kind: TokenKind; token: string }[] = [];
  const asPayload = parseStartPayload(trimmed);
  if (asPayload.kind !== 'plain') candidates.push(asPayload);
  if (isTokenShaped(trimmed))
    candidates.push({ kind: 'invite', token: trimmed }, { kind: 'link', token: trimmed });
  return candidates;
}

/** `https://t.me/<bot>?start=<payload>` */
export function deepLink(botUsername: string, payload: string): string {
  return `https://t.me/${encodeURIComponent(botUsername.replace(/^@/, ''))}?start=${payload}`;
}
