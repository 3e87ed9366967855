import { WAYBILL_BUTTONS } from '@fieldgram/bot-ui';
import { staleButtonAnswer } from '../../views/replies.js';
import type { CallbackRoute } from '../flow.js';
import type { WaybillPort } from './port.js';
import { pdfReply, waybillCard } from './views.js';

/**
 * `wb:open:<waybillId>` from "My waybills": the card and the PDF again. Only the client's own
 * waybill opens — the waybill service is asked as them, and the answer must be theirs — so a
 * forged or stale button (another client's id, a gone waybill) gets the polite stale answer and
 * reveals nothing.
 */
export function waybillPresses(waybills: WaybillPort): CallbackRoute {
  return async (turn, user) => {
    const { callbackQueryId, data } = turn.update.data;
    const stale = [staleButtonAnswer(callbackQueryId, turn.lang)];
    const button = WAYBILL_BUTTONS.parse(data);
    if (!button || user.role !== 'client') return stale;
    const found = await waybills.get(button.id, user, turn.update);
    if (!found.ok || found.value.clientId !== user.id) return stale;
    const waybill = found.value;
    const [pdf, methods] = await Promise.all([
      waybills.pdf(waybill.id, user, turn.update),
      waybills.paymentMethods(turn.update),
    ]);
    return [
      { kind: 'callback-answer', callbackQueryId },
      waybillCard(waybill, methods.ok ? methods.value : [], turn.lang),
      ...(pdf.ok ? [pdfReply(pdf.value, waybill.number, turn.lang)] : []),
    ];
  };
}
