/** How the first admin signs in, as far as the supervisor can tell. */
export type AdminSignIn =
  /** identity said the admin still has the default admin/admin. */
  { kind: 'default' } | { kind: 'login'; login: string } | { kind: 'unknown' };

export interface ReadyFacts {
  /** The sandbox page, when the bot talks to the built-in sandbox. */
  sandboxUrl: string | null;
  apiUrl: string;
  admin: AdminSignIn;
}

/** The one line that says the system is ready and where to go. */
export function readyLine(facts: ReadyFacts): string {
  const bot = facts.sandboxUrl ? `bot sandbox ${facts.sandboxUrl}` : 'bot on Telegram';
  const signIn =
    facts.admin.kind === 'default'
      ? 'sign in admin/admin (change it)'
      : facts.admin.kind === 'login'
        ? `sign in as ${facts.admin.login}`
        : 'sign in with your admin login';
  return `fieldgram is ready: ${bot} · API ${facts.apiUrl} · ${signIn}`;
}
