export * from './envelope.js';
export * from './registry.js';
export { messages, type Messages } from './messages/index.js';
export { TgChatSchema, TgFileSchema, TgUserSchema } from './messages/telegram.js';
