import { z } from 'zod';
import { CALLBACK_STATES, type Callback } from './callback.js';

const stateSchema = z.enum(CALLBACK_STATES as [Callback['state'], ...Callback['state'][]]);

/** A callback as a store keeps it (a journal line, a Redis hash value). */
export const callbackSchema: z.ZodType<Callback, unknown> = z.object({
  id: z.string().min(1),
  queue: z.string().min(1),
  phone: z.string().min(1),
  callerCallSid: z.string().min(1),
  enteredAt: z.number(),
  requestedAt: z.number(),
  state: stateSchema,
  attempts: z.number().int().min(0),
  history: z.array(
    z
      .object({ state: stateSchema, at: z.number(), note: z.string().optional() })
      .transform((step) => (step.note === undefined ? { state: step.state, at: step.at } : step)),
  ),
});
