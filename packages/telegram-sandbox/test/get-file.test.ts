import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramSandbox, type SandboxBot, type SandboxUser, type TelegramFile } from '../src/index.js';
import { callBotApi, resultOf } from './support/bot-api-client.js';

// Downloading what users sent, as Telegram serves it: getFile gives a file_path, the file comes
// from /file/bot<token>/<file_path>, and nothing over the 20 MB bots may download (S1-03: a
// claim's photos and scans are copied this way).

const MB = 1024 * 1024;

let sandbox: TelegramSandbox;
let bot: SandboxBot;
let ann: SandboxUser;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot();
  ann = sandbox.createUser({ firstName: 'Ann' });
});

afterAll(async () => {
  await sandbox.stop();
});

/** The document of the user's message, as the bot received it. */
async function sentDocument(bytes: Buffer, fileName: string) {
  const sent = await ann.sendDocument(bot.token, { bytes, fileName, mimeType: 'application/pdf' });
  const message = sandbox.messages(bot.token, ann.id).find((m) => m.message_id === sent.messageId);
  return message!.document!;
}

const download = (filePath: string, token = bot.token) =>
  fetch(`${sandbox.apiRoot}/file/bot${token}/${filePath}`);

describe('getFile and the file URL (S1-03)', () => {
  it('a document up to 20 MB: its path, size and exact bytes', async () => {
    const bytes = Buffer.alloc(20 * MB, 7);
    bytes.write('%PDF-1.7', 0);
    const document = await sentDocument(bytes, 'scan.pdf');
    const file = await resultOf<TelegramFile>(sandbox, bot.token, 'getFile', { file_id: document.file_id });
    expect(file).toEqual({
      file_id: document.file_id,
      file_unique_id: document.file_unique_id,
      file_size: 20 * MB,
      file_path: expect.stringMatching(/^documents\/file_\d+\.pdf$/) as string,
    });
    const answer = await download(file.file_path!);
    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('a photo: every size downloads', async () => {
    const sent = await ann.sendPhoto(bot.token, {});
    const sizes = sandbox.messages(bot.token, ann.id).find((m) => m.message_id === sent.messageId)!.photo!;
    for (const size of sizes) {
      const file = await resultOf<TelegramFile>(sandbox, bot.token, 'getFile', { file_id: size.file_id });
      expect(file.file_path).toMatch(/^photos\/file_\d+\.jpg$/);
      expect((await download(file.file_path!)).status).toBe(200);
    }
  });

  it('a document over 20 MB: 400 "file is too big", and its path serves nothing', async () => {
    // The sandbox numbers files in order: the big one's path is the next after a small one's.
    const before = await sentDocument(Buffer.from('%PDF-1.7 small'), 'before.pdf');
    const { file_path: beforePath } = await resultOf<TelegramFile>(sandbox, bot.token, 'getFile', {
      file_id: before.file_id,
    });
    const document = await sentDocument(Buffer.alloc(25 * MB, 1), 'big-scan.pdf');
    expect(document.file_size).toBe(25 * MB);
    expect(await callBotApi(sandbox, bot.token, 'getFile', { file_id: document.file_id })).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: file is too big' },
    });
    const next = Number(/file_(\d+)\.pdf$/.exec(beforePath!)![1]) + 1;
    expect((await download(`documents/file_${next}.pdf`)).status).toBe(404);
    expect(sandbox.fileBytes(document.file_id)?.length).toBe(25 * MB);
  });

  it("another bot's token gets neither the file nor its path", async () => {
    const document = await sentDocument(Buffer.from('%PDF-1.7 small'), 'small.pdf');
    const file = await resultOf<TelegramFile>(sandbox, bot.token, 'getFile', { file_id: document.file_id });
    const other = sandbox.createBot();
    expect((await callBotApi(sandbox, other.token, 'getFile', { file_id: document.file_id })).status).toBe(
      400,
    );
    expect((await download(file.file_path!, other.token)).status).toBe(404);
  });
});
