import type { z } from 'zod';

/** The three durable exchanges of DESIGN §2. */
export const EXCHANGES = {
  events: 'fg.events',
  commands: 'fg.commands',
  telegram: 'fg.tg',
} as const;
export type ExchangeName = (typeof EXCHANGES)[keyof typeof EXCHANGES];

interface BaseDef<TData extends z.ZodType> {
  exchange: ExchangeName;
  data: TData;
  version: number;
}
export interface EventDef<TData extends z.ZodType = z.ZodType> extends BaseDef<TData> {
  kind: 'event';
}
export interface CommandDef<
  TData extends z.ZodType = z.ZodType,
  TResult extends z.ZodType | undefined = z.ZodType | undefined,
> extends BaseDef<TData> {
  kind: 'command';
  /** Set for a command answered over request/reply (the API's state changes); absent for a fire-and-forget one. */
  result: TResult;
}
export interface QueryDef<
  TData extends z.ZodType = z.ZodType,
  TResult extends z.ZodType = z.ZodType,
> extends BaseDef<TData> {
  kind: 'query';
  result: TResult;
}
export type MessageDef = EventDef | CommandDef | QueryDef;
export type Registry = Readonly<Record<string, MessageDef>>;

/** A fact that happened (`task.accepted`); published on `fg.events`, routing key = type. */
export function event<TData extends z.ZodType>(data: TData, version = 1): EventDef<TData> {
  return { kind: 'event', exchange: EXCHANGES.events, data, version };
}
/**
 * An imperative for one owning service: a state change, published on `fg.commands`. With a
 * `result` it is answered over request/reply (`task.accept` → the task); without, it is consumed
 * from a durable queue with retries and answered by nobody.
 */
export function command<TData extends z.ZodType>(data: TData, version?: number): CommandDef<TData, undefined>;
export function command<TData extends z.ZodType, TResult extends z.ZodType>(
  data: TData,
  result: TResult,
  version?: number,
): CommandDef<TData, TResult>;
export function command(
  data: z.ZodType,
  resultOrVersion?: z.ZodType | number,
  version = 1,
): CommandDef<z.ZodType, z.ZodType | undefined> {
  return typeof resultOrVersion === 'object'
    ? { kind: 'command', exchange: EXCHANGES.commands, data, result: resultOrVersion, version }
    : {
        kind: 'command',
        exchange: EXCHANGES.commands,
        data,
        result: undefined,
        version: resultOrVersion ?? 1,
      };
}
/** A read answered over direct reply-to (`identity.get-user`); `result` is the reply's schema. */
export function query<TData extends z.ZodType, TResult extends z.ZodType>(
  data: TData,
  result: TResult,
  version = 1,
): QueryDef<TData, TResult> {
  return { kind: 'query', exchange: EXCHANGES.commands, data, result, version };
}
/** Telegram traffic rides `fg.tg`: inbound updates are events, `tg.out` is a command. */
export const telegram = {
  in<TData extends z.ZodType>(data: TData, version = 1): EventDef<TData> {
    return { kind: 'event', exchange: EXCHANGES.telegram, data, version };
  },
  out<TData extends z.ZodType>(data: TData, version = 1): CommandDef<TData, undefined> {
    return { kind: 'command', exchange: EXCHANGES.telegram, data, result: undefined, version };
  },
};

export type MessageType<R extends Registry> = keyof R & string;
export type TypesOfKind<R extends Registry, K extends MessageDef['kind']> = {
  [T in keyof R & string]: R[T]['kind'] extends K ? T : never;
}[keyof R & string];
export type EventType<R extends Registry> = TypesOfKind<R, 'event'>;
export type CommandType<R extends Registry> = TypesOfKind<R, 'command'>;
export type QueryType<R extends Registry> = TypesOfKind<R, 'query'>;
/** What can be asked over request/reply: every query, and every command with a result. */
export type RequestType<R extends Registry> = {
  [T in keyof R & string]: R[T] extends { result: z.ZodType } ? T : never;
}[keyof R & string];

/** The validated payload of a message type. */
export type DataOf<R extends Registry, T extends MessageType<R>> = z.output<R[T]['data']>;
/** What a caller may pass before defaults are applied. */
export type DataInput<R extends Registry, T extends MessageType<R>> = z.input<R[T]['data']>;
export type ResultOf<R extends Registry, T extends RequestType<R>> = R[T] extends {
  result: infer TResult extends z.ZodType;
}
  ? z.output<TResult>
  : never;

/** The reply schema of a type asked over request/reply, or undefined for anything else. */
export function resultSchemaOf(def: MessageDef | undefined): z.ZodType | undefined {
  return def && (def.kind === 'query' || def.kind === 'command') ? def.result : undefined;
}

export function messageDef<R extends Registry>(registry: R, type: string): MessageDef | undefined {
  return Object.hasOwn(registry, type) ? registry[type] : undefined;
}
