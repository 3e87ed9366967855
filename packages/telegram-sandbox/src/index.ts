export {
  TelegramSandbox,
  type SandboxBot,
  type SandboxGroup,
  type SandboxMessage,
  type SandboxOptions,
} from './sandbox.js';
export type { SandboxUser } from './user/sandbox-user.js';
export { ChatSession, buttonsOf, dataOf, labelsOf, textOf } from './user/chat-session.js';
export type { OpenedLink, OpenLinkOptions } from './user/open-deep-link.js';
export { DeepLinkError, parseDeepLink, type DeepLink, type DeepLinkProblem } from './user/deep-link.js';
export type { AlbumItem, MessageOptions, PressedButton, SentUpdate, UserFile } from './user/user-actions.js';
export type { ChatEvent, ChatEventKind, ChatEventListener, WaitForEventOptions } from './state/chat-store.js';
export { TELEGRAM_FLOOD_LIMITS, type FloodLimits } from './limits/flood-limiter.js';
export type { FaultSpec } from './faults.js';
export type { SandboxStats } from './stats.js';
export type * from './telegram-types.js';
