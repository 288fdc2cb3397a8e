import type { PathSegment } from './ast.js';

/**
 * The value a key path names in a worker's attributes, or null when any step is missing
 * ("If the document does not contain the requested key, it resolves to NULL" — Twilio's
 * expression syntax page). Only own properties count, so `constructor` or `length` never leak
 * in from JavaScript's prototypes; a name step on an array, or an index on an object, is missing.
 */
export function resolvePath(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return null;
      current = current[segment] as unknown;
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return null;
      if (!Object.hasOwn(current, segment)) return null;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current === undefined ? null : current;
}
