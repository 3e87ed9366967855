import { CLAIM_MOVES, t, type ClaimMove } from '@fieldgram/bot-ui';
import type { Claim, User } from '@fieldgram/contracts';
import type { Outgoing } from '../../core/outgoing.js';
import { startPrompt } from '../../handlers/dialog.js';
import type { Turn } from '../../handlers/turn.js';
import { staleButtonAnswer } from '../../views/replies.js';
import type { PromptRoute } from '../flow.js';
import { COMMENT_PROMPT, listStateOf, searchPrompt } from './list-state.js';
import {
  claimCardReply,
  claimFilesReplies,
  commentQuestion,
  movesFrom,
  refusalText,
  statusText,
} from './manager-views.js';
import type { ClaimsPort } from './port.js';

type Press = Turn<'tg.in.callback'>;

/**
 * One of the manager's own claims, or nothing: the claims service is asked as them (it refuses
 * another manager's), and the answer must name them. A forged or stale button reveals nothing.
 */
async function ownClaim(
  claims: ClaimsPort,
  turn: Press,
  manager: User,
  claimId: string,
): Promise<Claim | undefined> {
  const found = await claims.get(claimId, manager, turn.update);
  return found.ok && found.value.managerId === manager.id ? found.value : undefined;
}

const stale = (turn: Press) => [staleButtonAnswer(turn.update.data.callbackQueryId, turn.lang)];

/** `cl:open:<claimId>:<page>`: the card, then its files again (albums), the way back to that page. */
export async function openClaim(
  claims: ClaimsPort,
  turn: Press,
  manager: User,
  claimId: string,
  page: number,
): Promise<Outgoing[]> {
  const claim = await ownClaim(claims, turn, manager, claimId);
  if (!claim) return stale(turn);
  const back = { page, state: listStateOf(turn.session) };
  return [
    { kind: 'callback-answer', callbackQueryId: turn.update.data.callbackQueryId },
    claimCardReply(claim, back, turn.lang),
    ...claimFilesReplies(claim.files),
  ];
}

/**
 * "Take into review", "Resolve", "Reject": the comment for the client first (a prompt), if the
 * claim is the manager's and its status allows the move; the list stays where it was.
 */
export async function askForComment(
  claims: ClaimsPort,
  turn: Press,
  manager: User,
  claimId: string,
  move: ClaimMove,
): Promise<Outgoing[]> {
  const claim = await ownClaim(claims, turn, manager, claimId);
  if (!claim) return stale(turn);
  const { callbackQueryId } = turn.update.data;
  if (!movesFrom(claim.status).includes(move))
    return [{ kind: 'callback-answer', callbackQueryId, text: refusalText('conflict', turn.lang) }];
  const to = CLAIM_MOVES[move];
  const list = listStateOf(turn.session);
  await startPrompt(turn, { name: COMMENT_PROMPT, data: { ...list, claimId, number: claim.number, to } });
  return [{ kind: 'callback-answer', callbackQueryId }, commentQuestion(claim, to, turn.lang)];
}

/** `cl:cancel:<claimId>` under the comment question: nothing changes; the list stays open. */
export function cancelComment(turn: Press, claimId: string): Outgoing[] {
  const prompt = turn.session.prompt;
  if (prompt?.name !== COMMENT_PROMPT || prompt.data.claimId !== claimId) return stale(turn);
  turn.session.prompt = searchPrompt(listStateOf(turn.session));
  const number = typeof prompt.data.number === 'string' ? prompt.data.number : '';
  const text = t(turn.lang, 'claim.comment.cancelled', { number });
  return [
    { kind: 'callback-answer', callbackQueryId: turn.update.data.callbackQueryId, text },
    { kind: 'message', text },
  ];
}

const COMMENT_MAX = 2_000;
const TARGETS = new Set<string>(Object.values(CLAIM_MOVES));

/**
 * The comment, typed: the status change goes to the claims service with it (the client is told by
 * notification); the list is open again afterwards, whatever the answer.
 */
export function commentPrompt(claims: ClaimsPort): PromptRoute {
  return async (turn, user, prompt) => {
    const { claimId, to } = prompt.data;
    const list = listStateOf(turn.session);
    if (typeof claimId !== 'string' || typeof to !== 'string' || !TARGETS.has(to)) {
      turn.session.prompt = searchPrompt(list);
      return [{ kind: 'message', text: t(turn.lang, 'fallback.text') }];
    }
    const comment = turn.update.data.text.trim();
    if (comment === '' || comment.length > COMMENT_MAX)
      return [{ kind: 'message', text: t(turn.lang, 'claim.comment.empty') }];
    turn.session.prompt = searchPrompt(list);
    const status = to as (typeof CLAIM_MOVES)[ClaimMove];
    const changed = await claims.changeStatus({ claimId, status, comment }, user, turn.update);
    if (!changed.ok) return [{ kind: 'message', text: refusalText(changed.refusal, turn.lang) }];
    const text = t(turn.lang, 'claim.changed', {
      number: changed.value.number,
      status: statusText(changed.value.status, turn.lang),
    });
    return [{ kind: 'message', text }];
  };
}
