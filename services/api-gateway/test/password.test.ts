// Changing one's own password (issue 11: "sign in admin/admin (change it)" needs a way to change it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestEnv } from '@fieldgram/testkit';
import { startApiStack, type ApiStack } from './support/api-stack.js';
import { apiClient, type ApiClient } from './support/http.js';
import { expectProblem, login, signedInManager, type Tokens } from './support/fixtures.js';
import { ADMIN } from './support/api-stack.js';

const env = useTestEnv('api-password');
let stack: ApiStack;
let api: ApiClient;

beforeAll(async () => {
  stack = await startApiStack(env(), { LOGIN_MAX_FAILURES: '3' });
  api = apiClient(stack.baseUrl);
});
afterAll(async () => {
  await stack?.stop();
});

describe('POST /auth/password', () => {
  it('changes the password, ends every other session and signs this one in again', async () => {
    const admin = await login(api, ADMIN);
    const manager = await signedInManager(api, admin.accessToken, 'pw-manager');
    const otherSession = await login(api, { login: 'pw-manager', password: manager.password });

    const changed = await api.post<Tokens>(
      '/auth/password',
      { currentPassword: manager.password, newPassword: 'a brand new passphrase' },
      { token: manager.tokens.accessToken },
    );
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.user).toMatchObject({ id: manager.user.id, role: 'manager' });

    // The old password is gone, the new one signs in.
    expectProblem(
      await api.post('/auth/login', { login: 'pw-manager', password: manager.password }),
      401,
      'unauthorized',
    );
    await login(api, { login: 'pw-manager', password: 'a brand new passphrase' });
    // Sessions from before the change are over; the fresh pair works.
    expectProblem(
      await api.post('/auth/refresh', { refreshToken: otherSession.refreshToken }),
      401,
      'unauthorized',
    );
    expectProblem(
      await api.post('/auth/refresh', { refreshToken: manager.tokens.refreshToken }),
      401,
      'unauthorized',
    );
    expect((await api.post('/auth/refresh', { refreshToken: changed.body.refreshToken })).status).toBe(200);
    // The admin's session was not touched.
    expect((await api.post('/auth/refresh', { refreshToken: admin.refreshToken })).status).toBe(200);
  });

  it('names the wrong current password, refuses a reused or short one, and limits guessing', async () => {
    const admin = await login(api, ADMIN);
    const manager = await signedInManager(api, admin.accessToken, 'pw-guesser');
    const token = manager.tokens.accessToken;
    const wrong = expectProblem(
      await api.post(
        '/auth/password',
        { currentPassword: 'not it', newPassword: 'another long one' },
        { token },
      ),
      400,
      'validation',
    );
    expect(wrong.errors).toEqual([
      { field: 'body.currentPassword', message: 'the current password is wrong' },
    ]);
    const same = expectProblem(
      await api.post(
        '/auth/password',
        { currentPassword: manager.password, newPassword: manager.password },
        { token },
      ),
      400,
      'validation',
    );
    expect(same.errors?.[0]?.field).toBe('body.newPassword');
    const short = expectProblem(
      await api.post(
        '/auth/password',
        { currentPassword: manager.password, newPassword: 'short' },
        { token },
      ),
      400,
      'validation',
    );
    expect(short.errors?.[0]).toMatchObject({ field: 'body.newPassword' });
    // Three wrong guesses (LOGIN_MAX_FAILURES=3) lock the change, even with the right password.
    for (let i = 0; i < 2; i++)
      await api.post(
        '/auth/password',
        { currentPassword: `guess ${i}`, newPassword: 'another long one' },
        { token },
      );
    const locked = await api.post(
      '/auth/password',
      { currentPassword: manager.password, newPassword: 'another long one' },
      { token },
    );
    expectProblem(locked, 429, 'rate-limited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('is refused without a token', async () => {
    expectProblem(
      await api.post('/auth/password', { currentPassword: 'a', newPassword: 'abcdefghij' }),
      401,
      'unauthorized',
    );
  });
});
