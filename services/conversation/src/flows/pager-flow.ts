import { PAGER_NOOP, PAGER_NS } from '@fieldgram/bot-ui';
import { staleButtonAnswer } from '../views/replies.js';
import type { Flow } from './flow.js';

/**
 * Core: the pager's buttons (`pg:<list>:<page>[:<arg>]`, bot-ui's `pagerRow`) for every flow's
 * paged lists. The position button only stops spinning; a page of a list no flow has, or not a
 * page number, is stale.
 */
export const pagerFlow: Flow = {
  name: 'pager',
  mount: () => ({
    callbacks: {
      [PAGER_NS]: async (turn, user, press) => {
        const { callbackQueryId } = turn.update.data;
        if (press.action === PAGER_NOOP) return [{ kind: 'callback-answer', callbackQueryId }];
        const page = Number(press.id);
        const list = turn.deps.routes.pages[press.action];
        if (!list || !Number.isInteger(page) || page < 1)
          return [staleButtonAnswer(callbackQueryId, turn.lang)];
        return list(turn, user, page, press.arg);
      },
    },
  }),
};
