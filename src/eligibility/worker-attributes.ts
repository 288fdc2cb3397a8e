/**
 * Writing a worker's eligible queues into its attributes without harming the rest of them.
 * TaskRouter keeps attributes as one JSON string of at most 4 KB; a write replaces it whole, so
 * the new string is the old object with one key changed, and a write that could not be taken
 * (too large, or attributes that are not a JSON object) is never attempted.
 */

/** TaskRouter's limit on a worker's attributes (bytes of the JSON string). */
export const MAX_ATTRIBUTES_BYTES = 4096;

export type AttributesPlan =
  /** The key already holds exactly this list: nothing to write (and no event loop from ours). */
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'write'; readonly attributes: string }
  /** Not written, and why: reported with the job's failures, the worker left as it was. */
  | { readonly kind: 'skip'; readonly reason: string };

export function planEligibilityWrite(input: {
  /** The worker's attributes as TaskRouter returned them (a JSON string). */
  current: string | null | undefined;
  /** Where the list lives, e.g. "eligible_queues". */
  key: string;
  /** Queue SIDs, in any order: written sorted, so an equal set reads as unchanged. */
  eligible: readonly string[];
}): AttributesPlan {
  let attributes: unknown;
  try {
    attributes = JSON.parse(input.current ?? '{}');
  } catch {
    return { kind: 'skip', reason: 'attributes are not JSON' };
  }
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) {
    return { kind: 'skip', reason: 'attributes are not a JSON object' };
  }
  const wanted = [...new Set(input.eligible)].sort();
  const stored = (attributes as Record<string, unknown>)[input.key];
  if (sameList(stored, wanted)) return { kind: 'unchanged' };

  const next = JSON.stringify({ ...(attributes as Record<string, unknown>), [input.key]: wanted });
  const bytes = Buffer.byteLength(next, 'utf8');
  if (bytes > MAX_ATTRIBUTES_BYTES) {
    return {
      kind: 'skip',
      reason: `${wanted.length} eligible queues would make the attributes ${bytes} bytes, over TaskRouter's ${MAX_ATTRIBUTES_BYTES}`,
    };
  }
  return { kind: 'write', attributes: next };
}

function sameList(stored: unknown, wanted: readonly string[]): boolean {
  return (
    Array.isArray(stored) &&
    stored.length === wanted.length &&
    stored.every((sid, index) => sid === wanted[index])
  );
}
