import type { DataOf, EventType, Language, Messages, Role } from '@fieldgram/contracts';

/**
 * Who hears about what, on which channel (DESIGN §1) — as data. A rule says: for this event
 * type, when its data matches, these recipients get this text (Russian or English), with or
 * without sound, with these actions, on these channels. Texts, subjects and hrefs are templates
 * whose `{field}` placeholders are fields of the event's data. Everything here is pure: the
 * service resolves recipients (identity) and stores/delivers what `renderNotification` returns.
 */

/** One template per language. */
export type Localized = Record<Language, string>;
export type Channel = 'feed' | 'telegram';
type Scalar = string | number | boolean | null;
/** Field = value, for the scalar fields of an event's data. */
type Condition<D> = { [K in keyof D as D[K] extends Scalar ? K : never]?: D[K] };

/** Who hears about it. */
export type RecipientSelector =
  /** Every active person with this role (e.g. all admins). */
  | { kind: 'role'; role: Role }
  /** The person whose id is in this field of the event (e.g. a client's `managerId`). */
  | { kind: 'user'; field: string };

export interface NameLookup {
  field: string;
  as: string;
}

export interface ActionTemplate {
  label: Localized;
  /** A REST resource the console opens, e.g. `/api/v1/users/{userId}`. */
  href: string;
}

export interface NotificationRule<T extends EventType<Messages> = EventType<Messages>> {
  /** Stable name, stored with each item (which rule made it). */
  id: string;
  event: T;
  /** Every listed field of the event's data must equal the given value. */
  when: Condition<DataOf<Messages, T>>;
  /** Fields that must have a value (not null, not empty), e.g. a rejection's reason. */
  whenPresent?: readonly (keyof DataOf<Messages, T> & string)[];
  /**
   * People named in the text: the person whose id is in `field` is looked up (identity) and
   * their name is available to the templates as `{as}` (e.g. `assigneeId` → `{assigneeName}`).
   */
  names?: readonly NameLookup[];
  recipients: readonly RecipientSelector[];
  text: Localized;
  /** What the item is about (`user:{userId}`); null if nothing in particular. */
  subject: string | null;
  /** S0-13: the admin's console plays a sound for it. In Telegram: a silent message if false. */
  sound: boolean;
  actions: readonly ActionTemplate[];
  channels: readonly Channel[];
}

/** Typed at the definition (the condition's fields are the event's), erased in the list. */
function rule<T extends EventType<Messages>>(definition: NotificationRule<T>): NotificationRule {
  return definition;
}

const REVIEW_USER: ActionTemplate = {
  label: { ru: 'Проверить / изменить', en: 'Review / edit' },
  href: '/api/v1/users/{userId}',
};

const OPEN_TASK: ActionTemplate = {
  label: { ru: 'Открыть задачу', en: 'Open task' },
  href: '/api/v1/tasks/{taskId}',
};

const OPEN_INVOICE: ActionTemplate = {
  label: { ru: 'Открыть счёт', en: 'Open invoice' },
  href: '/api/v1/invoices/{invoiceId}',
};

export const RULES: readonly NotificationRule[] = [
  // S0-05, S0-13: a technician joined → every active admin, at once, with sound and a review action.
  rule({
    id: 'technician-registered',
    event: 'user.registered',
    when: { role: 'technician' },
    recipients: [{ kind: 'role', role: 'admin' }],
    text: { ru: 'Добавлен новый техник ({name})', en: 'New technician added ({name})' },
    subject: 'user:{userId}',
    sound: true,
    actions: [REVIEW_USER],
    channels: ['feed', 'telegram'],
  }),
  // A client joined: worth knowing, not worth a sound.
  rule({
    id: 'client-registered',
    event: 'user.registered',
    when: { role: 'client' },
    recipients: [{ kind: 'role', role: 'admin' }],
    text: { ru: 'Новый клиент ({name})', en: 'New client ({name})' },
    subject: 'user:{userId}',
    sound: false,
    actions: [REVIEW_USER],
    channels: ['feed', 'telegram'],
  }),
  ...taskRules(),
  ...invoiceRules(),
];

/** S0-13 for the dispatch workflow: every step of a task → every active admin, with sound. */
function taskRules(): NotificationRule[] {
  const toAdmins = {
    recipients: [{ kind: 'role', role: 'admin' }],
    subject: 'task:{taskId}',
    sound: true,
    actions: [OPEN_TASK],
    channels: ['feed', 'telegram'],
  } as const;
  const assignee = [{ field: 'assigneeId', as: 'assigneeName' }] as const;
  return [
    rule({
      id: 'task-created',
      event: 'task.created',
      when: {},
      text: { ru: 'Создана задача №{number}: {title}', en: 'Task #{number} created: {title}' },
      ...toAdmins,
    }),
    rule({
      id: 'task-sent',
      event: 'task.sent',
      when: {},
      names: assignee,
      text: {
        ru: 'Задача №{number} отправлена технику ({assigneeName})',
        en: 'Task #{number} sent to ({assigneeName})',
      },
      ...toAdmins,
    }),
    rule({
      id: 'task-accepted',
      event: 'task.accepted',
      when: {},
      names: assignee,
      text: {
        ru: 'Задача №{number} принята ({assigneeName})',
        en: 'Task #{number} accepted by ({assigneeName})',
      },
      ...toAdmins,
    }),
    rule({
      id: 'task-rejected-with-reason',
      event: 'task.rejected',
      when: {},
      whenPresent: ['reason'],
      names: assignee,
      text: {
        ru: 'Задача №{number} отклонена ({assigneeName}): {reason}',
        en: 'Task #{number} rejected by ({assigneeName}): {reason}',
      },
      ...toAdmins,
    }),
    rule({
      id: 'task-rejected',
      event: 'task.rejected',
      when: { reason: null },
      names: assignee,
      text: {
        ru: 'Задача №{number} отклонена ({assigneeName})',
        en: 'Task #{number} rejected by ({assigneeName})',
      },
      ...toAdmins,
    }),
    rule({
      id: 'task-client-info-released',
      event: 'task.client-info-released',
      when: {},
      text: {
        ru: 'Данные клиента отправлены по задаче №{number} ({client.name})',
        en: 'Client info sent for task #{number} ({client.name})',
      },
      ...toAdmins,
    }),
    rule({
      id: 'task-completed',
      event: 'task.completed',
      when: {},
      text: { ru: 'Задача №{number} выполнена: {title}', en: 'Task #{number} marked completed: {title}' },
      ...toAdmins,
    }),
    rule({
      id: 'task-status-changed-with-reason',
      event: 'task.status-changed',
      when: {},
      whenPresent: ['reason'],
      text: {
        ru: 'Статус задачи №{number} изменён: {from} → {to} ({reason})',
        en: 'Status of task #{number} changed: {from} → {to} ({reason})',
      },
      ...toAdmins,
    }),
    rule({
      id: 'task-status-changed',
      event: 'task.status-changed',
      when: { reason: null },
      text: {
        ru: 'Статус задачи №{number} изменён: {from} → {to}',
        en: 'Status of task #{number} changed: {from} → {to}',
      },
      ...toAdmins,
    }),
    rule({
      id: 'task-deleted',
      event: 'task.deleted',
      when: {},
      text: { ru: 'Задача №{number} удалена: {title}', en: 'Task #{number} deleted: {title}' },
      ...toAdmins,
    }),
    rule({
      id: 'task-offer-unanswered',
      event: 'task.offer-unanswered',
      when: {},
      names: assignee,
      text: {
        ru: 'Нет ответа от ({assigneeName}) по задаче №{number}',
        en: 'No answer from ({assigneeName}) for task #{number}',
      },
      ...toAdmins,
    }),
  ];
}

/** S0-11, S0-13, S2-04: every step of an invoice → every active admin, with sound. */
function invoiceRules(): NotificationRule[] {
  const toAdmins = {
    when: {},
    recipients: [{ kind: 'role', role: 'admin' }],
    subject: 'invoice:{invoiceId}',
    sound: true,
    actions: [OPEN_INVOICE],
    channels: ['feed', 'telegram'],
  } as const;
  return [
    rule({
      id: 'invoice-created',
      event: 'invoice.created',
      text: { ru: 'Создан счёт №{number}', en: 'Invoice #{number} created' },
      ...toAdmins,
    }),
    rule({
      id: 'invoice-sent',
      event: 'invoice.sent',
      text: { ru: 'Счёт №{number} отправлен', en: 'Invoice #{number} sent' },
      ...toAdmins,
    }),
    rule({
      id: 'invoice-status-changed',
      event: 'invoice.status-changed',
      text: {
        ru: 'Статус счёта №{number} изменён: {from} → {to}',
        en: 'Status of invoice #{number} changed: {from} → {to}',
      },
      ...toAdmins,
    }),
    rule({
      id: 'invoice-deleted',
      event: 'invoice.deleted',
      text: { ru: 'Счёт №{number} удалён', en: 'Invoice #{number} deleted' },
      ...toAdmins,
    }),
    rule({
      id: 'invoice-overdue',
      event: 'invoice.overdue-detected',
      text: {
        ru: 'Счёт №{number} просрочен (срок оплаты {dueDate})',
        en: 'Invoice #{number} is overdue (due {dueDate})',
      },
      ...toAdmins,
    }),
  ];
}

/** The event types any rule listens to: what the service subscribes to. */
export function ruleEventTypes(
  rules: readonly NotificationRule[] = RULES,
  also: readonly EventType<Messages>[] = [],
): EventType<Messages>[] {
  return [...new Set([...rules.map((r) => r.event), ...also])];
}

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
  return {
    ruleId: rule.id,
    type: rule.event,
    subject: rule.subject === null ? null : renderTemplate(rule.subject, data),
    text: renderTemplate(rule.text[language], data),
    sound: rule.sound,
    actions: rule.actions.map((action) => ({
      label: renderTemplate(action.label[language], data),
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

/**
 * Replaces each `{field}` with the event's value. A missing field is a bug in a rule, not a
 * bad event: it throws (and the rules' unit tests render every rule against its schema).
 */
export function renderTemplate(
  template: string,
  data: unknown,
  encode: (value: string) => string = (value) => value,
): string {
  return template.replace(/\{([A-Za-z0-9_.]+)\}/g, (_match, field: string) => {
    const value = fieldOf(data, field);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new Error(`template "${template}" needs the field "${field}", which the event does not have`);
    }
    return encode(String(value));
  });
}

/** A field of the event's data; `client.name` reaches into a nested object. */
export function fieldOf(data: unknown, field: string): unknown {
  return field
    .split('.')
    .reduce<unknown>(
      (value, part) =>
        value !== null && typeof value === 'object' && Object.hasOwn(value, part)
          ? (value as Record<string, unknown>)[part]
          : undefined,
      data,
    );
}
