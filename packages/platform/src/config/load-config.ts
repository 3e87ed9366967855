import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { describeValue } from './safe-value.js';

type ZodIssue = z.core.$ZodIssue;

/**
 * Validates the environment against a zod object schema (DESIGN §9) and returns the typed config.
 * An empty variable (`FOO=` in a .env file or compose) counts as unset, so defaults apply.
 * @throws ConfigError naming every bad variable.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const present = withoutEmpty(env);
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(toIssues(result.error.issues, present));
}

function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && value !== '') present[name] = value;
  return present;
}

/** One line per variable (its first problem), in schema order. */
function toIssues(zodIssues: readonly ZodIssue[], env: Record<string, string>): ConfigIssue[] {
  const byVariable = new Map<string, string>();
  for (const issue of zodIssues) {
    const variable = issue.path.length > 0 ? String(issue.path[0]) : '(configuration)';
    if (!byVariable.has(variable)) byVariable.set(variable, problemOf(issue, variable, env[variable]));
  }
  return [...byVariable].map(([variable, problem]) => ({ variable, problem }));
}

function problemOf(issue: ZodIssue, variable: string, value: string | undefined): string {
  if (value === undefined) return issue.code === 'invalid_type' ? 'required' : issue.message;
  return `${issue.message}, got ${describeValue(variable, value)}`;
}
