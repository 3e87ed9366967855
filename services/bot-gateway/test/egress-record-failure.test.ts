// A Bot API call that succeeded is never made again because recording it failed (the database
// restarting): found by the chaos test, where a PostgreSQL restart sent an offer twice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sleep, useTestEnv, waitFor, withPg } from '@fieldgram/testkit';
import { TelegramSandbox, type SandboxBot, type SandboxUser } from '@fieldgram/telegram-sandbox';
import type { BotGateway } from '../src/service.js';
import { commandSender, gatewayEnvFor, startGateway } from './support/gateway-harness.js';

const env = useTestEnv('gw-egress-record');
let sandbox: TelegramSandbox;
let bot: SandboxBot;
let sender: Awaited<ReturnType<typeof commandSender>>;
let gateway: BotGateway | undefined;

/** While on, every insert into processed_commands fails, as if the database were unavailable. */
async function refuseRecording(on: boolean): Promise<void> {
  await withPg(env().databaseUrl, async (db) => {
    await db.query(
      on ? 'insert into bot_gateway.test_refuse values (1)' : 'delete from bot_gateway.test_refuse',
    );
  });
}

async function processed(key: string): Promise<number> {
  return withPg(env().databaseUrl, async (db) => {
    const rows = await db.query('select 1 from bot_gateway.processed_commands where idempotency_key = $1', [
      key,
    ]);
    return rows.rowCount ?? 0;
  });
}

function messagesTo(user: SandboxUser): string[] {
  return sandbox
    .chatLog(bot.token, user.id)
    .filter((event) => event.kind === 'message')
    .map((event) => event.message?.text ?? '');
}

beforeAll(async () => {
  sandbox = await TelegramSandbox.start({ limits: 'off' });
  bot = sandbox.createBot({ username: 'record_bot' });
  sender = await commandSender(env());
  // Migrate the schema once, then arm a trigger the tests switch on and off.
  const first = await startGateway(
    gatewayEnvFor(env(), { TELEGRAM_API_ROOT: sandbox.apiRoot, TELEGRAM_BOT_TOKEN: bot.token }),
  );
  await first.runtime.stop();
  await withPg(env().databaseUrl, async (db) => {
    await db.query('create table bot_gateway.test_refuse (on_ int)');
    await db.query(`create function bot_gateway.test_refuse() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from bot_gateway.test_refuse) then raise exception 'recording refused (test)'; end if;
        return new;
      end $$`);
    await db.query(`create trigger test_refuse before insert on bot_gateway.processed_commands
      for each row execute function bot_gateway.test_refuse()`);
  });
});
afterEach(async () => {
  await gateway?.runtime.stop();
  gateway = undefined;
  await refuseRecording(false);
});
afterAll(async () => {
  await sender?.close();
  await sandbox?.stop();
});

describe('a sent command whose record fails', () => {
  it('is recorded by retrying in place, not sent again', async () => {
    gateway = await startGateway(
      gatewayEnvFor(env(), { TELEGRAM_API_ROOT: sandbox.apiRoot, TELEGRAM_BOT_TOKEN: bot.token }),
    );
    const ann = sandbox.createUser({ firstName: 'Ann' });
    await refuseRecording(true);
    await sender.send({
      idempotencyKey: 'rec:ann',
      chatId: ann.id,
      method: 'sendMessage',
      params: { text: 'once' },
    });
    await waitFor(() => messagesTo(ann).length > 0, { message: 'the message sent' });
    await sleep(600); // a few failed tries to record it
    await refuseRecording(false);
    await waitFor(async () => (await processed('rec:ann')) === 1, { message: 'the command recorded' });
    await sleep(1_500); // a bus retry (1 s) would have sent it again by now
    expect(messagesTo(ann)).toEqual(['once']);
  });

  it('past the in-place tries, the redelivery records it without sending it again', async () => {
    gateway = await startGateway(
      gatewayEnvFor(env(), { TELEGRAM_API_ROOT: sandbox.apiRoot, TELEGRAM_BOT_TOKEN: bot.token }),
      { tgOut: { recordRetryDelaysMs: [] } },
    );
    const bob = sandbox.createUser({ firstName: 'Bob' });
    await refuseRecording(true);
    await sender.send({
      idempotencyKey: 'rec:bob',
      chatId: bob.id,
      method: 'sendMessage',
      params: { text: 'once' },
    });
    await waitFor(() => messagesTo(bob).length > 0, { message: 'the message sent' });
    await sleep(300);
    await refuseRecording(false);
    // The handler failed; the bus redelivers the command after its first retry delay (1 s).
    await waitFor(async () => (await processed('rec:bob')) === 1, {
      message: 'the command recorded on its redelivery',
      timeoutMs: 15_000,
    });
    await sleep(500);
    expect(messagesTo(bob)).toEqual(['once']);
  });
});
