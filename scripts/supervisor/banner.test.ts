import { describe, expect, it } from 'vitest';
import { readyLine } from './banner.js';

describe('the ready line (issue 11)', () => {
  it('names the sandbox, the API and the default sign-in', () => {
    expect(
      readyLine({
        sandboxUrl: 'http://127.0.0.1:8081/',
        apiUrl: 'http://127.0.0.1:8080/api/v1',
        admin: { kind: 'default' },
      }),
    ).toBe(
      'fieldgram is ready: bot sandbox http://127.0.0.1:8081/ · API http://127.0.0.1:8080/api/v1 · sign in admin/admin (change it)',
    );
  });

  it('with a real bot and a given admin', () => {
    expect(
      readyLine({ sandboxUrl: null, apiUrl: 'http://h/api/v1', admin: { kind: 'login', login: 'ops' } }),
    ).toBe('fieldgram is ready: bot on Telegram · API http://h/api/v1 · sign in as ops');
    expect(readyLine({ sandboxUrl: null, apiUrl: 'http://h/api/v1', admin: { kind: 'unknown' } })).toContain(
      'sign in with your admin login',
    );
  });
});
