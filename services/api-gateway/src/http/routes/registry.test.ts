import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROUTES } from './index.js';
import { buildOpenApiDocument, roleMatrix } from '../openapi.js';
import { openApiPath } from '../route.js';

describe('the route registry', () => {
  it('has one operation id and one handler per method and path', () => {
    expect(new Set(ROUTES.map((route) => route.id)).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map((route) => `${route.method} ${route.path}`)).size).toBe(ROUTES.length);
  });

  it('validates exactly the path parameters each path has', () => {
    for (const route of ROUTES) {
      const inPath = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]).sort();
      const validated = route.params instanceof z.ZodObject ? Object.keys(route.params.shape).sort() : [];
      expect(validated, route.id).toEqual(inPath);
    }
  });

  it('rejects unknown body fields instead of ignoring a typo', () => {
    for (const route of ROUTES.filter((r) => r.body)) {
      expect(route.body?.safeParse({ surelyNotAField: 1 }).success, route.id).toBe(false);
      const issues = route.body?.safeParse({ surelyNotAField: 1 }).error?.issues ?? [];
      expect(
        issues.some((issue) => issue.code === 'unrecognized_keys'),
        route.id,
      ).toBe(true);
    }
  });

  it('gives every non-public route its roles and documents them', () => {
    const document = buildOpenApiDocument(ROUTES) as {
      paths: Record<string, Record<string, { 'x-roles': unknown }>>;
    };
    for (const route of ROUTES) {
      const roles = 'public' in route.access ? 'public' : route.access.roles;
      if (roles !== 'public') expect(roles.length, route.id).toBeGreaterThan(0);
      expect(document.paths[openApiPath(route.path)]?.[route.method]?.['x-roles']).toEqual(roles);
    }
    expect(roleMatrix(ROUTES)).toContain('| PUT /settings/telegram | ✓ |  |  |  |  |  |');
  });
});
