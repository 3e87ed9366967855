import { expect } from 'vitest';
import type { User } from '@fieldgram/contracts';
import type { ApiClient, ApiResponse } from './http.js';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; role: string; name: string };
}

export async function login(
  api: ApiClient,
  credentials: { login: string; password: string },
): Promise<Tokens> {
  const response = await api.post<Tokens>('/auth/login', credentials);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/** A person made through the API by `token`'s owner. */
export async function createUser(
  api: ApiClient,
  token: string,
  body: Record<string, unknown>,
): Promise<User> {
  const response = await api.post<User>('/users', body, { token });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** A manager with a REST login, signed in. */
export async function signedInManager(
  api: ApiClient,
  adminToken: string,
  loginName: string,
): Promise<{ user: User; tokens: Tokens; password: string }> {
  const password = `pw-of-${loginName}-123`;
  const user = await createUser(api, adminToken, {
    role: 'manager',
    name: `Manager ${loginName}`,
    login: loginName,
    password,
  });
  return { user, tokens: await login(api, { login: loginName, password }), password };
}

/** Asserts an RFC 9457 problem answer and returns it. */
export function expectProblem(
  response: ApiResponse,
  status: number,
  slug: string,
): {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: { field: string; message: string }[];
} {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ type: `urn:fieldgram:problem:${slug}`, status });
  expect(typeof response.body.detail).toBe('string');
  expect(typeof response.body.instance).toBe('string');
  return response.body as never;
}

export function decodeJwtPayload(token: string): Record<string, unknown> {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
