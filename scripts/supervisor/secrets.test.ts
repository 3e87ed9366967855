import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDevSecret, missingProductionSecrets } from './secrets.js';

describe('the secrets npm start makes or demands (issue 11)', () => {
  it('demands JWT_SECRET and SECRETS_KEY in production only (an empty value counts as missing)', () => {
    expect(missingProductionSecrets({ NODE_ENV: 'development' })).toEqual([]);
    expect(
      missingProductionSecrets({ NODE_ENV: 'production', JWT_SECRET: '' }).map((i) => i.variable),
    ).toEqual(['SECRETS_KEY', 'JWT_SECRET']);
    expect(missingProductionSecrets({ NODE_ENV: 'production', JWT_SECRET: 'x', SECRETS_KEY: 'y' })).toEqual(
      [],
    );
  });

  it('makes a development secret once and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fg-secrets-'));
    try {
      const first: NodeJS.ProcessEnv = {};
      ensureDevSecret('JWT_SECRET', dir, first);
      const second: NodeJS.ProcessEnv = {};
      ensureDevSecret('JWT_SECRET', dir, second);
      expect(first.JWT_SECRET).toHaveLength(44);
      expect(second.JWT_SECRET).toBe(first.JWT_SECRET);
      expect(readFileSync(path.join(dir, 'jwt_secret'), 'utf8')).toBe(first.JWT_SECRET);
      const given: NodeJS.ProcessEnv = { JWT_SECRET: 'given' };
      ensureDevSecret('JWT_SECRET', dir, given);
      expect(given.JWT_SECRET).toBe('given');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
