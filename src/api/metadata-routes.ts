import express, { type Request, type Response, type Router } from 'express';
import { AppError, clipForMessage, storeCall } from '../errors.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import type { MetadataStore, VersionedMetadata } from '../metadata/metadata-store.js';
import { parseQueueMetadata } from '../metadata/metadata-validation.js';

export interface MetadataRouteDeps {
  readonly metadataStore: MetadataStore;
  /** Told of every saved edit, so this process's next call follows it at once. */
  readonly metadata: Pick<MetadataCache, 'saved'>;
}

/** An edit is a few kilobytes at most (a year of closures fits well within this). */
const BODY_LIMIT = '64kb';

/**
 * GET and PUT /queues/{name}/metadata. Optimistic concurrency: GET's ETag is the version, a PUT
 * must name it in If-Match, and of two edits of the same version the second gets 409 with what
 * the first saved: no supervisor's change is silently overwritten.
 */
export function addMetadataRoutes(router: Router, deps: MetadataRouteDeps): void {
  const parseJson = express.json({ limit: BODY_LIMIT, type: () => true });

  router.get('/queues/:queue/metadata', async (req, res) => {
    const queue = queueParam(req);
    const found = await storeCall('METADATA_UNAVAILABLE', () => deps.metadataStore.get(queue));
    if (found === undefined) throw queueNotFound(queue);
    sendVersioned(res, queue, found);
  });

  router.put(
    '/queues/:queue/metadata',
    (req, _res, next) => {
      if (!req.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      next();
    },
    parseJson,
    async (req: Request, res: Response) => {
      const queue = queueParam(req);
      const expected = readIfMatch(req.headers['if-match']);
      const parsed = parseQueueMetadata(req.body);
      if (!parsed.ok) {
        throw new AppError('INVALID_METADATA', {
          message: `The queue metadata is invalid: ${parsed.problems
            .map((p) => (p.field === '' ? p.message : `${p.field}: ${p.message}`))
            .join('; ')}`,
          details: { problems: parsed.problems },
        });
      }
      const result = await storeCall('METADATA_UNAVAILABLE', () =>
        deps.metadataStore.update(queue, parsed.value, expected),
      );
      if (result.kind === 'not-found') throw queueNotFound(queue);
      if (result.kind === 'conflict') {
        throw new AppError('VERSION_CONFLICT', {
          details: {
            current: { version: result.current.version, metadata: result.current.metadata },
          },
        });
      }
      deps.metadata.saved(queue, parsed.value);
      req.log.info({ queue, version: result.version }, 'queue metadata saved');
      sendVersioned(res, queue, { metadata: parsed.value, version: result.version });
    },
  );
}

function sendVersioned(res: Response, queue: string, { metadata, version }: VersionedMetadata) {
  res.setHeader('ETag', `"${version}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.json({ queue, version, metadata });
}

/** `"7"` (or W/"7", as some proxies rewrite it); anything else is not a version of ours. */
function readIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw new AppError('VERSION_REQUIRED');
  const match = /^(?:W\/)?"(\d{1,12})"$/.exec(header.trim());
  if (match?.[1] === undefined) {
    throw new AppError('INVALID_PARAMETER', {
      message: 'If-Match must be the ETag of GET, such as "3"',
    });
  }
  return Number(match[1]);
}

function queueParam(req: Request): string {
  const value: unknown = req.params.queue;
  return typeof value === 'string' ? value : '';
}

function queueNotFound(queue: string): AppError {
  return new AppError('QUEUE_NOT_FOUND', { message: `No queue named "${clipForMessage(queue)}"` });
}
