import type { CATALOG, Placeholders, TextKey } from '@fieldgram/bot-ui';
import type { DataOf, EventType, Messages, Role } from '@fieldgram/contracts';

/**
 * Who hears about what, on which channel (DESIGN §1) — as data. A rule says: for this event
 * type, when its data matches, these recipients get this text (a key of bot-ui's catalog, read
 * in the recipient's language), with or without sound, with these actions, on these channels.
 * Texts, subjects and hrefs are templates whose `{field}` placeholders are fields of the event's
 * data; `rule()` refuses, at compile time, a placeholder the event does not have.
 */

/** A text a notification says: a key of bot-ui's catalog under `notify.`. */
export type NotifyKey = Extract<TextKey, `notify.${string}`>;
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
  label: NotifyKey;
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
  text: NotifyKey;
  /** What the item is about (`user:{userId}`); null if nothing in particular. */
  subject: string | null;
  /** S0-13: the admin's console plays a sound for it. In Telegram: a silent message if false. */
  sound: boolean;
  actions: readonly ActionTemplate[];
  channels: readonly Channel[];
}

/**
 * Typed at the definition (the condition's fields are the event's, and so is every placeholder
 * of its texts, subject and hrefs), erased in the list. A placeholder the event lacks shows as a
 * missing property `unknownPlaceholders` naming it.
 */
export function rule<T extends EventType<Messages>, const D extends NotificationRule<T>>(
  definition: D & NotificationRule<T> & PlaceholdersChecked<T, D>,
): NotificationRule {
  const typed: NotificationRule<T> = definition;
  return typed;
}

type PlaceholdersChecked<T extends EventType<Messages>, D extends NotificationRule<T>> = [
  UnknownPlaceholders<T, D>,
] extends [never]
  ? unknown
  : { unknownPlaceholders: UnknownPlaceholders<T, D> };

/** Placeholders of a rule that are neither fields of its event nor names it looks up. */
type UnknownPlaceholders<T extends EventType<Messages>, D extends NotificationRule<T>> = Exclude<
  UsedFields<D>,
  FieldPath<DataOf<Messages, T>> | NamesOf<D>
>;

type UsedFields<D extends NotificationRule> =
  | Placeholders<(typeof CATALOG.en)[D['text'] | D['actions'][number]['label']]>
  | Placeholders<D['subject'] & string>
  | Placeholders<D['actions'][number]['href']>
  | NameFieldsOf<D>;

type NamesOf<D extends NotificationRule> = D['names'] extends readonly NameLookup[]
  ? D['names'][number]['as']
  : never;
type NameFieldsOf<D extends NotificationRule> = D['names'] extends readonly NameLookup[]
  ? D['names'][number]['field']
  : never;

/** The dotted paths into an event's data a template may name (`number`, `client.name`). */
type FieldPath<D, Depth extends 0[] = []> = Depth['length'] extends 3
  ? never
  : D extends readonly unknown[]
    ? never
    : D extends object
      ? {
          [K in keyof D & string]: K | `${K}.${FieldPath<NonNullable<D[K]>, [...Depth, 0]>}`;
        }[keyof D & string]
      : never;
