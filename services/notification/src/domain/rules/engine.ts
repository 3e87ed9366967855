import { CATALOG } from '@fieldgram/bot-ui';
import type { Actor, Language } from '@fieldgram/contracts';
import { fieldOf, renderTemplate } from '../template.js';
import type { Channel, NotificationRule, RecipientSelector } from './rule.js';
import { withLocalizedValues } from './values.js';

/**
 * Applying the rules, purely: which rules an event triggers and what one recipient is told.
 * The service resolves recipients (identity) and stores/delivers what `renderNotification` returns.
 */

/** The rules an event triggers, in the order they are listed. */
export function matchingRules(
  rules: readonly NotificationRule[],
  event: { type: string; data: unknown },
): NotificationRule[] {
  return rules.filter(
    (r) =>
      r.event === event.type &&
      Object.entries(r.when).every(([field, expected]) => fieldOf(event.data, field) === expected) &&
      (r.whenPresent ?? []).every((field) => isPresent(fieldOf(event.data, field))),
  );
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined && (typeof value !== 'string' || value.trim().length > 0);
}

export interface RenderedNotification {
  ruleId: string;
  type: string;
  subject: string | null;
  text: string;
  sound: boolean;
  actions: { label: string; href: string }[];
  channels: readonly Channel[];
}

/** What one recipient, speaking `language`, is told about `data` by `rule`. */
export function renderNotification(
  rule: NotificationRule,
  data: unknown,
  language: Language,
): RenderedNotification {
  const texts = CATALOG[language];
  const values = withLocalizedValues(rule.values, data, language);
  return {
    ruleId: rule.id,
    type: rule.event,
    subject: rule.subject === null ? null : renderTemplate(rule.subject, data),
    text: renderTemplate(texts[rule.text], values),
    sound: rule.sound,
    actions: rule.actions.map((action) => ({
      label: renderTemplate(texts[action.label], data),
      href: renderTemplate(action.href, data, encodeURIComponent),
    })),
    channels: rule.channels,
  };
}

/** The person a `user` selector points at in this event (none if the field is empty). */
export function selectedUserId(selector: RecipientSelector, data: unknown): string | undefined {
  if (selector.kind !== 'user') return undefined;
  const value = fieldOf(data, selector.field);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The recipients a rule tells: all of them, but the one who acted when the rule says so. */
export function recipientsToTell<R extends { id: string }>(
  rule: NotificationRule,
  recipients: readonly R[],
  actor: Actor,
): R[] {
  if (!rule.exceptActor || actor.kind !== 'user') return [...recipients];
  return recipients.filter((recipient) => recipient.id !== actor.userId);
}
