import type { Request } from 'express';

/**
 * Presence (where reps are parked) is told without the webhook waiting for it: neither the rep's
 * next step nor a caller's bridge depends on it, and a park that was not recorded as left
 * simply runs out. A failure is logged, never answered.
 */
export function tellPresence(req: Request, done: Promise<void> | undefined): void {
  void (async () => {
    try {
      await done;
    } catch (error) {
      req.log.warn({ err: error }, 'could not record where a rep waits');
    }
  })();
}
