import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegraf } from 'telegraf';
import type { SandboxBot, TelegramResponse, TelegramSandbox } from '../../src/index.js';

export interface RawAnswer<T = unknown> {
  status: number;
  body: TelegramResponse<T>;
}

/** A Bot API call with plain fetch, for checking HTTP statuses and exact bodies. */
export async function callBotApi<T = unknown>(
  sandbox: TelegramSandbox,
  token: string,
  method: string,
  params?: Record<string, unknown>,
): Promise<RawAnswer<T>> {
  const response = await fetch(`${sandbox.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params ?? {}),
  });
  return { status: response.status, body: (await response.json()) as TelegramResponse<T> };
}

/** The result of a call that must succeed. */
export async function resultOf<T>(
  sandbox: TelegramSandbox,
  token: string,
  method: string,
  params?: Record<string, unknown>,
): Promise<T> {
  const { body } = await callBotApi<T>(sandbox, token, method, params);
  if (!body.ok) throw new Error(`${method} failed: ${body.error_code} ${body.description}`);
  return body.result;
}

/** telegraf pointed at the sandbox: the only change a real bot needs. */
export function telegrafFor(sandbox: TelegramSandbox, bot: SandboxBot): Telegraf {
  return new Telegraf(bot.token, { telegram: { apiRoot: sandbox.apiRoot } });
}

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

/** A throwaway HTTP server on 127.0.0.1 (webhook targets, files to fetch by URL). */
export async function startLocalServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<LocalServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}
