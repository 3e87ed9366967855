/**
 * What a search for claims looks for (S1-06): the text anywhere in the claim's number, its
 * waybill's number or the client's name, case aside. People type numbers loosely — `#CL 2026 45`,
 * `№ WB-2026-000123` — so a leading `#`/`№` goes and a number's spaces become its dashes.
 * null when nothing is left to look for.
 */
export function searchText(q: string | undefined): string | null {
  const text = (q ?? '')
    .trim()
    .replace(/^[#№]\s*/, '')
    .replace(/\s+/g, ' ');
  if (text === '') return null;
  const number = /^([a-z]{2})[\s-]*(\d{4})(?:[\s-]+(\d+))?$/i.exec(text);
  if (!number) return text;
  const [, prefix, year, seq] = number;
  return [prefix!.toUpperCase(), year, ...(seq ? [seq] : [])].join('-');
}
