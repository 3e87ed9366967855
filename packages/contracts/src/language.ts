import { z } from 'zod';

/** The languages fieldgram speaks: the bot, notifications and documents (DESIGN §5). */
export const LANGUAGES = ['ru', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;
