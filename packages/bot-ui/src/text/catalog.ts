import { en } from './en.js';
import { ru } from './ru.js';
import type { Lang } from './lang.js';

/** Every text the bot says, in Russian and English (DESIGN §5): one catalog. */
export const CATALOG = { en, ru } as const;

/** A key of the catalog; a key missing in one language does not type-check. */
export type TextKey = keyof typeof en;

/** The `{placeholder}` names of a template, as a union. */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** What `t()` needs for a key: nothing, or a value for each of its placeholders. */
export type TextParams<K extends TextKey> = [Placeholders<(typeof en)[K]>] extends [never]
  ? [params?: Record<string, never>]
  : [params: Record<Placeholders<(typeof en)[K]>, string | number>];

/** Keys whose Russian placeholders differ from the English ones; must stay `never`. */
type MismatchedPlaceholders = {
  [K in TextKey]: [Placeholders<(typeof en)[K]>] extends [Placeholders<(typeof ru)[K]>]
    ? [Placeholders<(typeof ru)[K]>] extends [Placeholders<(typeof en)[K]>]
      ? never
      : K
    : K;
}[TextKey];
// A type error here names the keys whose placeholders differ between the languages.
const placeholdersMatch: [MismatchedPlaceholders] extends [never] ? true : MismatchedPlaceholders = true;
void placeholdersMatch;

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/** The text of `key` in `lang`, with its placeholders filled in (values are not re-scanned). */
export function t<K extends TextKey>(lang: Lang, key: K, ...[params]: TextParams<K>): string {
  const template: string = CATALOG[lang][key];
  if (!params) return template;
  const values = params as Record<string, string | number>;
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** Every language's text of `key`; for recognizing what a user sent (a button pressed in either language). */
export function allTexts(key: TextKey): string[] {
  return [CATALOG.en[key], CATALOG.ru[key]];
}
