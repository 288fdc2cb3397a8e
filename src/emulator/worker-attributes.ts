/**
 * What TaskRouter accepts as a Worker's attributes: a JSON object as text, at most 4096 long.
 * TaskRouter's resource limits say "4096 characters", whitespace included
 * (https://www.twilio.com/docs/taskrouter/limits); the emulator counts UTF-8 bytes, the
 * stricter reading (the same number for ASCII), so what passes here passes there.
 */
export const MAX_WORKER_ATTRIBUTES_BYTES = 4096;

export interface AttributesProblem {
  readonly kind: 'not-json' | 'not-object' | 'too-long';
  readonly message: string;
}

export function checkWorkerAttributes(text: string): AttributesProblem | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_WORKER_ATTRIBUTES_BYTES) {
    return {
      kind: 'too-long',
      message: `Attributes are ${bytes} bytes long; the limit is ${MAX_WORKER_ATTRIBUTES_BYTES}`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'not-json', message: 'Attributes must be valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'not-object', message: 'Attributes must be a JSON object' };
  }
  return undefined;
}

/** Attributes as given to the emulator's own API: an object, or JSON text (checked either way). */
export function attributesText(input: string | Readonly<Record<string, unknown>>): string {
  return typeof input === 'string' ? input : JSON.stringify(input);
}
