import {
  runMain,
  stopOnSignals,
  type ProcessControl,
} from '../../src/runtime/process-lifecycle.js';
import { captureLogger } from '../support/capture-logger.js';

/** A process as the entry files see it: signals to raise, exit codes and stderr recorded. */
function fakeProcess() {
  const listeners = new Map<string, () => void>();
  const exits: number[] = [];
  const errors: string[] = [];
  let exited: (code: number) => void = () => undefined;
  const firstExit = new Promise<number>((resolve) => (exited = resolve));
  const control: ProcessControl = {
    exit: (code) => {
      exits.push(code);
      exited(code);
    },
    once: (signal, listener) => listeners.set(signal, listener),
    writeError: (text) => errors.push(text),
  };
  const raise = (signal: 'SIGTERM' | 'SIGINT') => listeners.get(signal)?.();
  return { control, raise, exits, errors, firstExit };
}

describe('runMain', () => {
  it('when start-up fails, writes one line naming the process and exits 1', async () => {
    const proc = fakeProcess();
    runMain(
      'holdline worker',
      () => Promise.reject(new Error('DATA_DIR is not writable')),
      proc.control,
    );

    expect(await proc.firstExit).toBe(1);
    expect(proc.errors).toEqual([
      'holdline worker failed to start: Error: DATA_DIR is not writable\n',
    ]);
  });

  it('when start-up succeeds, neither exits nor writes', async () => {
    const proc = fakeProcess();
    runMain('holdline', () => Promise.resolve(), proc.control);
    await new Promise((resolve) => setImmediate(resolve));

    expect(proc.exits).toEqual([]);
    expect(proc.errors).toEqual([]);
  });
});

describe('stopOnSignals', () => {
  it('on SIGTERM, stops once and exits 0 when stopping is done', async () => {
    const proc = fakeProcess();
    const { logger } = captureLogger();
    const signals: string[] = [];
    stopOnSignals({
      logger,
      stop: (signal) => {
        signals.push(signal);
        return Promise.resolve();
      },
      control: proc.control,
    });

    proc.raise('SIGTERM');
    proc.raise('SIGINT');

    expect(await proc.firstExit).toBe(0);
    expect(signals).toEqual(['SIGTERM']);
  });

  it('when stopping hangs past the grace period, logs it and exits 1', async () => {
    const proc = fakeProcess();
    const { logger, lines } = captureLogger();
    stopOnSignals({
      logger,
      stop: () => new Promise<void>(() => undefined),
      graceMs: 20,
      control: proc.control,
    });

    proc.raise('SIGINT');

    expect(await proc.firstExit).toBe(1);
    expect(lines.map((line) => line.msg)).toEqual([
      'did not stop within the grace period; exiting',
    ]);
  });

  it('when stopping fails, logs why and exits 1', async () => {
    const proc = fakeProcess();
    const { logger, lines } = captureLogger();
    stopOnSignals({
      logger,
      stop: () => Promise.reject(new Error('redis gone')),
      control: proc.control,
    });

    proc.raise('SIGTERM');

    expect(await proc.firstExit).toBe(1);
    expect(lines.map((line) => [line.msg, (line.err as { message?: string }).message])).toEqual([
      ['stopping failed; exiting', 'redis gone'],
    ]);
  });
});
