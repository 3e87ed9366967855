import { textOf } from '@fieldgram/telegram-sandbox';
import { newClaim } from '../../e2e/support/logistics-stories.js';
import type { ActionCount, Demo } from './demo-context.js';
import type { LogisticsPeople } from './manager-and-client.js';
import { print, printFeed } from './transcript.js';

/** S1-03: the client files a claim about the waybill with an album; the manager gets text and photos. */
export async function playClaim(
  demo: Demo,
  { client, manager }: LogisticsPeople,
  waybill: string,
): Promise<{ number: string; count: ActionCount }> {
  const { say, cast, lang } = demo;
  print(say.claimHeading);
  const shown = demo.feed.items.length;
  const before = client.actions;
  const { number } = await newClaim(client, { waybill: { pick: waybill }, ...cast.claim }, { lang });
  const actions = client.actions - before;
  print();
  await manager.replyMatching((m) => textOf(m).includes(number), 'the claim push');
  await manager.replies(cast.claim.photos); // the album, right after the text
  await printFeed(demo, shown);
  return { number, count: { story: say.stories.claim(client.user.firstName), actions, limit: 8 } };
}
