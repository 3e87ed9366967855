import { t } from '@fieldgram/bot-ui';
import { menuActionReply } from '../../views/replies.js';
import { startWizard } from '../../wizard/wizard-turns.js';
import type { MenuRoute } from '../flow.js';
import type { WaybillPort } from './port.js';
import { noticeReply } from './views.js';
import { WAYBILL_WIZARD } from './wizard.js';

/**
 * "📦 New waybill": the form, with the organization's payment methods as the buttons of its last
 * step (asked now, kept with the form, so its buttons mean the same after a restart).
 */
export function newWaybillMenu(waybills: WaybillPort): MenuRoute {
  return async (turn, user) => {
    if (user.role !== 'client') return [menuActionReply(user, 'newWaybill', turn.lang)];
    const methods = await waybills.paymentMethods(turn.update);
    if (!methods.ok || methods.value.length === 0) return [noticeReply(t(turn.lang, 'waybill.unavailable'))];
    const payment = methods.value.map((method) => ({ value: method.code, label: method.label }));
    return startWizard(turn, user, WAYBILL_WIZARD, {}, { choices: { payment } });
  };
}
