/**
 * The `{field}` templates of rules and offer edits: texts (from bot-ui's catalog), subjects and
 * hrefs name fields of the event's data; `{client.name}` reaches into a nested object.
 */

const PLACEHOLDER = /\{([A-Za-z0-9_.]+)\}/g;

/**
 * Replaces each `{field}` with the event's value. A missing field is a bug in a rule, not a
 * bad event: it throws (and the rules' unit tests render every rule against its schema).
 */
export function renderTemplate(
  template: string,
  data: unknown,
  encode: (value: string) => string = (value) => value,
): string {
  return template.replace(PLACEHOLDER, (_match, field: string) => {
    const value = fieldOf(data, field);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new Error(`template "${template}" needs the field "${field}", which the event does not have`);
    }
    return encode(String(value));
  });
}

/** The fields a template names, in order (`client.name` as one). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
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
