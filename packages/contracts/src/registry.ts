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
export interface CommandDef<TData extends z.ZodType = z.ZodType> extends BaseDef<TData> {
  kind: 'command';
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
/** An imperative for one owning service (`task.accept`); published on `fg.commands`. */
export function command<TData extends z.ZodType>(data: TData, version = 1): CommandDef<TData> {
  return { kind: 'command', exchange: EXCHANGES.commands, data, version };
}
/** A request answered over direct reply-to (`identity.get-user`); `result` is the reply's schema. */
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
  out<TData extends z.ZodType>(data: TData, version = 1): CommandDef<TData> {
    return { kind: 'command', exchange: EXCHANGES.telegram, data, version };
  },
};

export type MessageType<R extends Registry> = keyof R & string;
export type TypesOfKind<R extends Registry, K extends MessageDef['kind']> = {
  [T in keyof R & string]: R[T]['kind'] extends K ? T : never;
}[keyof R & string];
export type EventType<R extends Registry> = TypesOfKind<R, 'event'>;
export type CommandType<R extends Registry> = TypesOfKind<R, 'command'>;
export type QueryType<R extends Registry> = TypesOfKind<R, 'query'>;

/** The validated payload of a message type. */
export type DataOf<R extends Registry, T extends MessageType<R>> = z.output<R[T]['data']>;
/** What a caller may pass before defaults are applied. */
export type DataInput<R extends Registry, T extends MessageType<R>> = z.input<R[T]['data']>;
export type ResultOf<R extends Registry, T extends QueryType<R>> =
  R[T] extends QueryDef<z.ZodType, infer TResult> ? z.output<TResult> : never;

export function messageDef<R extends Registry>(registry: R, type: string): MessageDef | undefined {
  return Object.hasOwn(registry, type) ? registry[type] : undefined;
}
