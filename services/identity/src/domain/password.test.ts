import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password.js';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 } as const;

describe('passwords', () => {
  it('are hashed with scrypt, a random salt and the parameters in the stored string', async () => {
    const [first, second] = await Promise.all([hashPassword('correct horse'), hashPassword('correct horse')]);
    expect(first).toMatch(/^scrypt\$16384\$8\$5\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
  });

  it('verify only the right password', async () => {
    const stored = await hashPassword('correct horse', CHEAP);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('still verify hashes made with other parameters, and flag them for a rehash', async () => {
    const old = await hashPassword('correct horse', CHEAP);
    expect(old.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('x'))).toBe(false);
  });

  it('never match a malformed stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$a$b$c$d$e', 'bcrypt$1$2$3$4$5', 'scrypt$1024$8$1$$'])
      expect(await verifyPassword('x', stored)).toBe(false);
  });
});
