import type { ApiClient } from '@fieldgram/testkit/env';
import type { Stack } from '../../e2e/support/stack.js';
import type { Cast } from './cast.js';
import type { Narration } from './narration.js';

export type Lang = 'en' | 'ru';
export type Feed = Awaited<ReturnType<ApiClient['openNotificationStream']>>;

/** What every story plays with: the stack, the admin's REST client and live feed, the language. */
export interface Demo {
  stack: Stack;
  admin: ApiClient;
  feed: Feed;
  say: Narration;
  cast: Cast;
  lang: Lang;
}

/** How many actions a person took for one story (S1-08), for the count at the end. */
export interface ActionCount {
  story: string;
  actions: number;
  /** The most the requirements allow, where they name one. */
  limit?: number;
}
