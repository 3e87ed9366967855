import { textOf } from '@fieldgram/telegram-sandbox';
import { newWaybill } from '../../e2e/support/logistics-stories.js';
import type { ActionCount, Demo } from './demo-context.js';
import type { LogisticsPeople } from './manager-and-client.js';
import { print, printFeed } from './transcript.js';

/** S1-02: the client makes a waybill through the bot and gets its PDF; the manager is pushed. */
export async function playWaybill(
  demo: Demo,
  { client, manager }: LogisticsPeople,
): Promise<{ number: string; count: ActionCount }> {
  const { say, cast, lang } = demo;
  print(say.waybillHeading);
  const shown = demo.feed.items.length;
  const before = client.actions;
  const { number } = await newWaybill(client, cast.waybill, { lang });
  const actions = client.actions - before;
  print();
  await manager.replyMatching((m) => textOf(m).includes(number), 'the waybill push');
  await printFeed(demo, shown);
  return { number, count: { story: say.stories.waybill(client.user.firstName), actions, limit: 9 } };
}
