import { z } from 'zod';
import { sidPattern } from './sids.js';
import { attributesText, checkWorkerAttributes } from './worker-attributes.js';

/**
 * The workers of a workspace fixture (and of POST /__emulator/workers). They are TaskRouter
 * Worker resources only: the queues' live worker counts stay the synthetic numbers of each
 * queue, whatever workers exist.
 */

/** TaskRouter's default activities, which every emulated workspace has. */
export const ACTIVITY_NAMES = ['Offline', 'Idle', 'Busy', 'Reserved'] as const;
export type ActivityName = (typeof ACTIVITY_NAMES)[number];

/** An object, or JSON text; either way at most 4096 bytes of a JSON object once written. */
export const workerAttributesSchema = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .superRefine((value, ctx) => {
    const problem = checkWorkerAttributes(attributesText(value));
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem.message });
  });

export const fixtureWorkerSchema = z
  .object({
    /** Unique in the workspace, case-insensitively (as TaskRouter has it); at most 64 characters. */
    friendlyName: z.string().trim().min(1).max(64),
    workerSid: z
      .string()
      .regex(sidPattern('WK'), 'must be WK followed by 32 hex digits')
      .optional(),
    attributes: workerAttributesSchema.default({}),
    activity: z.enum(ACTIVITY_NAMES).default('Offline'),
    /** ISO 8601. Omitted: 30 days before the emulator started (or now, for a worker added later). */
    dateCreated: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** A change through the emulator's own API: the fields to replace. */
export const workerPatchSchema = z
  .object({
    friendlyName: z.string().trim().min(1).max(64).optional(),
    attributes: workerAttributesSchema.optional(),
    activity: z.enum(ACTIVITY_NAMES).optional(),
  })
  .strict();

export type FixtureWorkerInput = z.input<typeof fixtureWorkerSchema>;
export type FixtureWorker = z.output<typeof fixtureWorkerSchema>;
export type WorkerPatchInput = z.input<typeof workerPatchSchema>;

/** Problems with a list of workers as a whole: names (case-insensitive) and SIDs used twice. */
export function repeatedWorkers(
  workers: readonly { friendlyName: string; workerSid?: string | undefined }[],
): { index: number; field: 'friendlyName' | 'workerSid'; message: string }[] {
  const seen = new Map<string, number>();
  const problems: { index: number; field: 'friendlyName' | 'workerSid'; message: string }[] = [];
  workers.forEach((worker, index) => {
    const keys = [
      ['friendlyName', worker.friendlyName.toLowerCase()],
      ['workerSid', worker.workerSid],
    ] as const;
    for (const [field, value] of keys) {
      if (value === undefined) continue;
      const first = seen.get(`${field}:${value}`);
      if (first === undefined) seen.set(`${field}:${value}`, index);
      else problems.push({ index, field, message: `repeats workers[${first}].${field}` });
    }
  });
  return problems;
}
