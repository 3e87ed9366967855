import { describe, expect, it } from 'vitest';
import {
  deepLink,
  hashToken,
  isTokenShaped,
  newToken,
  parseStartPayload,
  startPayload,
  tokenCandidates,
} from './tokens.js';

describe('tokens', () => {
  it('are random, URL-safe and fit a deep link with their prefix', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newToken()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(startPayload('invite', token).length).toBeLessThanOrEqual(64);
    }
  });

  it('are stored as a hash that does not contain them', () => {
    const token = newToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token);
  });

  it('parses /start payloads: invite, link, or a plain start', () => {
    const token = newToken();
    expect(parseStartPayload(`i_${token}`)).toEqual({ kind: 'invite', token });
    expect(parseStartPayload(`l_${token}`)).toEqual({ kind: 'link', token });
    for (const payload of [undefined, '', 'hello', 'i_', 'l_short', `x_${token}`, `i_${token}!`])
      expect(parseStartPayload(payload)).toEqual({ kind: 'plain' });
  });

  it('describes a bare token or its payload; a bare token starting with i_ is tried both ways', () => {
    const token = newToken();
    expect(tokenCandidates(`l_${token}`)[0]).toEqual({ kind: 'link', token });
    expect(tokenCandidates(token)).toEqual([
      { kind: 'invite', token },
      { kind: 'link', token },
    ]);
    const odd = `i_${token.slice(2)}`;
    expect(tokenCandidates(odd)).toEqual([
      { kind: 'invite', token: token.slice(2) },
      { kind: 'invite', token: odd },
      { kind: 'link', token: odd },
    ]);
    expect(tokenCandidates('no such thing!')).toEqual([]);
    expect(isTokenShaped('abc')).toBe(false);
  });

  it('builds t.me deep links', () => {
    expect(deepLink('@fieldgram_bot', 'i_abc')).toBe('https://t.me/fieldgram_bot?start=i_abc');
  });
});
