import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

export interface BundleResult {
  outfile: string;
  bytes: number;
  durationMs: number;
}

/**
 * Bundles the host (host/src/main.ts) and every workspace package it imports into one ES module,
 * host/dist/main.js. Third-party packages stay outside, loaded from node_modules as installed
 * (several read files of their own at run time: bullmq's scripts, pdfmake's fonts), so each must
 * be a dependency of host/package.json, where node finds it from host/dist.
 * @throws naming the third-party imports host/package.json does not declare.
 */
export async function bundleHost(root: string): Promise<BundleResult> {
  const hostDir = path.join(root, 'host');
  const declared = declaredDependencies(path.join(hostDir, 'package.json'));
  const external = new Set<string>();
  const startedAt = performance.now();
  const outfile = path.join(hostDir, 'dist', 'main.js');
  const result = await build({
    entryPoints: [path.join(hostDir, 'src', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    // Our own modules keep their names in stack traces and logs (class names in errors).
    keepNames: true,
    logLevel: 'warning',
    plugins: [thirdPartyExternal(external)],
    metafile: true,
  });
  const missing = [...external].filter((name) => !declared.has(name)).sort();
  if (missing.length > 0)
    throw new Error(
      `host/package.json does not declare ${missing.join(', ')}, which the services import: ` +
        'add each to its "dependencies" (the version the service uses) and run pnpm install',
    );
  const bytes = result.metafile.outputs[path.relative(process.cwd(), outfile)]?.bytes ?? 0;
  return { outfile, bytes, durationMs: Math.round(performance.now() - startedAt) };
}

/** Leaves every bare import but our workspace's (`@fieldgram/…`) to node, and records its package. */
function thirdPartyExternal(seen: Set<string>): Plugin {
  return {
    name: 'third-party-external',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@fieldgram/')) return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        seen.add(packageName(args.path));
        return { path: args.path, external: true };
      });
    },
  };
}

/** `pdfmake/fonts/Roboto.js` → `pdfmake`; `@telegraf/types/x` → `@telegraf/types`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function declaredDependencies(packageJson: string): Set<string> {
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as { dependencies?: Record<string, string> };
  return new Set(Object.keys(manifest.dependencies ?? {}));
}
