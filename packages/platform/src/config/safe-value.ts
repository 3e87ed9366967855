const SECRET_NAME = /TOKEN|SECRET|PASSWORD|KEY/i;
const MAX_SHOWN = 80;

/**
 * How a rejected value may appear in an error message: secrets never, credentials in URLs masked,
 * long values cut (they end up in terminals and log collectors).
 */
export function describeValue(variable: string, value: string): string {
  if (SECRET_NAME.test(variable)) return '(value hidden)';
  const shown = maskCredentials(value);
  return JSON.stringify(shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown);
}

/**
 * Hides everything before the last '@' (but after a `scheme://`). Deliberately cruder than URL
 * parsing: a malformed URL is exactly the case where parsing fails and a password could leak.
 */
function maskCredentials(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return value;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
  return `${scheme}***${value.slice(at)}`;
}
