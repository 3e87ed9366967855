import type { LogisticsRun } from './run-logistics.js';
import type { WaybillRound } from './waybill-round.js';

/**
 * Everything the run found lost, doubled, misdirected or out of order (an album away from its
 * claim's text), in words; empty when every delivery came exactly once, where it belongs. A
 * bench that found any must not print its table as if all were well.
 */
export function deliveryProblems(run: LogisticsRun): string[] {
  const problems: string[] = [];
  for (const round of [run.waybills.ours, run.waybills.baseline]) problems.push(...waybillProblems(round));
  const { claims } = run;
  const { texts, albums, albumsApart } = claims.verdict;
  if (claims.filed < claims.claims) problems.push(`claims: ${claims.claims - claims.filed} never filed`);
  if (!claims.allArrived) problems.push('claims: not every manager push arrived in time');
  for (const [what, tally] of [
    ['text pushes', texts],
    ['albums', albums],
  ] as const) {
    if (tally.lost > 0) problems.push(`claims: ${tally.lost} ${what} lost`);
    if (tally.doubled > 0) problems.push(`claims: ${tally.doubled} ${what} doubled`);
  }
  if (claims.recordedShort.length > 0)
    problems.push(
      `claims: ${claims.recordedShort.length} recorded with fewer photos than sent (` +
        `${claims.recordedShort.slice(0, 5).join(', ')}${claims.recordedShort.length > 5 ? ', …' : ''})`,
    );
  problems.push(...albumsApart.map((apart) => `claims: not right after its text: ${apart}`));
  problems.push(...claims.failures.map((failure) => `claims: ${failure}`));
  const { problems: found } = claims.verdict;
  problems.push(...found.slice(0, 20));
  if (found.length > 20) problems.push(`… and ${found.length - 20} more of the kind`);
  return problems;
}

function waybillProblems(round: WaybillRound): string[] {
  const problems: string[] = [];
  const label = `waybills (${round.side})`;
  if (round.missing > 0) problems.push(`${label}: ${round.missing} of ${round.clients} PDFs missing`);
  if (round.doubled > 0) problems.push(`${label}: ${round.doubled} PDFs delivered twice or more`);
  if (round.foreign > 0) problems.push(`${label}: ${round.foreign} PDFs named after another waybill`);
  problems.push(...round.failures.map((failure) => `${label}: ${failure}`));
  return problems;
}
