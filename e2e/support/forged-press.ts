import amqplib from 'amqplib';
import { createEnvelope } from '@fieldgram/contracts';
import type { SandboxUser } from '@fieldgram/telegram-sandbox';
import { waitFor } from '@fieldgram/testkit';

let forgedSeq = 0;

/**
 * A button press with data the bot never gave this person (another person's waybill, task or
 * claim), put straight onto the bus as bot-gateway would, and the `tg.out` answers it drew:
 * returns the callback answer's text once it comes. Nothing the press names may change or show.
 */
export async function forgePress(
  amqpUrl: string,
  user: SandboxUser,
  data: string,
): Promise<{ answer: string; sent: { method: string; params: Record<string, unknown> }[] }> {
  const callbackQueryId = `forged-${process.pid}-${++forgedSeq}`;
  const connection = await amqplib.connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, 'fg.tg', 'tg.out');
    const sent: { method: string; params: Record<string, unknown>; chatId: number }[] = [];
    await channel.consume(
      queue,
      (m) => m && sent.push((JSON.parse(m.content.toString()) as { data: (typeof sent)[number] }).data),
      { noAck: true },
    );
    const forged = createEnvelope({
      type: 'tg.in.callback',
      source: 'bot-gateway',
      partitionKey: `chat:${user.id}`,
      data: {
        updateId: 9_000_000 + forgedSeq,
        chat: { id: user.id, type: 'private' },
        from: {
          id: user.id,
          isBot: false,
          firstName: user.firstName,
          languageCode: user.languageCode ?? 'en',
        },
        date: Math.floor(Date.now() / 1000),
        callbackQueryId,
        data,
      },
    });
    const confirm = await connection.createConfirmChannel();
    confirm.publish('fg.tg', 'tg.in.callback', Buffer.from(JSON.stringify(forged)), {
      persistent: true,
      messageId: forged.id,
      type: forged.type,
    });
    await confirm.waitForConfirms();
    const answer = await waitFor(
      () =>
        sent.find(
          (a) => a.method === 'answerCallbackQuery' && a.params.callback_query_id === callbackQueryId,
        ),
      { message: `the answer to the forged press ${data}` },
    );
    // Whatever else the press drew for this chat arrives with or before its answer.
    const text = answer.params.text;
    return { answer: typeof text === 'string' ? text : '', sent: sent.filter((s) => s.chatId === user.id) };
  } finally {
    await connection.close();
  }
}
