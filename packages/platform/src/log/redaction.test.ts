import { describe, expect, it } from 'vitest';
import { isSensitiveKey, redactSensitive } from './redaction.js';

describe('redactSensitive', () => {
  it('matches keys whatever their case or separators', () => {
    for (const key of ['phone', 'phoneNumber', 'phone_number', 'Phone-Number', 'BOT_TOKEN', 'authorization'])
      expect(isSensitiveKey(key)).toBe(true);
    for (const key of ['phones', 'ip_address', 'tokenExpiresAt', 'chatId'])
      expect(isSensitiveKey(key)).toBe(false);
  });

  it('returns a clean value as is and copies only the changed branches', () => {
    const clean = { a: { b: [1, 2] }, c: 'x' };
    expect(redactSensitive(clean)).toBe(clean);

    const shared = { id: 1 };
    const dirty = { shared, user: { email: 'e' } };
    const redacted = redactSensitive(dirty);
    expect(redacted).toEqual({ shared: { id: 1 }, user: { email: '[redacted]' } });
    expect(redacted.shared).toBe(shared);
    expect(dirty.user.email).toBe('e');
  });

  it('leaves primitives, dates and errors alone', () => {
    const date = new Date(0);
    expect(redactSensitive({ at: date }).at).toBe(date);
    expect(redactSensitive('phone')).toBe('phone');
    expect(redactSensitive(null)).toBeNull();
  });
});
