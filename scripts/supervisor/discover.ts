import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** A process the supervisor runs: its entry file, the fixed ops port it gets, its own variables. */
export interface ServiceSpec {
  name: string;
  entry: string;
  opsPort: number;
  env?: Record<string, string>;
}

/**
 * The split mode: every folder under services/ with a src/main.ts, in name order, each run as a
 * compiled host of that one service, ops ports counted up from `firstOpsPort`.
 */
export function discoverServices(root: string, firstOpsPort: number): ServiceSpec[] {
  const dir = path.join(root, 'services');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'src', 'main.ts')))
    .map((entry) => entry.name)
    .sort()
    .map((name, index) => ({
      name,
      entry: hostEntry(root),
      opsPort: firstOpsPort + index,
      env: { FIELDGRAM_SERVICES: name },
    }));
}

/** The compiled host (scripts/build.ts): every service, or those FIELDGRAM_SERVICES names. */
export function hostEntry(root: string): string {
  return path.join(root, 'host', 'dist', 'main.js');
}

/** The one host process of the default mode: every service (or FIELDGRAM_SERVICES) inside it. */
export function hostSpec(root: string, opsPort: number): ServiceSpec {
  return { name: 'fieldgram', entry: hostEntry(root), opsPort };
}
