/** What notification says in the admin feed and in Telegram pushes (S0-13, S2-04). */
export const en = {} as const;

/** The same keys and placeholders in Russian. */
export const ru = {} as const satisfies Record<keyof typeof en, string>;
