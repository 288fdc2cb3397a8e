import type { Router } from 'express';
import { z } from 'zod';
import {
  CALLBACK_STATES,
  type Callback,
  type CallbackState,
  type CallbackStore,
} from '../callbacks/callback.js';
import { AppError } from '../errors.js';
import { sendUncached } from './uncached.js';

export interface CallbackRouteDeps {
  readonly callbacks: Pick<CallbackStore, 'list'>;
}

const filterSchema = z
  .object({
    queue: z.string().min(1).max(128).optional(),
    state: z.enum(CALLBACK_STATES as [CallbackState, ...CallbackState[]]).optional(),
  })
  .strict();

/**
 * GET /callbacks?queue=&state=: every callback a caller asked for, oldest place first, with
 * its state and history (waiting, dialing, connected, failed, canceled).
 */
export function addCallbackRoutes(router: Router, deps: CallbackRouteDeps): void {
  router.get('/callbacks', async (req, res) => {
    const filter = filterSchema.safeParse(req.query);
    if (!filter.success) {
      throw new AppError('INVALID_PARAMETER', {
        details: {
          problems: filter.error.issues.map((i) => ({
            path: i.path.join('.'),
            message: i.message,
          })),
        },
      });
    }
    const { queue, state } = filter.data;
    let found: readonly Callback[];
    try {
      found = await deps.callbacks.list({
        ...(queue === undefined ? {} : { queue }),
        ...(state === undefined ? {} : { state }),
      });
    } catch (error) {
      throw new AppError('CALLBACKS_UNAVAILABLE', { cause: error });
    }
    sendUncached(res, { callbacks: found.map(viewCallback) });
  });
}

const iso = (at: number) => new Date(at).toISOString();

function viewCallback(callback: Callback) {
  return {
    id: callback.id,
    queue: callback.queue,
    phone: callback.phone,
    callerCallSid: callback.callerCallSid,
    state: callback.state,
    enteredAt: iso(callback.enteredAt),
    requestedAt: iso(callback.requestedAt),
    attempts: callback.attempts,
    history: callback.history.map((step) => ({ ...step, at: iso(step.at) })),
  };
}
