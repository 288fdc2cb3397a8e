import type { MetadataEntries } from './metadata-entries.js';
import { byName } from './metadata-entries.js';
import { readStoredMetadata } from './metadata-validation.js';

/*
 * The file store's format: {"format":1,"queues":{"<name>":{"version":n,"metadata":{...}}}}.
 * `format` is there so that a later change of layout can be recognised rather than misread.
 */
export const METADATA_FILE_FORMAT = 1;

export function serializeMetadataFile(entries: MetadataEntries): string {
  // fromEntries, not assignment: a queue named "__proto__" must stay a plain key.
  const queues = Object.fromEntries(
    [...entries]
      .sort(([a], [b]) => byName(a, b))
      .map(([name, { version, metadata }]) => [name, { version, metadata }]),
  );
  return `${JSON.stringify({ format: METADATA_FILE_FORMAT, queues }, null, 2)}\n`;
}

export type MetadataFileParse =
  /** `unreadable`: queues whose entry could not be read (left out of `entries`). */
  | { readonly ok: true; readonly entries: MetadataEntries; readonly unreadable: string[] }
  | { readonly ok: false; readonly problem: string };

/** Reads each entry through readStoredMetadata: older files lack fields newer versions added. */
export function parseMetadataFile(text: string): MetadataFileParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
  if (!isRecord(raw)) return { ok: false, problem: 'not a JSON object' };
  if (raw.format !== METADATA_FILE_FORMAT) {
    return {
      ok: false,
      problem: `format ${JSON.stringify(raw.format)} is not ${METADATA_FILE_FORMAT}`,
    };
  }
  if (!isRecord(raw.queues)) return { ok: false, problem: 'queues is not an object' };
  const entries: MetadataEntries = new Map();
  const unreadable: string[] = [];
  for (const [name, entry] of Object.entries(raw.queues)) {
    const version = isRecord(entry) ? entry.version : undefined;
    const metadata = isRecord(entry) ? readStoredMetadata(name, entry.metadata) : undefined;
    if (metadata !== undefined && typeof version === 'number' && isVersion(version)) {
      entries.set(name, { metadata, version });
    } else {
      unreadable.push(name);
    }
  }
  return { ok: true, entries, unreadable };
}

function isVersion(version: number): boolean {
  return Number.isSafeInteger(version) && version >= 1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
