import { liveNumbersSchema, livePatchSchema, type LiveNumbers, type LivePatch } from './fixture.js';
import type { LiveSnapshot } from './live-queue.js';
import { parseWith } from './validation.js';

/**
 * A queue's live numbers after a patch. Fields not given keep their value, except that the
 * ages follow the head count: nobody waiting means no ages, and a new head count without a
 * mean age gets the default spread. The result must still describe possible callers.
 */
export function applyLivePatch(current: LiveSnapshot, input: LivePatch): LiveNumbers {
  const patch = parseWith(livePatchSchema, input, 'live numbers');
  const waitingCallers = patch.waitingCallers ?? current.waitingCallers;
  const agesGiven =
    patch.waitingCallers !== undefined ||
    patch.longestWaitSeconds !== undefined ||
    patch.averageWaitSeconds !== undefined;
  return parseWith(
    liveNumbersSchema,
    {
      waitingCallers,
      longestWaitSeconds:
        patch.longestWaitSeconds ?? (waitingCallers === 0 ? 0 : current.longestWaitSeconds),
      averageWaitSeconds:
        patch.averageWaitSeconds ?? (agesGiven ? undefined : current.averageWaitSeconds),
      workers: { ...current.workers, ...patch.workers },
    },
    'live numbers',
  );
}
