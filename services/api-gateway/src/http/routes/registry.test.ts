import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROUTES } from './index.js';
import { buildOpenApiDocument, roleMatrix } from '../openapi.js';
import { openApiPath } from '../route.js';

type Json = Record<string, Record<string, unknown>>;

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

  it('documents the dispatch routes and the task report: admins dispatch, managers only read', () => {
    const document = buildOpenApiDocument(ROUTES) as {
      paths: Record<string, Record<string, { 'x-roles': unknown; responses: Record<string, Json> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const expected: [string, string, string[]][] = [
      ['post', '/tasks', ['admin']],
      ['get', '/tasks', ['admin', 'manager']],
      ['get', '/tasks/{id}', ['admin', 'manager']],
      ['patch', '/tasks/{id}', ['admin']],
      ['delete', '/tasks/{id}', ['admin']],
      ['post', '/tasks/{id}/assign', ['admin']],
      ['post', '/tasks/{id}/send', ['admin']],
      ['post', '/tasks/{id}/client-info', ['admin']],
      ['post', '/tasks/{id}/complete', ['admin']],
      ['post', '/tasks/{id}/status', ['admin']],
      ['get', '/reports/tasks', ['admin']],
    ];
    for (const [method, path, roles] of expected) {
      expect(document.paths[path]?.[method]?.['x-roles'], `${method} ${path}`).toEqual(roles);
    }
    expect(document.paths['/tasks/{id}/send']?.post?.responses).toHaveProperty('409');
    expect(Object.keys(document.paths['/reports/tasks']?.get?.responses['200']?.content ?? {})).toEqual([
      'application/json',
      'text/csv',
    ]);
    expect(document.components.schemas).toHaveProperty('Task');
    expect(document.components.schemas).toHaveProperty('TaskReportRow');
  });

  it('documents the invoice routes (admins only), the invoice PDF and the event report formats', () => {
    const document = buildOpenApiDocument(ROUTES) as {
      paths: Record<string, Record<string, { 'x-roles': unknown; responses: Record<string, Json> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const expected: [string, string][] = [
      ['post', '/invoices'],
      ['get', '/invoices'],
      ['get', '/invoices/{id}'],
      ['get', '/invoices/{id}/pdf'],
      ['post', '/invoices/{id}/send'],
      ['post', '/invoices/{id}/status'],
      ['delete', '/invoices/{id}'],
      ['get', '/reports/events'],
    ];
    for (const [method, path] of expected) {
      expect(document.paths[path]?.[method]?.['x-roles'], `${method} ${path}`).toEqual(['admin']);
    }
    expect(document.paths['/invoices']?.post?.responses).toHaveProperty('409');
    expect(Object.keys(document.paths['/invoices/{id}/pdf']?.get?.responses['200']?.content ?? {})).toEqual([
      'application/pdf',
    ]);
    expect(Object.keys(document.paths['/reports/events']?.get?.responses['200']?.content ?? {})).toEqual([
      'application/json',
      'text/csv',
      'application/pdf',
    ]);
    expect(document.components.schemas).toHaveProperty('Invoice');
    expect(document.components.schemas).toHaveProperty('EventReportRow');
  });

  it('documents the waybill routes (S1-02): staff, each manager narrowed to their clients; the PDF', () => {
    const document = buildOpenApiDocument(ROUTES) as {
      paths: Record<
        string,
        Record<string, { 'x-roles': unknown; description?: string; responses: Record<string, Json> }>
      >;
      components: { schemas: Record<string, unknown> };
    };
    const expected: [string, string][] = [
      ['get', '/waybills'],
      ['get', '/waybills/{id}'],
      ['get', '/waybills/{id}/pdf'],
      ['post', '/waybills/{id}/cancel'],
    ];
    for (const [method, path] of expected) {
      const operation = document.paths[path]?.[method];
      expect(operation?.['x-roles'], `${method} ${path}`).toEqual(['admin', 'manager']);
      expect(operation?.responses, `${method} ${path}`).toHaveProperty(path === '/waybills' ? '400' : '404');
    }
    expect(document.paths['/waybills/{id}/cancel']?.post?.responses).toHaveProperty('409');
    expect(Object.keys(document.paths['/waybills/{id}/pdf']?.get?.responses['200']?.content ?? {})).toEqual([
      'application/pdf',
    ]);
    expect(document.components.schemas).toHaveProperty('Waybill');
    expect(document.components.schemas).toHaveProperty('WaybillPage');
  });

  it('documents the claim routes (S1-06): staff, managers narrowed to their own; the files as stored', () => {
    const document = buildOpenApiDocument(ROUTES) as {
      paths: Record<string, Record<string, { 'x-roles': unknown; responses: Record<string, Json> }>>;
      components: { schemas: Record<string, unknown> };
    };
    for (const [method, path] of [
      ['get', '/claims'],
      ['get', '/claims/{id}'],
      ['get', '/claims/{id}/files/{fileUniqueId}'],
      ['post', '/claims/{id}/status'],
    ] as const)
      expect(document.paths[path]?.[method]?.['x-roles'], `${method} ${path}`).toEqual(['admin', 'manager']);
    expect(document.paths['/claims/{id}/status']?.post?.responses).toHaveProperty('409');
    const file = document.paths['/claims/{id}/files/{fileUniqueId}']?.get?.responses;
    expect(file).toHaveProperty('404');
    expect(Object.keys(file?.['200']?.content ?? {})).toEqual(['*/*']);
    for (const schema of ['Claim', 'ClaimFile', 'ClaimSummary', 'ClaimPage', 'ClaimStatus'])
      expect(document.components.schemas).toHaveProperty(schema);
  });

  it("checks an invoice's body with the contract's schemas, naming the field", () => {
    const route = ROUTES.find((r) => r.id === 'createInvoice');
    const result = route?.body?.safeParse({
      taskId: '0194f1a2-7c3d-7abc-8def-0123456789ab',
      items: [{ description: 'Work', quantity: -1, unitPrice: 100 }],
      currency: 'XXX',
    });
    expect(result?.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'currency',
      'items.0.quantity',
    ]);
  });
});
