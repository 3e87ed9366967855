/**
 * `npm run build` (and the install step): compiles the host and every service it runs into
 * host/dist/main.js, which `npm start`, the Dockerfile and production run with plain node.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleHost } from './build/bundle-host.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  const { outfile, bytes, durationMs } = await bundleHost(ROOT);
  process.stdout.write(
    `[build] ${path.relative(ROOT, outfile)}: ${(bytes / 1024 / 1024).toFixed(1)} MB in ${durationMs} ms\n`,
  );
} catch (error) {
  process.stderr.write(`[build] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
