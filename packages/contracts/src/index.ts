export * from './envelope.js';
export * from './registry.js';
export { messages, type Messages } from './messages/index.js';
export {
  TgChatSchema,
  TgFileSchema,
  TgOutMethodSchema,
  TgUserSchema,
  type TgOutMethod,
} from './messages/telegram.js';
export type { BotSettings } from './messages/bot-gateway.js';
