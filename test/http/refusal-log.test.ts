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

  describe('when the window timer fires a millisecond before the wall clock says the window is over', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('arms itself again and still writes the summary', () => {
      const { logger, lines } = captureLogger('info');
      // Timers run on the monotonic clock, the window on the wall clock: let them disagree.
      let wallClockSkewMs = 0;
      const refusals = createRefusalLog({
        logger,
        clock: { now: () => Date.now() + wallClockSkewMs },
        perWindow: 1,
        windowMs: 50,
      });
      const req = { method: 'GET', path: '/nowhere', log: logger } as unknown as Request;
      for (let i = 0; i < 3; i += 1) refusals.refused(req, new AppError('NOT_FOUND'));

      wallClockSkewMs = -1;
      jest.advanceTimersByTime(50);
      expect(lines).toHaveLength(1);

      wallClockSkewMs = 0;
      jest.advanceTimersByTime(1);
      expect(lines[1]).toEqual(expect.objectContaining({ code: 'NOT_FOUND', suppressed: 2 }));
    });
  });
});
