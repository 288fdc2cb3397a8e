import {
  ACCURACY_WINDOW_MS,
  createAnnouncementAccuracy,
  isWithinTolerance,
} from '../../src/wait-time/announcement-accuracy.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const at = (seconds: number) => T0 + seconds * 1000;

function tracker() {
  const waiting = new Map<string, number>();
  const accuracy = createAnnouncementAccuracy({ waiting: (queue) => waiting.get(queue) });
  /** A caller greeted with `announced` s at `enteredAt`, taken after `waited` s. */
  const served = (callSid: string, enteredAt: number, announced: number, waited: number) => {
    accuracy.callerEntered({
      queue: 'customers',
      at: at(enteredAt),
      callSid,
      announcedSeconds: announced,
    });
    accuracy.callerLeft({
      queue: 'customers',
      outcome: 'served',
      waitSeconds: waited,
      at: at(enteredAt + waited),
      callSid,
    });
  };
  return { accuracy, served, waiting };
}

describe('the accuracy of announced waits', () => {
  it('knows nothing before any greeted caller was taken', () => {
    const { accuracy } = tracker();
    expect(accuracy.summary('customers', at(0))).toEqual({
      served: 0,
      meanAbsoluteErrorSeconds: null,
      biasSeconds: null,
      withinShare: null,
    });
  });

  it('holds each announcement to the wait that followed: MAE, bias, share within tolerance', () => {
    const { accuracy, served } = tracker();
    served('CA1', 0, 60, 80); // −20: within 30 s
    served('CA2', 10, 300, 200); // +100: outside max(30, 40)
    served('CA3', 20, 500, 450); // +50: within 20% of 450 (90)
    expect(accuracy.summary('customers', at(600))).toEqual({
      served: 3,
      meanAbsoluteErrorSeconds: (20 + 100 + 50) / 3,
      biasSeconds: (-20 + 100 + 50) / 3,
      withinShare: 2 / 3,
    });
    expect(accuracy.recent('customers', at(600))).toEqual([
      { at: at(80), announcedSeconds: 60, waitedSeconds: 80 },
      { at: at(210), announcedSeconds: 300, waitedSeconds: 200 },
      { at: at(470), announcedSeconds: 500, waitedSeconds: 450 },
    ]);
  });

  it('leaves out callers who hung up, callers told nothing, and takes older than an hour', () => {
    const { accuracy, served } = tracker();
    served('CA-old', 0, 60, 60);
    accuracy.callerEntered({
      queue: 'customers',
      at: at(100),
      callSid: 'CA-gone',
      announcedSeconds: 60,
    });
    accuracy.callerLeft({
      queue: 'customers',
      outcome: 'abandoned',
      waitSeconds: 300,
      at: at(400),
      callSid: 'CA-gone',
    });
    accuracy.callerEntered({ queue: 'customers', at: at(200), callSid: 'CA-untold' });
    accuracy.callerLeft({
      queue: 'customers',
      outcome: 'served',
      waitSeconds: 30,
      at: at(230),
      callSid: 'CA-untold',
    });
    expect(accuracy.summary('customers', at(300)).served).toBe(1);
    expect(accuracy.summary('customers', at(60) + ACCURACY_WINDOW_MS).served).toBe(0);
  });

  it("places a take reported when the call ended at the caller's entry plus the wait", () => {
    const { accuracy } = tracker();
    accuracy.callerEntered({ queue: 'customers', at: at(0), callSid: 'CA1', announcedSeconds: 90 });
    accuracy.callerLeft({
      queue: 'customers',
      outcome: 'served',
      waitSeconds: 100,
      at: at(700),
      callSid: 'CA1',
      reportedAfterCall: true,
    });
    expect(accuracy.recent('customers', at(700))).toEqual([
      { at: at(100), announcedSeconds: 90, waitedSeconds: 100 },
    ]);
  });

  it('keeps the callers waiting over the hour, one point per step', () => {
    const { accuracy, waiting } = tracker();
    waiting.set('customers', 1);
    accuracy.callerEntered({ queue: 'customers', at: at(0), callSid: 'CA1' });
    waiting.set('customers', 2);
    accuracy.callerEntered({ queue: 'customers', at: at(5), callSid: 'CA2' });
    waiting.set('customers', 1);
    accuracy.callerLeft({
      queue: 'customers',
      outcome: 'served',
      waitSeconds: 30,
      at: at(30),
      callSid: 'CA1',
    });
    expect(accuracy.waitingOverTime('customers', at(30))).toEqual([
      { at: at(5), waiting: 2 },
      { at: at(30), waiting: 1 },
    ]);
  });

  it.each([
    [60, 89, true],
    [60, 91, false],
    [500, 600, true],
    [500, 630, false],
  ])('announced %i s against %i s waited is within tolerance: %s', (announced, waited, within) => {
    expect(isWithinTolerance(announced, waited)).toBe(within);
  });
});
