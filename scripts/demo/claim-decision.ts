import { textOf } from '@fieldgram/telegram-sandbox';
import { decideOnCard, openClaim } from '../../e2e/support/logistics-stories.js';
import type { ActionCount, Demo } from './demo-context.js';
import type { LogisticsPeople } from './manager-and-client.js';
import { print, printFeed } from './transcript.js';

/** S1-06: the manager opens the claim from "📑 Claims", takes it into review, then resolves it; the client is told each time. */
export async function playClaimDecision(
  demo: Demo,
  { client, manager }: LogisticsPeople,
  claim: string,
): Promise<ActionCount[]> {
  const { say, cast, lang } = demo;
  print(say.decisionHeading);
  let shown = demo.feed.items.length;
  const counts: ActionCount[] = [];
  for (const decision of ['review', 'resolve'] as const) {
    const before = manager.actions;
    const card = await openClaim(manager, claim, { lang });
    await manager.replies(cast.claim.photos); // the card's photos, resent as an album, before the decision
    await decideOnCard(manager, card, claim, decision, cast.comments[decision], { lang });
    counts.push({ story: say.stories[decision](manager.user.firstName), actions: manager.actions - before });
    print();
    await client.replyMatching((m) => textOf(m).includes(claim), 'the decision');
    shown = await printFeed(demo, shown);
  }
  return counts;
}
