import type { Messages, ResultOf } from '@fieldgram/contracts';

/** What a /start comes to: the person and how (`registered`, `existing`, `linked`, `blocked`…). */
export type RegistrationResult = ResultOf<Messages, 'identity.register-from-telegram'>;
