import { MY_WAYBILLS_LIST, WAYBILL_BUTTONS } from '@fieldgram/bot-ui';
import type { Flow } from '../flow.js';
import { myWaybills } from './my-waybills.js';
import { newWaybillMenu } from './new-waybill.js';
import { waybillsOverRpc } from './port.js';
import { waybillPresses } from './presses.js';
import { waybillWizard } from './wizard.js';

/**
 * The client's waybills (S1-02, S1-08): "📦 New waybill" (the form, Confirm → `waybill.create`;
 * the PDF follows from the waybill service) and "🗂 My waybills" (paged; one opens with its PDF).
 */
export const waybillsFlow: Flow = {
  name: 'waybills',
  mount: (context) => {
    const waybills = waybillsOverRpc(context.rpc, context.env.WAYBILL_TIMEOUT_MS);
    const list = myWaybills(waybills);
    return {
      menu: { newWaybill: newWaybillMenu(waybills), myWaybills: list.menu },
      callbacks: { [WAYBILL_BUTTONS.ns]: waybillPresses(waybills) },
      pages: { [MY_WAYBILLS_LIST]: list.page },
      wizards: [waybillWizard(waybills)],
    };
  },
};
