import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import supertest from 'supertest';
import { openapi } from '../../src/http/openapi.js';
import { demoPassword } from '../../src/server.js';
import { databaseTargets } from '../support/databases.js';
import { fixture, testQyzmet, type TestQyzmet } from '../support/app.js';

/**
 * Every route of the OpenAPI document, fed what clients get wrong and what attackers try: no body,
 * wrong types, huge and deeply nested values, unicode edge cases, SQL-looking strings, path
 * traversal and overlong ids. Every answer is a 2xx or 4xx (never a 5xx, never no answer within
 * the per-request timeout), and a rejected request (4xx) leaves every table's row count as it was.
 * Runs as the admin (who may call everything, so the input reaches the handlers) and anonymously.
 *
 * Bounded: FUZZ_RUNS runs per route and identity (default 10) from FUZZ_SEED (default below,
 * printed); a failure prints the shrunk request, to replay with the same seed.
 */
const seed = Number(process.env.FUZZ_SEED ?? 20261130);
const numRuns = Number(process.env.FUZZ_RUNS ?? 10);
/** No answer within this is a hang: the request fails, and the fuzz reports it. */
const requestTimeoutMs = 15_000;

// ---- values -------------------------------------------------------------------------------------

/** Characters that break naive code: NUL, lone surrogates, RTL overrides, BOM, emoji, Kazakh letters. */
const oddChars = ['\u0000', '\uD800', '\uDFFF', '\uDBFF\uDFFF', '\u202E', '\u200F', '\uFEFF', '\u00A0', '\n', '\r', '\t', '"', "'", '\\', '/', '%', '&', '?', '#', '<', '>', '😀', '👩‍👩‍👧', 'Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ', 'І', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'ש', 'م'];
const char = fc.oneof(fc.constantFrom(...oddChars), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));
const nastyStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\u202Eгдн.exe',
  'שלום עולם',
  'مرحبا',
  'Қазақстан Республикасы, Әлеуметтік көмек — Өтініш №1',
  '😀👩‍👩‍👧🇰🇿',
  "' OR 1=1 --",
  "'; DROP TABLE instances; --",
  '" OR ""="',
  '1; SELECT * FROM users',
  "admin'--",
  '%',
  '%00',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '2026-02-30',
  '0000-00-00',
  'x'.repeat(10_000),
];
/** Text a database stores as sent (no NUL, no lone surrogate), still RTL, emoji, Kazakh and SQL-looking. */
const storable = (c: string) => !c.includes('\u0000') && !/[\uD800-\uDFFF]/u.test(c);
const storableChar = char.filter(storable);
const storableText = fc.oneof(fc.constantFrom(...nastyStrings.filter(storable)), fc.string({ unit: storableChar, maxLength: 40 }));
const text = fc.oneof(fc.constantFrom(...nastyStrings), fc.string({ unit: char, maxLength: 40 }));

/** A value nested `depth` deep, in objects or arrays. */
const nested = (depth: number, inArrays: boolean): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = inArrays ? [value] : { a: value };
  return value;
};

/** Any JSON value, including the awkward ones. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 2 ** 53 + 1, -1e308, [], {}, [null], { '': '' }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  // Past the server's 64 levels, yet shallow enough for the client's own JSON.stringify, whose
  // recursion runs out of stack near a few thousand levels (deeper bodies are sent as raw text below).
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 60, max: 1000 }), fc.boolean()).map(([d, a]) => nested(d, a)) },
  { weight: 1, arbitrary: fc.dictionary(text, text, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.constant(JSON.parse('{"__proto__": {"admin": true}, "constructor": {"prototype": {"polluted": true}}}')) },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 50 }) }
);

const approval = fixture('approval.bpmn');
/** BPMN for the `xml` fields: a real diagram, and ones that are broken, hostile or odd in small ways. */
const bpmnSamples = [
  approval,
  approval.replace('name="Approval"', 'name="Қазақ 😀 \u202E\' OR 1=1 --"'),
  approval.replace('id="approval"', 'id="fuzzed-process"'),
  approval.slice(0, approval.length / 2),
  approval.replace('<startEvent id="start"/>', ''),
  approval.replace('P30D', 'P99999999999999999999D'),
  approval.replace('P30D', 'not a duration'),
  approval.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>').replace('name="Approval"', 'name="&f;"'),
  approval.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('name="Approval"', 'name="&xxe;"'),
  approval.replace('<endEvent id="done"/>', '<endEvent id="done"/>'.repeat(2)),
  approval.replace('<userTask id="review"', `<userTask id="review" camunda:formKey="${'k'.repeat(300)}"`),
  '<definitions/>',
  '<?xml version="1.0"?><a>',
  '<html><body>not bpmn</body></html>',
  approval.replace('</process>', `${'<task id="t"/>'.repeat(3)}</process>`),
];

type Schema = { type?: string | readonly string[]; enum?: readonly unknown[]; properties?: Record<string, Schema>; required?: readonly string[]; items?: Schema; format?: string; pattern?: string; minLength?: number; maxLength?: number };

/** A value the schema accepts (roughly: good enough to get past validation into the handler). */
function valid(schema: Schema, name = ''): fc.Arbitrary<unknown> {
  if (name === 'xml') return fc.constantFrom(...bpmnSamples);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {};
      if (Object.keys(props).length === 0) return fc.dictionary(storableText, fc.oneof(storableText, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 5 });
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, valid(s, k)])), { requiredKeys: [...(schema.required ?? [])] as never[] });
    }
    case 'array':
      return fc.array(valid(schema.items ?? {}), { minLength: 1, maxLength: 3 });
    case 'integer':
      return fc.oneof(fc.integer({ min: -5, max: 400 }), fc.constantFrom(0, 2 ** 31, -(2 ** 31), Number.MAX_SAFE_INTEGER));
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.format === 'date-time') return fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.oneof(
        fc.string({ unit: storableChar, minLength: Math.max(1, schema.minLength ?? 0), maxLength: Math.min(schema.maxLength ?? 60, 60) }),
        storableText.filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity))
      );
    default:
      return junk;
  }
}

/** A body close to a valid one with one thing wrong (or nothing), or something else entirely. */
function bodyFor(schema: Schema | undefined): fc.Arbitrary<{ raw?: string; type?: string; json?: unknown } | undefined> {
  const good = schema ? valid(schema) : fc.constant({});
  const spoiled = good.chain((value) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return fc.constant(value);
    const keys = Object.keys(value);
    const names = [...new Set([...keys, ...Object.keys(schema?.properties ?? {})])];
    return fc.oneof(
      fc.constant(value),
      // one field of the wrong type or awkward content
      names.length ? fc.tuple(fc.constantFrom(...names), junk).map(([k, v]) => ({ ...value, [k]: v })) : fc.constant(value),
      // a required field missing
      keys.length ? fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(value).filter(([n]) => n !== k))) : fc.constant(value),
      // a field nobody asked for
      fc.tuple(text, junk).map(([k, v]) => ({ ...value, [k]: v }))
    );
  });
  return fc.oneof(
    { weight: 6, arbitrary: spoiled.map((json) => ({ json })) },
    { weight: 2, arbitrary: junk.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"a":', 'null', '"text"', '123', '[1,]', '{"a":1}garbage', '\u0000', '[' .repeat(20_000) + ']'.repeat(20_000), `{"x":"${'y'.repeat(300 * 1024)}"}`).map((raw) => ({ raw, type: 'application/json' })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-7'), text).map(([type, raw]) => ({ raw, type })) }
  );
}

/**
 * Percent-encodes a string for a URL, lone surrogates included (as the bytes WTF-8 gives them,
 * which are not UTF-8: the server must refuse, not crash, when it decodes them).
 */
function encode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s.slice(i, i + 2));
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    else out += encodeURIComponent(s[i]!);
  }
  return out;
}

/** Path segments as sent on the wire: real ids, traversal (raw and encoded), overlong, odd bytes, any text. */
const idFor = (real: string[]) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...real.map(encode)) },
    { weight: 2, arbitrary: fc.constantFrom('..', '.', '../', '..%2f', '%2e%2e', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%5c..%5c', '%2E%2E/%2E%2E/', '%00', 'a%00b', '%ED%A0%80', '%FF', '%C0%AE', '%', '%zz', '%25', encode('a'.repeat(300)), 'a'.repeat(20_000), encode("1' OR '1'='1"), encode('Қазақ 😀 ש')) },
    { weight: 3, arbitrary: text.map(encode) }
  );

/** A query string for the route's parameters: valid values, junk, repeated names, names nobody asked for. */
function queryFor(parameters: { name: string; in: string; schema: Schema }[]): fc.Arbitrary<string> {
  const names = parameters.filter((p) => p.in === 'query');
  if (names.length === 0) return fc.oneof(fc.constant(''), fc.tuple(text, text).map(([k, v]) => `${encode(k)}=${encode(v)}`));
  const one = fc.constantFrom(...names).chain((p) => fc.tuple(fc.constant(p.name), fc.oneof(valid(p.schema).map(String), text, fc.constant(''))));
  return fc.array(fc.oneof({ weight: 5, arbitrary: one }, { weight: 1, arbitrary: fc.tuple(text, text) }), { maxLength: 5 }).map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));
}

// ---- the run ------------------------------------------------------------------------------------

interface Route {
  method: string;
  template: string;
  parameters: { name: string; in: string; schema: Schema }[];
  body?: Schema;
}
const routes: Route[] = Object.entries(openapi.paths as unknown as Record<string, Record<string, { parameters?: Route['parameters']; requestBody?: { content: { 'application/json': { schema: Schema } } } }>>).flatMap(([template, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ method, template, parameters: op.parameters ?? [], body: op.requestBody?.content['application/json'].schema }))
);

interface Sent {
  url: string;
  body?: { raw?: string; type?: string; json?: unknown };
}

/** What the request was, short enough to read in a failure. */
const show = (route: Route, sent: Sent) => `${route.method.toUpperCase()} ${sent.url.slice(0, 300)} ${JSON.stringify(sent.body)?.slice(0, 300) ?? '(no body)'}`;

for (const database of databaseTargets()) {
  describe(`fuzzing every route of the OpenAPI document (${database.name})`, function () {
    this.timeout(300_000);
    let t: TestQyzmet;
    const real: Record<string, string[]> = {};
    let adminToken = '';
    let webDir = '';

    before(async () => {
      // The web app's files beside the API, as npm start serves them: a fuzzed path that no API
      // route takes must not reach them.
      webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qyzmet-fuzz-web-'));
      fs.mkdirSync(path.join(webDir, 'assets'));
      fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Qyzmet</title>');
      fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), '');
      t = await testQyzmet({ databaseUrl: await database.fresh(), env: { QYZMET_WEB: webDir } });
      await t.deploy(fixture('approval.bpmn'));
      const started = (await t.api.post('/api/definitions/approval/instances').send({ businessKey: 'FUZZ-1', variables: { applicantIin: '750930410421' } }).expect(201)).body;
      const [task] = (await t.api.get('/api/tasks').query({ instance: started.id }).expect(200)).body;
      const forms = (await t.api.get('/api/forms').expect(200)).body.map((f: { key: string }) => f.key);
      real.id = [started.id, task.id];
      real.key = ['approval', ...forms.slice(0, 2)];
      real.username = ['operator', 'executor', 'nobody'];
      real.iin = ['750930410421', '000000000000'];
      real.year = ['2026', '1991', '2101'];
      real.date = ['2026-01-03', '2026-13-45', '1900-01-01'];
      console.log(`      fuzz: seed ${seed}, ${numRuns} runs per route and identity (FUZZ_SEED, FUZZ_RUNS to change)`);
    });
    after(async () => {
      await t?.close();
      await database.stop();
      fs.rmSync(webDir, { recursive: true, force: true });
    });

    /** The admin's token, signed in again when a fuzzed request signed it out or moved the clock past its expiry. */
    async function admin(): Promise<string> {
      if (!adminToken || !(await t.qyzmet.accounts.authenticate(adminToken))) adminToken = (await t.qyzmet.accounts.login('admin', demoPassword)).token;
      return adminToken;
    }

    async function send(route: Route, sent: Sent, token: string | undefined) {
      let req = supertest(t.qyzmet.app)[route.method as 'get'](sent.url).timeout({ deadline: requestTimeoutMs });
      if (token) req = req.set('Authorization', `Bearer ${token}`);
      if (sent.body?.json !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(sent.body.json));
      else if (sent.body?.raw !== undefined) req = req.set('Content-Type', sent.body.type!).send(sent.body.raw);
      return req;
    }

    for (const identity of ['admin', 'anonymous'] as const) {
      it(`answers every request ${identity === 'admin' ? 'as the admin' : 'without a session'} with a 2xx or 4xx, and a 4xx changes no table`, async () => {
        const problems: string[] = [];
        const statuses = new Map<number, number>();
        for (const route of routes) {
          const pathNames = route.parameters.filter((p) => p.in === 'path').map((p) => p.name);
          const request = fc.record({
            ids: fc.tuple(...pathNames.map((name) => idFor(real[name] ?? ['x']))),
            query: queryFor(route.parameters),
            body: bodyFor(route.body),
          });
          const property = fc.asyncProperty(request, async ({ ids, query, body }) => {
            let i = 0;
            const url = route.template.replace(/\{\w+\}/g, () => ids[i++] as string) + (query ? `?${query}` : '');
            const sent: Sent = { url, body };
            const token = identity === 'admin' ? await admin() : undefined;
            const before = await t.qyzmet.store.counts();
            let res;
            try {
              res = await send(route, sent, token);
            } catch (err) {
              throw new Error(`no answer (${(err as Error).message}) to ${show(route, sent)}`);
            }
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (process.env.FUZZ_SHOW) console.log(`${res.status} ${show(route, sent).slice(0, 160)} ${JSON.stringify(res.body).slice(0, 160)}`);
            if (res.status >= 500 || res.status < 200 || (res.status >= 300 && res.status < 400)) throw new Error(`${res.status} ${JSON.stringify(res.body).slice(0, 300)} to ${show(route, sent)}`);
            if (res.status >= 400) {
              const after = await t.qyzmet.store.counts();
              const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
              if (changed.length) throw new Error(`${res.status} yet rows changed in ${changed.join(', ')} by ${show(route, sent)}`);
              if (res.headers['content-type']?.startsWith('application/json') && typeof res.body?.error !== 'string') throw new Error(`${res.status} without an error message to ${show(route, sent)}`);
            }
          });
          const details = await fc.check(property, { seed, numRuns, endOnFailure: false, markInterruptAsFailure: true, interruptAfterTimeLimit: 120_000 });
          if (details.failed && process.env.FUZZ_SHOW) console.log((details.errorInstance as Error | undefined)?.stack);
          if (details.failed) problems.push(`${route.method.toUpperCase()} ${route.template}: ${(details.errorInstance as Error | undefined)?.message ?? `interrupted after ${details.numRuns} runs`}`);
        }
        console.log(`      answers: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${n}× ${s}`).join(', ')}`);
        expect(problems).to.deep.equal([]);
      });
    }

    it('keeps serving after the fuzz', async () => {
      expect((await t.anonymous.get('/api/clock').set('Authorization', `Bearer ${await admin()}`)).status).to.equal(200);
    });
  });
}
