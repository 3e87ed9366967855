import type { EventType, Messages } from '@fieldgram/contracts';
import { CLAIM_RULES } from './claims.js';
import { INVOICE_RULES } from './invoices.js';
import { PEOPLE_RULES } from './people.js';
import type { NotificationRule } from './rule.js';
import { TASK_RULES } from './tasks.js';
import { WAYBILL_RULES } from './waybills.js';

/** Every rule, one list per domain (a new domain: a file beside these and a line here). */
export const RULES: readonly NotificationRule[] = [
  ...PEOPLE_RULES,
  ...TASK_RULES,
  ...INVOICE_RULES,
  ...WAYBILL_RULES,
  ...CLAIM_RULES,
];

/** The event types any rule listens to: what the service subscribes to. */
export function ruleEventTypes(
  rules: readonly NotificationRule[] = RULES,
  also: readonly EventType<Messages>[] = [],
): EventType<Messages>[] {
  return [...new Set([...rules.map((r) => r.event), ...also])];
}
