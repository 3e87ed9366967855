import { z } from 'zod';
import { API_PREFIX } from './paths.js';
import { PROBLEMS, ProblemSchema } from './problem.js';
import { allowedRoles, openApiPath, type AnyRoute } from './route.js';

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

const PROBLEM_REF = '#/components/schemas/Problem';
const STATUS_TEXT = new Map<number, string>(
  Object.values(PROBLEMS).map(({ status, title }) => [status, title] as [number, string]),
);
STATUS_TEXT.set(400, 'The request is not valid (a field, or the JSON itself)');

/**
 * The OpenAPI 3.1 document of the API, generated from the route registry: the same zod schemas
 * that validate requests and shape responses (JSON Schema 2020-12 via `z.toJSONSchema`); schemas
 * with an id become shared components. Nothing here is written by hand per route.
 */
export function buildOpenApiDocument(routes: readonly AnyRoute[], options: { baseUrl?: string } = {}): Json {
  const components = new SchemaComponents();
  components.add(ProblemSchema, 'output');
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation(route, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'fieldgram API',
      version: '1.0.0',
      description:
        'REST API for admins and managers (and, for their own notifications, everyone with a login). ' +
        'Sign in with POST /auth/login and send `Authorization: Bearer <accessToken>`. ' +
        'Errors are `application/problem+json` (RFC 9457); validation problems list each bad field.\n\n' +
        roleMatrix(routes),
    },
    servers: [{ url: `${options.baseUrl ?? ''}${API_PREFIX}` }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token' },
        streamTicket: {
          type: 'apiKey',
          in: 'query',
          name: 'ticket',
          description: 'A single-use ticket from POST /notifications/stream-ticket (SSE only)',
        },
      },
    },
  };
}

function operation(route: AnyRoute, components: SchemaComponents): Json {
  const roles = allowedRoles(route.access);
  const rule = 'rule' in route.access ? route.access.rule : undefined;
  const access =
    roles === 'public' ? '**Access:** public.' : `**Roles:** ${roles.join(', ')}${rule ? ` (${rule})` : ''}.`;
  const parameters = [
    ...parametersOf(route.params, 'path', components),
    ...parametersOf(route.query, 'query', components),
  ];
  return {
    operationId: route.id,
    tags: [route.tag],
    summary: route.summary,
    description: [route.description, access].filter(Boolean).join('\n\n'),
    'x-roles': roles,
    security:
      roles === 'public'
        ? []
        : 'ticket' in route.access && route.access.ticket
          ? [{ bearer: [] }, { streamTicket: [] }]
          : [{ bearer: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: components.convert(route.body, 'input') } },
          },
        }
      : {}),
    responses: { ...success(route, components), ...errorResponses(route) },
  };
}

function success(route: AnyRoute, components: SchemaComponents): Json {
  const spec = route.response;
  switch (spec.kind) {
    case 'json':
      return {
        [spec.status]: {
          description: spec.description,
          content: { 'application/json': { schema: components.convert(spec.schema, 'output') } },
        },
      };
    case 'table':
      return {
        200: {
          description: spec.description,
          content: {
            'application/json': { schema: components.convert(spec.schema, 'output') },
            'text/csv': {
              schema: {
                type: 'string',
                description: 'With `format=csv`: RFC 4180, a header row, UTF-8 with a byte order mark',
              },
            },
            ...(spec.pdf
              ? {
                  'application/pdf': {
                    schema: { type: 'string', format: 'binary', description: 'With `format=pdf`' },
                  },
                }
              : {}),
          },
        },
      };
    case 'png':
      return {
        200: {
          description: spec.description,
          content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
        },
      };
    case 'pdf':
      return {
        200: {
          description: spec.description,
          content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
        },
      };
    case 'file':
      return {
        200: {
          description: spec.description,
          content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
        },
      };
    case 'sse':
      return {
        200: {
          description: spec.description,
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
      };
    case 'empty':
      return { 204: { description: spec.description } };
  }
}

function errorResponses(route: AnyRoute): Json {
  const statuses = new Set<number>(route.errors ?? []);
  if (route.params || route.query || route.body) statuses.add(400);
  if (!('public' in route.access)) statuses.add(401).add(403);
  if (route.params) statuses.add(404);
  if (route.body) statuses.add(413).add(415);
  statuses.add(500).add(503);
  const responses: Json = {};
  for (const status of [...statuses].sort((a, b) => a - b)) {
    const headers =
      status === 429 || status === 503
        ? { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } }
        : undefined;
    responses[status] = {
      description: STATUS_TEXT.get(status) ?? 'Error',
      ...(headers ? { headers } : {}),
      content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } },
    };
  }
  return responses;
}

function parametersOf(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
  components: SchemaComponents,
): Json[] {
  if (!schema) return [];
  const object = components.convert(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, Json>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
}

/** A markdown table: which role may call which route (the role matrix, from the registry). */
export function roleMatrix(routes: readonly AnyRoute[]): string {
  const roles = ['admin', 'manager', 'technician', 'workshop', 'client'] as const;
  const lines = [`| Route | ${roles.join(' | ')} | Rule |`, `|---|${roles.map(() => ':-:').join('|')}|---|`];
  for (const route of routes) {
    const allowed = allowedRoles(route.access);
    const cells = roles.map((role) => (allowed === 'public' || allowed.includes(role) ? '✓' : ''));
    const rule = allowed === 'public' ? 'public' : 'rule' in route.access ? (route.access.rule ?? '') : '';
    lines.push(`| ${route.method.toUpperCase()} ${route.path} | ${cells.join(' | ')} | ${rule} |`);
  }
  return lines.join('\n');
}

/** Converts zod schemas, collecting those with an id as components and pointing at them. */
class SchemaComponents {
  readonly schemas: Record<string, Json> = {};
  /** Each component as zod produced it, to tell a schema's input form from its output form. */
  private readonly produced = new Map<string, string>();

  add(schema: z.ZodType, io: Io): void {
    this.convert(schema, io);
  }

  convert(schema: z.ZodType, io: Io): Json {
    const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
    const defs = (converted.$defs ?? {}) as Record<string, Json>;
    delete converted.$schema;
    delete converted.$defs;
    const renames = new Map<string, string>();
    for (const [name, def] of Object.entries(defs)) {
      const text = JSON.stringify(def);
      const existing = this.produced.get(name);
      // A schema with defaults or transforms reads differently as a request than as a response.
      renames.set(name, existing === undefined || existing === text ? name : `${name}Input`);
    }
    for (const [name, def] of Object.entries(defs)) {
      const key = renames.get(name) ?? name;
      if (this.produced.has(key)) continue;
      this.produced.set(key, JSON.stringify(def));
      this.schemas[key] = rewriteRefs(def, renames);
    }
    return rewriteRefs(converted, renames);
  }
}

function rewriteRefs(value: Json, renames: Map<string, string>): Json {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [key, child] of Object.entries(node as Json)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/$defs/')) {
        const name = child.slice('#/$defs/'.length);
        out[key] = `#/components/schemas/${renames.get(name) ?? name}`;
      } else {
        out[key] = walk(child);
      }
    }
    return out;
  };
  return walk(value) as Json;
}
