import type { Router } from 'express';
import { z } from 'zod';
import {
  CALLBACK_STATES,
  type Callback,
  type CallbackState,
  type CallbackStore,
} from '../callbacks/callback.js';
import { AppError, clipForMessage, storeCall } from '../errors.js';
import { sendUncached } from './uncached.js';
import type { Clock } from '../clock.js';

export interface CallbackRouteDeps {
  readonly callbacks: Pick<CallbackStore, 'list' | 'get' | 'move'>;
  readonly clock: Clock;
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
    const found = await storeCall('CALLBACKS_UNAVAILABLE', () =>
      deps.callbacks.list({
        ...(queue === undefined ? {} : { queue }),
        ...(state === undefined ? {} : { state }),
      }),
    );
    sendUncached(res, { callbacks: found.map(viewCallback) });
  });

  /*
   * POST /callbacks/{id}/cancel: the caller no longer wants the call (they rang in again, or
   * asked an agent). Only from `waiting`: that move and the dialing's move to `dialing` are both
   * compare-and-sets, so exactly one wins and a canceled callback is never dialed. One being
   * dialed is its campaign's to stop (`callback-<id>`), where ringing calls are canceled.
   */
  router.post('/callbacks/:id/cancel', async (req, res) => {
    const id = String(req.params.id);
    const canceled = await storeCall('CALLBACKS_UNAVAILABLE', () =>
      deps.callbacks.move(id, ['waiting'], {
        state: 'canceled',
        at: deps.clock.now(),
        note: 'canceled through the API',
      }),
    );
    if (canceled !== undefined) {
      req.log.info({ callback: id }, 'callback canceled');
      sendUncached(res, { callback: viewCallback(canceled) });
      return;
    }
    const current = await storeCall('CALLBACKS_UNAVAILABLE', () => deps.callbacks.get(id));
    if (current === undefined)
      throw new AppError('CALLBACK_NOT_FOUND', { message: `No callback "${clipForMessage(id)}"` });
    if (current.state === 'canceled') {
      sendUncached(res, { callback: viewCallback(current) });
      return;
    }
    throw new AppError('CALLBACK_NOT_WAITING', {
      message: `The callback is ${current.state}: only a waiting one can be canceled`,
    });
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
