// bot-gateway.store-file (issue 13, S1-03): a file a user sent, copied from Telegram (the sandbox)
// into object storage by its file_id; over 20 MB Telegram keeps it, and the caller is told why.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Caller, useTestEnv } from '@fieldgram/testkit';
import { LocalDirectoryStorage } from '@fieldgram/platform';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '@fieldgram/telegram-sandbox';
import type { BotGateway } from '../src/service.js';
import { gatewayEnvFor, startGateway } from './support/gateway-harness.js';

const env = useTestEnv('gw-store-file');
const MB = 1024 * 1024;
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let ann: SandboxUser;
let gateway: BotGateway;
let caller: Caller;
let storageDir: string;
let storage: LocalDirectoryStorage;

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'files_bot' });
  ann = sandbox.createUser({ firstName: 'Ann' });
  storageDir = await mkdtemp(path.join(tmpdir(), 'fg-gw-files-'));
  storage = new LocalDirectoryStorage(storageDir);
  gateway = await startGateway(
    gatewayEnvFor(env(), { TELEGRAM_API_ROOT: sandbox.apiRoot, TELEGRAM_BOT_TOKEN: bot.token }),
    { storage },
  );
  caller = await Caller.open(env(), { timeoutMs: 30_000 });
});
afterAll(async () => {
  await caller?.close();
  await gateway?.runtime.stop();
  await sandbox?.stop();
  await rm(storageDir, { recursive: true, force: true });
});

/** The file_id of a document Ann sends the bot. */
async function documentFileId(bytes: Buffer, fileName: string): Promise<string> {
  const sent = await ann.sendDocument(bot.token, { bytes, fileName, mimeType: 'application/pdf' });
  return sandbox.messages(bot.token, ann.id).find((m) => m.message_id === sent.messageId)!.document!.file_id;
}

describe('bot-gateway.store-file (S1-03)', () => {
  it('copies a photo and a scan into object storage under the given keys, byte for byte', async () => {
    const sent = await ann.sendPhoto(bot.token, {});
    const photo = sandbox.messages(bot.token, ann.id).find((m) => m.message_id === sent.messageId)!.photo!;
    const largest = photo.at(-1)!;
    const photoCopy = await caller.ask('bot-gateway.store-file', {
      fileId: largest.file_id,
      storageKey: 'claims/2026/CL-2026-000001/1-photo.jpg',
      contentType: 'image/jpeg',
    });
    expect(photoCopy).toEqual({
      storageKey: 'claims/2026/CL-2026-000001/1-photo.jpg',
      fileSize: sandbox.fileBytes(largest.file_id)!.length,
    });
    const storedPhoto = await storage.get('claims/2026/CL-2026-000001/1-photo.jpg');
    expect(storedPhoto?.contentType).toBe('image/jpeg');
    expect(storedPhoto?.bytes.equals(sandbox.fileBytes(largest.file_id)!)).toBe(true);

    const scan = Buffer.alloc(3 * MB, 5);
    const scanId = await documentFileId(scan, 'scan.pdf');
    await caller.ask('bot-gateway.store-file', { fileId: scanId, storageKey: 'claims/scan.pdf' });
    const storedScan = await storage.get('claims/scan.pdf');
    expect(storedScan?.contentType).toBe('application/octet-stream');
    expect(storedScan?.bytes.equals(scan)).toBe(true);
    // A repeat (the caller retrying after a crash) writes the same bytes again.
    await caller.ask('bot-gateway.store-file', { fileId: scanId, storageKey: 'claims/scan.pdf' });
    expect((await storage.get('claims/scan.pdf'))?.bytes.equals(scan)).toBe(true);
  });

  it('a 25 MB document: validation with reason too_big, nothing stored', async () => {
    const bigId = await documentFileId(Buffer.alloc(25 * MB, 1), 'big.pdf');
    const refusal = await caller.refusal('bot-gateway.store-file', {
      fileId: bigId,
      storageKey: 'claims/big.pdf',
    });
    expect(refusal.code).toBe('validation');
    expect(refusal.details).toMatchObject({ reason: 'too_big', field: 'fileId' });
    expect(await storage.get('claims/big.pdf')).toBeUndefined();
  });

  it('an unknown file_id is refused (reason refused); an unsafe key never reaches the disk', async () => {
    const unknown = await caller.refusal('bot-gateway.store-file', {
      fileId: 'no-such-file',
      storageKey: 'claims/unknown.jpg',
    });
    expect(unknown.code).toBe('validation');
    expect(unknown.details).toMatchObject({ reason: 'refused', telegram: 'Bad Request: invalid file_id' });
    const unsafe = await caller.refusal('bot-gateway.store-file', {
      fileId: 'whatever',
      storageKey: '../outside.jpg',
    });
    expect(unsafe.code).toBe('validation');
    expect(unsafe.details).toMatchObject({ field: 'storageKey' });
  });
});
