import { rule, type NotificationRule } from './rule.js';

const ADMINS_FEED = { recipients: [{ kind: 'role', role: 'admin' }], channels: ['feed'] } as const;
const MANAGER_TELEGRAM = {
  recipients: [{ kind: 'user', field: 'managerId' }],
  channels: ['telegram'],
} as const;
const aboutTheClaim = {
  subject: 'claim:{claimId}',
  sound: true,
  actions: [{ label: 'notify.action.openClaim', href: '/api/v1/claims/{claimId}' }],
} as const;

/** The statuses as the reader's language names them. */
const STATUS_NAMES = [
  { as: 'fromText', label: { field: 'from', catalog: 'claim.status' } },
  { as: 'toText', label: { field: 'to', catalog: 'claim.status' } },
] as const;

/**
 * A filed claim, as the admins' feed and the manager's push say it: number, client (the event
 * names them), waybill (flagged when it is none of the client's), amount in the reader's
 * language, e-mail, description.
 */
const filed = (waybillFound: boolean) =>
  ({
    event: 'claim.filed',
    when: { waybillFound },
    values: [{ as: 'amountText', money: { amount: 'amount', currency: 'currency' } }],
    text: waybillFound ? 'notify.claim.filed' : 'notify.claim.filedWaybillNotFound',
    ...aboutTheClaim,
  }) as const;

/** What the client is told of the manager's decision, in the client's language, in the bot (S1-06). */
const toTheClient = {
  event: 'claim.status-changed',
  recipients: [{ kind: 'user', field: 'clientId' }],
  channels: ['telegram'],
  subject: 'claim:{claimId}',
  sound: true,
  actions: [],
} as const;

/**
 * S1-03, S1-06: a claim filed → the admins' feed with sound and the client's manager in Telegram
 * at once, its photos and scans right after the text as albums; its status changed → the admins'
 * feed, the manager's Telegram (neither told of their own move) and the client in the bot; a
 * claim that follows its client to another manager → the new manager in Telegram.
 */
export const CLAIM_RULES: readonly NotificationRule[] = [
  rule({ id: 'claim-filed', ...ADMINS_FEED, ...filed(true) }),
  rule({ id: 'claim-filed-unknown-waybill', ...ADMINS_FEED, ...filed(false) }),
  rule({ id: 'claim-filed-manager', ...MANAGER_TELEGRAM, attachments: { field: 'files' }, ...filed(true) }),
  rule({
    id: 'claim-filed-unknown-waybill-manager',
    ...MANAGER_TELEGRAM,
    attachments: { field: 'files' },
    ...filed(false),
  }),
  rule({
    id: 'claim-status-changed',
    event: 'claim.status-changed',
    when: {},
    text: 'notify.claim.statusChanged',
    values: STATUS_NAMES,
    exceptActor: true,
    ...ADMINS_FEED,
    ...aboutTheClaim,
  }),
  rule({
    id: 'claim-status-changed-manager',
    event: 'claim.status-changed',
    when: {},
    text: 'notify.claim.statusChanged',
    values: STATUS_NAMES,
    exceptActor: true,
    ...MANAGER_TELEGRAM,
    ...aboutTheClaim,
  }),
  rule({
    id: 'claim-in-review-client',
    when: { to: 'in_review' },
    text: 'notify.claim.inReview',
    ...toTheClient,
  }),
  rule({
    id: 'claim-resolved-client',
    when: { to: 'resolved' },
    text: 'notify.claim.resolved',
    ...toTheClient,
  }),
  rule({
    id: 'claim-rejected-client',
    when: { to: 'rejected' },
    text: 'notify.claim.rejected',
    ...toTheClient,
  }),
  rule({
    id: 'claim-reassigned',
    event: 'claim.reassigned',
    when: {},
    text: 'notify.claim.reassigned',
    ...MANAGER_TELEGRAM,
    ...aboutTheClaim,
  }),
];
