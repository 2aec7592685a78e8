import { inspect } from 'node:util';
import fc from 'fast-check';

/**
 * The part of JSON Schema that the service's OpenAPI document and zod's toJSONSchema use
 * for inputs: objects, strings with bounds, patterns and enums, arrays, numbers.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  /** Values the schema accepts, given where its rule is more than JSON Schema can say (a card's Luhn check). */
  examples?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
}

/** A generated input and whether the schema it was made from must refuse it. */
export interface Broken {
  value: unknown;
  /** What was broken, for the failure message and the counts. */
  how: string;
  /** True when no input matching the schema looks like this: the answer must be a refusal. */
  invalid: boolean;
}

/**
 * Characters text fields must not carry or that break naive handling: NUL and the other C0
 * controls, DEL, C1, line and paragraph separators, the bidi overrides and isolates that
 * reorder what a person reads, a BOM, and a lone surrogate (not valid UTF-16 at all).
 */
export const hostileCharacters = [
  '\u0000', '\u0001', '\u0007', '\u0008', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009b',
  '\u2028', '\u2029', '\u202a', '\u202b', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
  '\ufeff', '\ud800', '\udfff',
] as const;

const typeOf = (schema: JsonSchema): string | undefined => (Array.isArray(schema.type) ? schema.type[0] : schema.type);
const patternOf = (schema: JsonSchema) => (schema.pattern === undefined ? undefined : new RegExp(schema.pattern, 'u'));

/** Whether a string meets the schema's own string rules (length, pattern, enum). */
export function stringFits(schema: JsonSchema, value: string): boolean {
  // UTF-16 units, as zod (and so the service and the contract) counts them.
  const length = value.length;
  if (schema.minLength !== undefined && length < schema.minLength) return false;
  if (schema.maxLength !== undefined && length > schema.maxLength) return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  const pattern = patternOf(schema);
  return pattern === undefined || pattern.test(value);
}

/** A short value the schema accepts: the base that a breakage starts from. */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.examples?.length) return fc.constantFrom(...schema.examples);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map(validValue));
  switch (typeOf(schema)) {
    case 'string':
      return validString(schema);
    case 'integer':
      // fast-check's integers are 32-bit; a schema's bound may be Number.MAX_SAFE_INTEGER.
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -(2 ** 31)), max: Math.min(schema.maximum ?? 1000, 2 ** 31 - 1) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? validValue(schema.items) : fc.jsonValue(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'object':
      return validObject(schema);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 24, 24));
  const pattern = patternOf(schema);
  let base: fc.Arbitrary<string>;
  if (schema.format === 'email') base = fc.stringMatching(/^[a-z][a-z0-9]{0,11}@[a-z]{2,10}\.test$/);
  else if (schema.format === 'uri') base = fc.webUrl({ validSchemes: ['https'] });
  else if (pattern && !schema.pattern!.startsWith('^[^')) {
    // `^[…]+$` with a minimum length: say the length in the pattern, or short matches would all be filtered away.
    const repeated = /^\^(\[[^\]]+\])[+*]\$$/.exec(schema.pattern!);
    const sized = repeated ? new RegExp(`^${repeated[1]}{${min},${Math.max(min, max)}}$`, 'u') : pattern;
    base = fc.stringMatching(sized, { maxLength: Math.max(schema.maxLength ?? 64, min) });
  }
  else base = fc.string({ minLength: min, maxLength: max, unit: 'grapheme-ascii' });
  return base.filter((value) => stringFits(schema, value));
}

function validObject(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const record = fc.record(
    Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, validValue(property)])),
    { requiredKeys: (schema.required ?? []).filter((key) => key in properties) },
  ) as fc.Arbitrary<Record<string, unknown>>;
  const least = schema.minProperties ?? 0;
  return least > 0 ? record.filter((value) => Object.keys(value).length >= least) : record;
}

/** Some JSON value that is not of the schema's type (nor, for strings, any string at all). */
function otherType(schema: JsonSchema): fc.Arbitrary<unknown> {
  const type = typeOf(schema);
  const all: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.string({ maxLength: 8 })],
    ['number', fc.oneof(fc.integer(), fc.constantFrom(1e308, -0, 2 ** 53 + 1))],
    // A fraction: of the wrong type for an integer field, and for every non-number field.
    ['fraction', fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })],
  ];
  // An integer field accepts the integers 'number' would make; a number field accepts fractions too.
  const allowed = new Set(type === 'integer' ? ['number'] : type === 'number' ? ['number', 'fraction'] : [type]);
  return fc.oneof(...all.filter(([name]) => !allowed.has(name)).map(([, arbitrary]) => arbitrary));
}

const broken = (how: string, invalid: boolean) => (value: unknown): Broken => ({ value, how, invalid });

/** A string that is far too long (or, with no bound, large enough to hurt). */
function hugeString(schema: JsonSchema): fc.Arbitrary<Broken> {
  const bound = schema.maxLength;
  const lengths = bound !== undefined ? [bound + 1, bound * 4 + 7, 100_000] : [10_000, 100_000];
  return fc.tuple(fc.constantFrom(...lengths), fc.constantFrom('x', 'é', '\u{1F600}', '\u0000', '\u202e')).map(([length, unit]) =>
    broken(`huge string (${length})`, bound !== undefined || !stringFits(schema, unit))(unit.repeat(length)),
  );
}

/** Hostile characters put into a value the schema otherwise accepts. */
function hostileString(schema: JsonSchema): fc.Arbitrary<Broken> {
  return fc
    .tuple(validString(schema), fc.array(fc.constantFrom(...hostileCharacters), { minLength: 1, maxLength: 3 }), fc.nat())
    .map(([base, inserted, at]) => {
      const chars = [...base];
      const position = chars.length === 0 ? 0 : at % (chars.length + 1);
      const value = [...chars.slice(0, position), ...inserted, ...chars.slice(position)].join('');
      const codes = inserted.map((c) => `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(' ');
      // A schema may drop whitespace before it checks (a pasted "123 456" code): then whitespace is no fault.
      const invalid = [value, value.trim(), value.replace(/\s+/g, '')].every((form) => !stringFits(schema, form));
      return broken(`control or bidi characters (${codes})`, invalid)(value);
    });
}

/** One thing wrong with a value of this schema, at the top or somewhere inside it. */
export function brokenValue(schema: JsonSchema, depth = 0): fc.Arbitrary<Broken> {
  const options: fc.Arbitrary<Broken>[] = [otherType(schema).map(broken('wrong type', true))];
  const type = typeOf(schema);
  if (schema.enum) {
    options.push(fc.string({ maxLength: 12 }).filter((value) => !schema.enum!.includes(value)).map(broken('not one of the allowed values', true)));
  } else if (type === 'string') {
    options.push(hugeString(schema), hostileString(schema));
    if ((schema.minLength ?? 0) > 0) options.push(fc.constant(broken('empty string', true)('')));
    // A pattern that only forbids some characters is broken by hostileString; a random string would almost never hit them.
    if (schema.pattern && !schema.pattern.startsWith('^[^')) {
      const pattern = patternOf(schema)!;
      options.push(fc.string({ maxLength: 20, unit: 'binary' }).filter((value) => !pattern.test(value)).map(broken('does not match its pattern', true)));
    }
  } else if (type === 'array') {
    if (schema.maxItems !== undefined && schema.items) {
      options.push(fc.array(validValue(schema.items), { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 3 }).map(broken('too many items', true)));
    }
    if ((schema.minItems ?? 0) > 0) options.push(fc.constant(broken('too few items', true)([])));
    if (schema.items && depth < 3) {
      options.push(
        fc.tuple(validValue(schema), brokenValue(schema.items, depth + 1)).map(([items, bad]) => ({
          value: [...(items as unknown[]), bad.value],
          how: `an item: ${bad.how}`,
          invalid: bad.invalid,
        })),
      );
    }
  } else if (type === 'object') {
    options.push(...objectBreakages(schema, depth));
  }
  return fc.oneof(...options);
}

/** Keys that have fooled object handling before: prototype pollution and query operators. */
const trickyKeys = ['__proto__', 'constructor', 'prototype', '$where', '$gt', 'toString', ''];

function objectBreakages(schema: JsonSchema, depth: number): fc.Arbitrary<Broken>[] {
  const properties = schema.properties ?? {};
  const required = (schema.required ?? []).filter((key) => key in properties);
  const base = validObject(schema);
  const options: fc.Arbitrary<Broken>[] = [];
  if (required.length > 0) {
    options.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([value, key]) => {
        const { [key]: _dropped, ...rest } = value;
        return broken(`missing ${key}`, true)(rest);
      }),
    );
  }
  const extraKey = fc.oneof(fc.constantFrom(...trickyKeys), fc.string({ maxLength: 10 })).filter((key) => !(key in properties));
  options.push(
    fc.tuple(base, extraKey, fc.jsonValue({ maxDepth: 2 })).map(([value, key, extra]) => {
      const withExtra = { ...value };
      Object.defineProperty(withExtra, key, { value: extra, enumerable: true, configurable: true, writable: true });
      return broken(`extra field ${JSON.stringify(key)}`, schema.additionalProperties === false)(withExtra);
    }),
  );
  const keys = Object.keys(properties);
  if (keys.length > 0 && depth < 3) {
    options.push(
      fc
        .constantFrom(...keys)
        .chain((key) => fc.tuple(fc.constant(key), base, brokenValue(properties[key]!, depth + 1)))
        .map(([key, value, bad]) => ({ value: { ...value, [key]: bad.value }, how: `${key}: ${bad.how}`, invalid: bad.invalid })),
    );
  }
  return options;
}

/** A short readable form of a generated input, for failure messages (huge strings cut). */
export function preview(value: unknown, limit = 300): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 40)}…(${v.length} chars)` : v)) ?? String(value);
  } catch {
    // A BigInt, or nesting deeper than JSON.stringify goes.
    text = inspect(value, { depth: 3, maxStringLength: 60, maxArrayLength: 5, breakLength: Infinity });
  }
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
