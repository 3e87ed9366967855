/**
 * The compact codec of `callback_data` (DESIGN §5): `ns:action:id[:arg]`, at most 64 bytes as
 * Telegram allows. `ns` and `action` are short lower-case names; `id` and `arg` are tokens
 * without `:`. Parsing is total: anything else (garbage, a forged or an old format) is `undefined`.
 */
export interface CallbackData {
  /** What the button belongs to: `task`, `invoice`, `pg` … */
  ns: string;
  action: string;
  id: string;
  arg?: string;
}

/** Telegram's limit on callback_data, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

const NAME = /^[a-z][a-z0-9_-]{0,19}$/;
const TOKEN = /^[A-Za-z0-9_.=+/-]{1,60}$/;

export class CallbackDataError extends Error {
  override readonly name = 'CallbackDataError';
}

export function encodeCallback(data: CallbackData): string {
  const { ns, action, id, arg } = data;
  if (!NAME.test(ns))
    throw new CallbackDataError(`callback namespace "${ns}" is not a short lower-case name`);
  if (!NAME.test(action))
    throw new CallbackDataError(`callback action "${action}" is not a short lower-case name`);
  if (!TOKEN.test(id))
    throw new CallbackDataError(`callback id "${id}" is empty or has characters not allowed`);
  if (arg !== undefined && !TOKEN.test(arg))
    throw new CallbackDataError(`callback arg "${arg}" is empty or has characters not allowed`);
  const encoded = arg === undefined ? `${ns}:${action}:${id}` : `${ns}:${action}:${id}:${arg}`;
  const bytes = Buffer.byteLength(encoded, 'utf8');
  if (bytes > CALLBACK_DATA_MAX_BYTES)
    throw new CallbackDataError(`callback data "${encoded}" is ${bytes} bytes; Telegram allows 64`);
  return encoded;
}

export function parseCallback(raw: unknown): CallbackData | undefined {
  if (typeof raw !== 'string' || raw.length === 0) return undefined;
  if (Buffer.byteLength(raw, 'utf8') > CALLBACK_DATA_MAX_BYTES) return undefined;
  const parts = raw.split(':');
  if (parts.length < 3 || parts.length > 4) return undefined;
  const [ns, action, id, arg] = parts as [string, string, string, string | undefined];
  if (!NAME.test(ns) || !NAME.test(action) || !TOKEN.test(id)) return undefined;
  if (arg !== undefined && !TOKEN.test(arg)) return undefined;
  return arg === undefined ? { ns, action, id } : { ns, action, id, arg };
}

/** A namespace's own buttons with a closed set of actions (`task:accept|reject:<id>`). */
export interface CallbackNamespace<A extends string> {
  readonly ns: string;
  encode(action: A, id: string | number, arg?: string | number): string;
  /** The press, if `raw` belongs to this namespace and names one of its actions. */
  parse(raw: unknown): { action: A; id: string; arg?: string } | undefined;
}

export function callbackNamespace<const A extends string>(
  ns: string,
  actions: readonly A[],
): CallbackNamespace<A> {
  if (!NAME.test(ns))
    throw new CallbackDataError(`callback namespace "${ns}" is not a short lower-case name`);
  const known = new Set<string>(actions);
  return {
    ns,
    encode: (action, id, arg) =>
      encodeCallback({ ns, action, id: String(id), ...(arg !== undefined ? { arg: String(arg) } : {}) }),
    parse: (raw) => {
      const data = parseCallback(raw);
      if (!data || data.ns !== ns || !known.has(data.action)) return undefined;
      const action = data.action as A;
      return data.arg === undefined ? { action, id: data.id } : { action, id: data.id, arg: data.arg };
    },
  };
}
