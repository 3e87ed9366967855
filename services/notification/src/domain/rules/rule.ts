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

/** A value a text shows in the recipient's language, made from fields of the event, as `{as}`. */
export type LocalizedValue =
  /** Minor units in `amount` of the ISO currency in `currency`: `15 000,50 ₽` (ru), `15,000.50 ₽` (en). */
  | { as: string; money: { amount: string; currency: string } }
  /** A decimal (a weight): `12,5` (ru), `12.5` (en). */
  | { as: string; quantity: string }
  /** A code named in the catalog (a status): `in_review` under `claim.status` → `в работе` (ru). */
  | { as: string; label: { field: string; catalog: string } };

/** A file an event carries for a Telegram push, by its Telegram file_id. */
export interface AttachedFile {
  kind: 'photo' | 'video' | 'document';
  fileId: string;
}

/** The fields of an event's data that hold a list of files. */
type FileListField<D> = {
  [K in keyof D & string]: D[K] extends readonly AttachedFile[] ? K : never;
}[keyof D & string];

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
  /** Values the texts show in the recipient's language (money, weights), as `{as}`. */
  values?: readonly LocalizedValue[];
  recipients: readonly RecipientSelector[];
  /** The person who did it (the event's actor) is not told about their own action. */
  exceptActor?: boolean;
  text: NotifyKey;
  /** What the item is about (`user:{userId}`); null if nothing in particular. */
  subject: string | null;
  /** S0-13: the admin's console plays a sound for it. In Telegram: a silent message if false. */
  sound: boolean;
  actions: readonly ActionTemplate[];
  channels: readonly Channel[];
  /**
   * Files that follow the Telegram push, right after its text, as albums (S1-03): this field of
   * the event lists them by file_id. The feed shows the text only.
   */
  attachments?: { field: string };
}

/**
 * Typed at the definition (the condition's fields are the event's, and so is every placeholder
 * of its texts, subject and hrefs), erased in the list. A placeholder the event lacks shows as a
 * missing property `unknownPlaceholders` naming it.
 */
export function rule<T extends EventType<Messages>, const D extends NotificationRule<T>>(
  definition: D & NotificationRule<T> & PlaceholdersChecked<T, D> & AttachmentsChecked<T, D>,
): NotificationRule {
  const typed: NotificationRule<T> = definition;
  return typed;
}

type PlaceholdersChecked<T extends EventType<Messages>, D extends NotificationRule<T>> = [
  UnknownPlaceholders<T, D>,
] extends [never]
  ? unknown
  : { unknownPlaceholders: UnknownPlaceholders<T, D> };

/** A rule's `attachments.field` must be a field of its event holding a list of files. */
type AttachmentsChecked<T extends EventType<Messages>, D extends NotificationRule<T>> = D extends {
  attachments: { field: infer F };
}
  ? F extends FileListField<DataOf<Messages, T>>
    ? unknown
    : { attachmentsFieldIsNoFileList: F }
  : unknown;

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

type NamesOf<D extends NotificationRule> =
  | (D['names'] extends readonly NameLookup[] ? D['names'][number]['as'] : never)
  | (D['values'] extends readonly LocalizedValue[] ? D['values'][number]['as'] : never);
type NameFieldsOf<D extends NotificationRule> =
  | (D['names'] extends readonly NameLookup[] ? D['names'][number]['field'] : never)
  | (D['values'] extends readonly LocalizedValue[] ? ValueFieldsOf<D['values'][number]> : never);
/** The event fields a localized value is made from. */
type ValueFieldsOf<V extends LocalizedValue> = V extends { money: { amount: infer A; currency: infer C } }
  ? A | C
  : V extends { quantity: infer Q }
    ? Q
    : V extends { label: { field: infer F } }
      ? F
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
