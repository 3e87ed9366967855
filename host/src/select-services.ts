import { ConfigError } from '@fieldgram/platform';

/**
 * The services a host process runs, from `FIELDGRAM_SERVICES`: `all` (or unset) for every one,
 * else a comma-separated list of names (`conversation,task`), in the catalog's order.
 * @throws ConfigError naming an unknown service and the known ones, or an empty list.
 */
export function selectServices(value: string | undefined, known: readonly string[]): string[] {
  const wanted = (value ?? 'all')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const problem = (text: string) => new ConfigError([{ variable: 'FIELDGRAM_SERVICES', problem: text }]);
  if (wanted.length === 0) throw problem(`name at least one service, or "all"; known: ${known.join(', ')}`);
  if (wanted.includes('all')) return [...known];
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw problem(
      `unknown service${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${known.join(', ')}, or "all"`,
    );
  return known.filter((name) => wanted.includes(name));
}
