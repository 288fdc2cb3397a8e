import type { Request } from 'express';
import { AppError } from '../../src/errors.js';
import { createRefusalLog } from '../../src/http/refusal-log.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';

describe('createRefusalLog', () => {
  it('when a flood stops, its window still ends with the count of what was suppressed', async () => {
    const { logger, lines } = captureLogger('info');
    const refusals = createRefusalLog({
      logger,
      clock: { now: () => Date.now() },
      perWindow: 2,
      windowMs: 50,
    });
    // Only what the refusal log reads of a request.
    const req = { method: 'GET', path: '/nowhere', log: logger } as unknown as Request;
    for (let i = 0; i < 7; i += 1) refusals.refused(req, new AppError('NOT_FOUND'));
    expect(lines).toHaveLength(2);
    await eventually(() =>
      expect(lines[2]).toEqual(
        expect.objectContaining({
          code: 'NOT_FOUND',
          suppressed: 5,
          msg: 'suppressed 5 refusals of kind NOT_FOUND',
        }),
      ),
    );
    expect(lines).toHaveLength(3);
  });
});
