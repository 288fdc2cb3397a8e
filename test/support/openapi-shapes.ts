import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Twilio's own OpenAPI descriptions (outside the repository: they are Twilio's, read where they
 * lie) and a small checker of JSON answers against their schemas. Looked for in
 * TWILIO_OAI_DIR, then ../shared/twilio-oai next to the checkout, then /work/shared/twilio-oai
 * (where this project's machines keep them, whatever directory a clone is in).
 */
const CANDIDATES = [
  process.env.TWILIO_OAI_DIR,
  path.resolve(__dirname, '../../../shared/twilio-oai'),
  '/work/shared/twilio-oai',
].filter((dir): dir is string => dir !== undefined && dir !== '');

export const TWILIO_OAI_DIR: string | undefined = CANDIDATES.find((dir) =>
  existsSync(path.join(dir, 'twilio_taskrouter_v1.json')),
);

/**
 * `describe` where the descriptions were found; elsewhere `describe.skip` with one notice (the
 * emulator's shapes are still exercised through the real SDK by the other emulator suites).
 */
export function describeWithOpenApi(name: string, suite: () => void): void {
  if (TWILIO_OAI_DIR === undefined) {
    process.stderr.write(
      `[holdline tests] Twilio's OpenAPI descriptions not found (looked in ${CANDIDATES.join(', ')}); ` +
        'skipping the shape checks. Set TWILIO_OAI_DIR to run them.\n',
    );
    describe.skip(name, suite);
    return;
  }
  describe(name, suite);
}

type Json = Record<string, unknown>;
export interface Spec {
  readonly paths: Record<string, Record<string, Json>>;
  readonly components: { readonly schemas: Record<string, Json> };
}

const cache = new Map<string, Spec>();

/** Fails the calling test with a message that says what is missing and where it was looked for. */
export function loadSpec(
  file:
    | 'twilio_taskrouter_v1.json'
    | 'twilio_api_v2010.json'
    | 'twilio_events_v1.json'
    | 'twilio_studio_v2.json',
): Spec {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  const full = path.join(TWILIO_OAI_DIR ?? CANDIDATES[0] ?? '', file);
  if (!existsSync(full)) {
    throw new Error(
      `Twilio's OpenAPI description ${file} is not at ${full}. The shape tests need ../shared/twilio-oai/ ` +
        '(twilio/twilio-oai spec/json files) next to the repository, or TWILIO_OAI_DIR pointing at it.',
    );
  }
  const spec = JSON.parse(readFileSync(full, 'utf8')) as Spec;
  cache.set(file, spec);
  return spec;
}

export function resolveSchema(spec: Spec, schema: Json): Json {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  const resolved = spec.components.schemas[name];
  if (resolved === undefined) throw new Error(`${ref} is not in the description`);
  return resolveSchema(spec, resolved);
}

/** The schema of a GET's 200 JSON answer. */
export function responseSchema(spec: Spec, apiPath: string): Json {
  const operation = spec.paths[apiPath]?.get;
  if (operation === undefined) throw new Error(`GET ${apiPath} is not in the description`);
  const content = ((operation.responses as Json)['200'] as Json).content as Json;
  return resolveSchema(spec, (content['application/json'] as Json).schema as Json);
}

/** The documented example of that answer (Twilio's examples name the keys of untyped objects). */
export function responseExample(spec: Spec, apiPath: string): Json {
  const operation = spec.paths[apiPath]?.get as Json;
  const content = ((operation.responses as Json)['200'] as Json).content as Json;
  const examples = (content['application/json'] as Json).examples as Record<
    string,
    { value: Json }
  >;
  const first = Object.values(examples)[0];
  if (first === undefined) throw new Error(`GET ${apiPath} has no example`);
  return first.value;
}

export function propertiesOf(spec: Spec, schema: Json): Record<string, Json> {
  const properties = resolveSchema(spec, schema).properties as Record<string, Json> | undefined;
  if (properties === undefined) throw new Error('schema lists no properties');
  return properties;
}

/**
 * What is wrong with `value` as an instance of `schema`: documented fields missing, fields
 * that are not documented, and values of the wrong type (one level deep; nested objects whose
 * schema lists properties are checked too).
 */
export function shapeProblems(spec: Spec, schema: Json, value: unknown, where = '$'): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return [`${where}: not an object`];
  const properties = propertiesOf(spec, schema);
  const record = value as Json;
  const problems: string[] = [];
  for (const key of Object.keys(properties)) {
    if (!(key in record)) problems.push(`${where}.${key}: missing`);
  }
  for (const [key, field] of Object.entries(record)) {
    const property = properties[key];
    if (property === undefined) {
      problems.push(`${where}.${key}: not documented`);
      continue;
    }
    problems.push(...typeProblems(spec, resolveSchema(spec, property), field, `${where}.${key}`));
  }
  return problems;
}

function typeProblems(spec: Spec, schema: Json, value: unknown, where: string): string[] {
  if (value === null) return schema.nullable === true ? [] : [`${where}: null, but not nullable`];
  const type = schema.type;
  const format = schema.format;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    return [`${where}: ${JSON.stringify(value)} not in enum`];
  if (type === 'integer' && !Number.isInteger(value)) return [`${where}: not an integer`];
  if (type === 'string') {
    if (typeof value !== 'string') return [`${where}: not a string`];
    if (format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) {
      return [`${where}: not an ISO 8601 date-time`];
    }
    if (
      format === 'date-time-rfc-2822' &&
      !/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/.test(value)
    ) {
      return [`${where}: not an RFC 2822 date`];
    }
    if (format === 'uri' && !/^(https?:\/\/|\/)/.test(value)) return [`${where}: not a URI`];
  }
  if (type === 'array') {
    if (!Array.isArray(value)) return [`${where}: not an array`];
    const items = schema.items as Json | undefined;
    if (items !== undefined && resolveSchema(spec, items).properties !== undefined) {
      return value.flatMap((item, i) => shapeProblems(spec, items, item, `${where}[${i}]`));
    }
  }
  if (type === 'object' && resolveSchema(spec, schema).properties !== undefined) {
    return shapeProblems(spec, schema, value, where);
  }
  return [];
}

/** The keys of an untyped object must be the documented example's. */
export function keysOf(value: unknown): string[] {
  return Object.keys(value ?? {}).sort();
}
