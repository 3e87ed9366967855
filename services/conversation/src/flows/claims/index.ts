import { CLAIMS_LIST, CLAIM_BUTTONS } from '@fieldgram/bot-ui';
import type { Flow } from '../flow.js';
import { COMMENT_PROMPT, SEARCH_PROMPT } from './list-state.js';
import { commentPrompt } from './manager-claim.js';
import { claimList } from './manager-list.js';
import { newClaimMenu } from './new-claim.js';
import { claimsOverRpc } from './port.js';
import { claimPresses } from './presses.js';
import { claimWizard } from './wizard.js';

/**
 * Claims (S1-03, S1-06, S1-08): the client's "📝 New claim" (the form, Confirm → `claims.file`;
 * the manager is pushed by notification) and the manager's "📑 Claims" (their clients' claims:
 * filters, search, pages, a card with its files, status changes with a comment).
 */
export const claimsFlow: Flow = {
  name: 'claims',
  mount: (context) => {
    const { env } = context;
    const claims = claimsOverRpc(context.rpc, {
      claims: env.CLAIMS_TIMEOUT_MS,
      waybill: env.WAYBILL_TIMEOUT_MS,
    });
    const list = claimList(claims);
    return {
      menu: { fileClaim: newClaimMenu(claims), claims: list.menu },
      callbacks: { [CLAIM_BUTTONS.ns]: claimPresses(claims, list) },
      pages: { [CLAIMS_LIST]: list.page },
      prompts: { [SEARCH_PROMPT]: list.search, [COMMENT_PROMPT]: commentPrompt(claims) },
      wizards: [claimWizard(claims, env.CLAIMS_CURRENCY)],
    };
  },
};
