import { rule, type NotificationRule } from './rule.js';

/** What both share: about the waybill, the client by name, the weight in the reader's language. */
const aboutTheWaybill = {
  event: 'waybill.created',
  when: {},
  names: [{ field: 'clientId', as: 'clientName' }],
  values: [{ as: 'weight', quantity: 'weightKg' }],
  text: 'notify.waybill.created',
  subject: 'waybill:{waybillId}',
  sound: true,
  actions: [{ label: 'notify.action.openWaybill', href: '/api/v1/waybills/{waybillId}' }],
} as const;

/**
 * S1-02: a client made a waybill → every admin's feed, with sound, and the client's manager in
 * Telegram. The client gets the waybill's PDF from the waybill service, so nothing here.
 */
export const WAYBILL_RULES: readonly NotificationRule[] = [
  rule({
    id: 'waybill-created',
    recipients: [{ kind: 'role', role: 'admin' }],
    channels: ['feed'],
    ...aboutTheWaybill,
  }),
  rule({
    id: 'waybill-created-manager',
    recipients: [{ kind: 'user', field: 'managerId' }],
    channels: ['telegram'],
    ...aboutTheWaybill,
  }),
];
