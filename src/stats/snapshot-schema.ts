import { z } from 'zod';
import { readStoredMetadata } from '../metadata/metadata-validation.js';
import type { QueueMetadata, StatsSnapshot } from './queue-stats.js';

/*
 * The shapes of queue-stats.ts, checked where they come back from a shared store. Objects are
 * loose: a field this process does not know yet (a newer poller during a rolling deploy) is kept
 * and passed on, not stripped; a known field of the wrong type makes the whole value malformed.
 * The type annotations stop compiling when a field changes type or a required one is added; a
 * new optional field passes through unchecked until it is added here.
 */

const count = z.number();

/**
 * Metadata inside a snapshot, read like the metadata store's own entries (queue-metadata.ts):
 * a field an older poller did not write takes its default.
 */
export const queueMetadataSchema: z.ZodType<QueueMetadata, unknown> = z
  .looseObject({ displayName: z.string() })
  .transform((stored, context) => {
    const metadata = readStoredMetadata(stored.displayName, stored);
    if (metadata === undefined) {
      context.addIssue({ code: 'custom', message: 'queue metadata that cannot be read' });
      return z.NEVER;
    }
    return metadata;
  });

const serviceLevelSchema = z.looseObject({
  thresholdSeconds: count,
  acceptedWithin: count,
  acceptedAbove: count,
  abandonedWithin: count,
  abandonedAbove: count,
});

const queueStatsSchema = z.looseObject({
  name: z.string(),
  voiceQueueSid: z.string().optional(),
  taskQueueSid: z.string().optional(),
  fetchedAt: count,
  waitingCallers: count.optional(),
  longestWaitSeconds: count.optional(),
  servedInWindow: count.optional(),
  windowSeconds: count.optional(),
  abandonedInWindow: count.optional(),
  enteredInWindow: count.optional(),
  averageAcceptedWaitSeconds: count.optional(),
  serviceLevel: z.array(serviceLevelSchema).optional(),
  averageWaitSeconds: count.optional(),
  maxSize: count.optional(),
  eligibleWorkers: count.optional(),
  availableWorkers: count.optional(),
  stale: z.boolean().optional(),
  lastError: z.string().optional(),
  metadata: queueMetadataSchema.optional(),
});

const cycleSummarySchema = z.looseObject({
  startedAt: count,
  durationMs: count,
  requests: count,
  retries: count,
  failedQueues: count,
  complete: z.boolean(),
});

export const statsSnapshotSchema: z.ZodType<StatsSnapshot> = z.looseObject({
  fetchedAt: count,
  queues: z.array(queueStatsSchema),
  cycle: cycleSummarySchema.optional(),
});
