export * from './envelope.js';
export * from './registry.js';
export { LANGUAGES, LanguageSchema, type Language } from './language.js';
export { messages, type Messages } from './messages/index.js';
export {
  TgChatSchema,
  TgFileSchema,
  TgOutMethodSchema,
  TgUserSchema,
  type TgOutMethod,
} from './messages/telegram.js';
export type { BotSettings } from './messages/bot-gateway.js';
export { TelegramProfileSchema, UserSchema, type TelegramProfile, type User } from './messages/identity.js';
export { FeedActionSchema, FeedItemSchema, type FeedItem } from './messages/notification.js';
export { JournalEntrySchema, type JournalEntry } from './messages/audit.js';
export {
  TaskClientSchema,
  TaskHistoryEntrySchema,
  TaskSchema,
  TaskStatusSchema,
  TaskSummarySchema,
  type Task,
  type TaskClient,
  type TaskStatus,
  type TaskSummary,
} from './messages/task.js';
export {
  CURRENCY_MINOR_DIGITS,
  CurrencySchema,
  InvoiceItemInputSchema,
  InvoiceItemSchema,
  InvoiceSchema,
  InvoiceStatusSchema,
  type Invoice,
  type InvoiceStatus,
} from './messages/invoice.js';
export {
  PaymentMethodCodeSchema,
  PaymentMethodSchema,
  WaybillInputSchema,
  WaybillSchema,
  WaybillStatusSchema,
  type PaymentMethod,
  type Waybill,
  type WaybillInput,
  type WaybillStatus,
} from './messages/waybill.js';
export {
  ClaimFileCopySchema,
  ClaimFileSchema,
  ClaimHistoryEntrySchema,
  ClaimSchema,
  ClaimStatusSchema,
  type Claim,
  type ClaimFile,
  type ClaimFileCopy,
  type ClaimStatus,
  type ClaimSummary,
} from './messages/claims.js';
