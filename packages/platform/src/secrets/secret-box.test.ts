import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  it('round-trips a secret and never stores it in the clear', () => {
    const box = new SecretBox(SecretBox.generateKey());
    const sealed = box.seal('123456:ABC-token');
    expect(sealed).not.toContain('ABC-token');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(box.open(sealed)).toBe('123456:ABC-token');
    expect(box.seal('same')).not.toBe(box.seal('same')); // a fresh IV each time
  });

  it('refuses another key, tampering and a bad key size', () => {
    const sealed = new SecretBox(SecretBox.generateKey()).seal('secret');
    expect(() => new SecretBox(SecretBox.generateKey()).open(sealed)).toThrow();
    const box = new SecretBox(SecretBox.generateKey());
    const parts = box.seal('secret').split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => new SecretBox(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
