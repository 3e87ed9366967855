import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** A service the supervisor runs: its entry file and the fixed ops port it gets. */
export interface ServiceSpec {
  name: string;
  entry: string;
  opsPort: number;
}

/** Every folder under services/ with a src/main.ts, in name order, ops ports counted up from `firstOpsPort`. */
export function discoverServices(root: string, firstOpsPort: number): ServiceSpec[] {
  const dir = path.join(root, 'services');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'src', 'main.ts')))
    .map((entry) => entry.name)
    .sort()
    .map((name, index) => ({
      name,
      entry: path.join(dir, name, 'src', 'main.ts'),
      opsPort: firstOpsPort + index,
    }));
}

/** The one host process of the default mode: every service (or FIELDGRAM_SERVICES) inside it. */
export function hostSpec(root: string, opsPort: number): ServiceSpec {
  return { name: 'fieldgram', entry: path.join(root, 'host', 'src', 'main.ts'), opsPort };
}
