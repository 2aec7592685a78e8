import fc from 'fast-check';
import { expect, it } from 'vitest';
import { httpErrorBodySchema } from '../../../shared/errors';
import { useService } from '../../support/use-service';
import { type Answer, confirmedAccount, signIn } from '../server/http';
import { type Broken, brokenValue, hostileCharacters, type JsonSchema, preview, stringFits, validValue } from './broken-input';

// Every route of the service's own OpenAPI document gets generated requests with one thing
// broken (body, path, query, headers, token), over real HTTP. Whatever arrives, the answer
// is never a 5xx, every refusal is a 4xx in the error envelope, and a request no valid one
// looks like is refused.

const { smtp, api } = useService();

/** Cases per route; PROPERTY_RUNS raises it for a deeper look on a quiet machine. */
const runsPerRoute = Number(process.env.PROPERTY_RUNS ?? 24);

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}
interface Route {
  method: string;
  path: string;
  operation: Operation;
}

interface Case {
  token: 'valid' | 'none' | 'garbage';
  garbageToken: string;
  body: Broken | null;
  raw: string | null;
  contentType: string;
  path: Record<string, string>;
  headerParams: Record<string, string>;
  query: [string, string][];
  headers: [string, string][];
}

/** What fetch can put in a header value: no NUL, CR or LF, Latin-1 only. */
const headerText = (maxLength: number) =>
  fc
    .string({ maxLength, unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((code) => String.fromCharCode(code)) })
    .map((value) => value.trim());

/** Text that is no JSON at all, or JSON no route takes. */
const rawBodies = fc.oneof(
  fc.constantFrom('{', '{"email":', 'nul', '[1,]', '\u0000', '{"a":1} trailing', '\ufeff{}', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`),
  fc.string({ maxLength: 40, unit: 'binary' }),
);

const contentTypes = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/JSON', 'application/json; charset=latin1', 'application/xml', '*/*') },
);

const garbageTokens = fc.oneof(
  fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.', 'Bearer a.b.c', `Bearer ${'x'.repeat(4000)}`, 'bearer  two  spaces'),
  headerText(200).map((text) => `Bearer ${text}`),
);

/** A path segment with every character percent-encoded; a lone surrogate becomes bytes that are not UTF-8. */
const encodeSegment = (value: string) =>
  Array.from(value)
    .map((char) => {
      try {
        return encodeURIComponent(char);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');

const pathValue = (schema: JsonSchema) =>
  fc.oneof(
    fc.uuid(),
    validValue(schema).map(String),
    fc.string({ maxLength: 30, unit: 'binary' }),
    fc.constantFrom('..', '%2e%2e', '0', '-1', 'null', 'undefined', '__proto__', 'x'.repeat(5000), ...hostileCharacters),
  );

function caseFor(route: Route): fc.Arbitrary<Case> {
  const parameters = route.operation.parameters ?? [];
  const bodySchema = route.operation.requestBody?.content?.['application/json']?.schema;
  const hasBody = route.method !== 'GET';
  const body: fc.Arbitrary<Broken | null> = bodySchema
    ? fc.oneof(
        { weight: 6, arbitrary: brokenValue(bodySchema) },
        { weight: 1, arbitrary: validValue(bodySchema).map((value) => ({ value, how: 'valid body', invalid: false })) },
      )
    : hasBody
      ? fc.option(fc.jsonValue({ maxDepth: 2 }).map((value) => ({ value, how: 'a body the route does not take', invalid: false })))
      : fc.constant(null);
  return fc.record({
    token: fc.constantFrom('valid', 'none', 'garbage'),
    garbageToken: garbageTokens,
    body,
    raw: hasBody ? fc.option(rawBodies, { freq: 5 }) : fc.constant(null),
    contentType: contentTypes,
    path: fc.record(Object.fromEntries(parameters.filter((p) => p.in === 'path').map((p) => [p.name, pathValue(p.schema)]))),
    headerParams: fc.record(
      Object.fromEntries(
        parameters.filter((p) => p.in === 'header').map((p) => [p.name, fc.oneof(validValue(p.schema).map(String), headerText(400), fc.constant('x'.repeat(300)))]),
      ),
      { requiredKeys: [] },
    ),
    query: fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'token', 'id', 'email[]')), fc.oneof(fc.string({ maxLength: 20, unit: 'binary' }), fc.constant('x'.repeat(3000)))), { maxLength: 3 }),
    headers: fc.array(
      fc.tuple(fc.oneof(fc.constantFrom('accept-language', 'x-forwarded-for', 'accept', 'origin', 'content-encoding', 'x-request-id', 'cookie'), fc.stringMatching(/^x-[a-z0-9-]{1,20}$/)), headerText(600)),
      { maxLength: 3 },
    ),
  }) as fc.Arbitrary<Case>;
}

/** Whether no valid request looks like this one, so the service must refuse it. */
function mustRefuse(route: Route, c: Case): boolean {
  const secured = (route.operation.security ?? []).length > 0;
  if (secured && c.token !== 'valid') return true;
  // Path ids are made up, never the account's own: not found at best.
  if (Object.keys(c.path).length > 0) return true;
  const headerParams = (route.operation.parameters ?? []).filter((p) => p.in === 'header');
  if (headerParams.some((p) => c.headerParams[p.name] !== undefined && !stringFits(p.schema, c.headerParams[p.name]!))) return true;
  const takesJson = route.operation.requestBody?.content?.['application/json'] !== undefined;
  if (!takesJson) return false;
  if (c.raw !== null) {
    try {
      JSON.parse(c.raw);
    } catch {
      return true;
    }
    return false;
  }
  if (!/^application\/json(;|$)/i.test(c.contentType) && c.contentType !== '*/*') return true;
  return c.body === null || c.body.invalid;
}

function describeCase(c: Case): string {
  return preview({ ...c, body: c.body && { how: c.body.how, value: c.body.value }, garbageToken: c.token === 'garbage' ? c.garbageToken : undefined }, 600);
}

async function send(route: Route, c: Case, accessToken: string): Promise<Answer> {
  let path = route.path;
  for (const [name, value] of Object.entries(c.path)) path = path.replace(`{${name}}`, encodeSegment(value) || '%20');
  const query = c.query.map(([key, value]) => `${encodeSegment(key)}=${encodeSegment(value)}`).join('&');
  const headers: Record<string, string> = {};
  for (const [name, value] of c.headers) headers[name] = value;
  Object.assign(headers, c.headerParams);
  if (c.token === 'valid') headers.authorization = `Bearer ${accessToken}`;
  if (c.token === 'garbage') headers.authorization = c.garbageToken;
  const raw = c.raw ?? (c.body ? JSON.stringify(c.body.value) : undefined);
  if (raw !== undefined) headers['content-type'] = c.contentType;
  return api.request(route.method, `${path}${query ? `?${query}` : ''}`, raw === undefined ? { headers } : { headers, raw });
}

it('answers every broken request to every documented route with a 4xx in the error envelope, never a 5xx', { timeout: 120_000 }, async () => {
  const document = (await api.get('/v1/openapi.json')).body as { paths: Record<string, Record<string, Operation>> };
  const routes: Route[] = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
  expect(routes.length).toBeGreaterThan(20);

  const account = await confirmedAccount(api, smtp, 'property');
  const counts: [string, number][] = [];
  const failures: string[] = [];
  for (const route of routes) {
    const name = `${route.method} ${route.path}`;
    // A fresh session per route: a route that signs out everywhere must not spoil the next.
    const { accessToken } = await signIn(api, account.email, account.password);
    let cases = 0;
    const result = await fc.check(
      fc.asyncProperty(caseFor(route), async (c) => {
        cases++;
        const answer = await send(route, c, accessToken);
        const what = `${name} ${describeCase(c)} → ${answer.status} ${preview(answer.body, 300)}`;
        expect(answer.status, what).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(httpErrorBodySchema.safeParse(answer.body).success, `not the error envelope: ${what}`).toBe(true);
        }
        if (mustRefuse(route, c)) {
          expect(answer.status, `accepted: ${what}`).toBeGreaterThanOrEqual(400);
        }
      }),
      { numRuns: runsPerRoute, interruptAfterTimeLimit: 15_000, markInterruptAsFailure: false },
    );
    counts.push([name, cases]);
    if (result.failed) failures.push(`${name} (seed ${result.seed}, path ${result.counterexamplePath}): ${String((result.errorInstance as Error | undefined)?.message ?? result.errorInstance).split('\n')[0]}`);
  }

  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  console.log(`Broken requests sent, per route (${total} in all over ${counts.length} routes):\n${counts.map(([n, c]) => `  ${String(c).padStart(4)}  ${n}`).join('\n')}`);
  expect(failures, failures.join('\n\n')).toEqual([]);
});
