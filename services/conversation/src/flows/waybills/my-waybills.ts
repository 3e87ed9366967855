import { PAGE_SIZE, t } from '@fieldgram/bot-ui';
import { pagedList } from '../paged-list.js';
import type { WaybillPort } from './port.js';
import { myWaybillsReply, noticeReply } from './views.js';

/**
 * "🗂 My waybills": the client's own, newest first, 10 a page (`pg:waybills:<page>`), each a
 * button that opens it; only a client has them.
 */
export function myWaybills(waybills: WaybillPort) {
  return pagedList('client', 'myWaybills', async (turn, user, page) => {
    const listed = await waybills.list({ clientId: user.id, page, pageSize: PAGE_SIZE }, user, turn.update);
    if (!listed.ok) return [noticeReply(t(turn.lang, 'waybill.unavailable'))];
    const { items, total } = listed.value;
    return [myWaybillsReply(items, total, listed.value.page, turn.lang)];
  });
}
