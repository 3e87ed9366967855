import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EX_CONFIG, exitOnConfigError } from './exit-on-config-error.js';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/load-platform-config.ts', import.meta.url));

function runFixture(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', fixture], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('exitOnConfigError', () => {
  it('passes the result through', async () => {
    await expect(exitOnConfigError(() => 42)).resolves.toBe(42);
  });

  it('rethrows errors that are not about configuration', async () => {
    await expect(
      exitOnConfigError(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });

  it('prints the problems and exits with EX_CONFIG (78)', () => {
    const result = runFixture({ HTTP_PORT: 'abc', AMQP_URL: 'amqp://app:hunter2@' });
    expect(result.status).toBe(EX_CONFIG);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Invalid configuration:\n' +
        '  - AMQP_URL: expected a URL starting with amqp:// or amqps://, got "amqp://***@"\n' +
        '  - HTTP_PORT: expected an integer 0-65535, got "abc"\n',
    );
  });

  it('lets a valid configuration through', () => {
    const result = runFixture({ HTTP_PORT: '8080' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ HTTP_PORT: 8080, LOG_LEVEL: 'info' });
  });
});
