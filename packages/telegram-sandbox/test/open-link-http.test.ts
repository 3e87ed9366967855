import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramSandbox, type OpenedLink, type SandboxBot, type TelegramMessage } from '../src/index.js';

// GET/POST /sandbox/open: sandbox.openLink over HTTP, for scripts and the web page.

let sandbox: TelegramSandbox;
let bot: SandboxBot;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'fieldgram_bot' });
});

afterAll(async () => {
  await sandbox.stop();
});

async function open<T = OpenedLink>(
  method: 'GET' | 'POST',
  fields: Record<string, string | number>,
): Promise<{ status: number; body: T }> {
  const query = new URLSearchParams(Object.entries(fields).map(([key, value]) => [key, String(value)]));
  const response =
    method === 'GET'
      ? await fetch(`${sandbox.apiRoot}/sandbox/open?${query.toString()}`)
      : await fetch(`${sandbox.apiRoot}/sandbox/open`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(fields),
        });
  return { status: response.status, body: (await response.json()) as T };
}

function chatTexts(chatId: number): (string | undefined)[] {
  return sandbox.messages(bot.token, chatId).map((message: TelegramMessage) => message.text);
}

describe('/sandbox/open (S0-02: the join link opened by a script)', () => {
  it('GET opens the link as a new user and answers what it opened', async () => {
    const { status, body } = await open('GET', { link: 'https://t.me/fieldgram_bot?start=i_abc' });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      botToken: bot.token,
      botUsername: 'fieldgram_bot',
      chatId: body.userId,
      payload: 'i_abc',
      userCreated: true,
    });
    expect(chatTexts(body.userId)).toEqual(['/start i_abc']);
  });

  it('GET with userId opens it as that user', async () => {
    const ann = sandbox.createUser({ firstName: 'Ann' });
    const { body } = await open('GET', {
      link: 'tg://resolve?domain=fieldgram_bot&start=l_1',
      userId: ann.id,
    });
    expect(body).toMatchObject({ userId: ann.id, payload: 'l_1', userCreated: false });
    expect(chatTexts(ann.id)).toEqual(['/start l_1']);
  });

  it('POST takes the same fields as JSON, with the new user’s name and language', async () => {
    const { status, body } = await open('POST', {
      link: 't.me/fieldgram_bot',
      firstName: 'Ivan',
      languageCode: 'ru',
    });
    expect(status).toBe(200);
    expect(body.payload).toBeNull();
    expect(sandbox.user(body.userId)).toMatchObject({ firstName: 'Ivan', languageCode: 'ru' });
    expect(chatTexts(body.userId)).toEqual(['/start']);
  });

  it('treats empty form fields as not given', async () => {
    const { status, body } = await open('GET', {
      link: 't.me/fieldgram_bot?start=y',
      userId: '',
      firstName: '',
    });
    expect(status).toBe(200);
    expect(body.userCreated).toBe(true);
  });

  it.each([
    ['GET', {}, 400, /^link: give the deep link to open/],
    ['POST', { link: '  ' }, 400, /^link: give the deep link to open/],
    ['GET', { link: 'https://example.com/fieldgram_bot' }, 400, /example\.com is not t\.me/],
    ['POST', { link: `t.me/fieldgram_bot?start=${'a'.repeat(65)}` }, 400, /at most 64 characters/],
    ['GET', { link: 't.me/fieldgram_bot?start=a b' }, 400, /start payload "a b" is refused/],
    ['GET', { link: 't.me/fieldgram_bot', userId: 'ann' }, 400, /^userId: /],
    ['POST', { link: 't.me/fieldgram_bot', userId: 424242 }, 404, /no user 424242/],
    [
      'GET',
      { link: 't.me/nobody_bot?start=x' },
      404,
      /no bot @nobody_bot in this sandbox; its bots: @fieldgram_bot/,
    ],
  ] as const)('%s %j answers %i { error }', async (method, fields, status, error) => {
    const usersBefore = sandbox.allUsers().length;
    const answer = await open<{ error: string }>(method, fields);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatch(error);
    expect(sandbox.allUsers()).toHaveLength(usersBefore);
  });
});
