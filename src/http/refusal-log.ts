import type { Request } from 'express';
import type { Clock } from '../clock.js';
import { clipForMessage, type AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * How refused requests (4xx: bad or missing signature, repeated parameter, bad bearer token,
 * unknown route, oversized body…) are logged. A refusal is expected, so one short line (code,
 * method, path, status; no error object, so no stack) — and a flood of them is sampled: per
 * code, the first `perWindow` in each window are logged, the rest counted, and one line per
 * code says how many were suppressed when the window ends. Otherwise 5,000 bad requests would
 * be 5,000 lines, and an attacker would choose how much we write.
 */
export interface RefusalLog {
  refused(req: Request, error: AppError): void;
}

export interface RefusalLogOptions {
  readonly logger: Logger;
  readonly clock: Clock;
  readonly perWindow?: number;
  readonly windowMs?: number;
}

const DEFAULT_PER_WINDOW = 10;
const DEFAULT_WINDOW_MS = 60_000;

interface Window {
  readonly startedAt: number;
  readonly logged: Map<string, number>;
  readonly suppressed: Map<string, number>;
}

export function createRefusalLog(options: RefusalLogOptions): RefusalLog {
  const perWindow = options.perWindow ?? DEFAULT_PER_WINDOW;
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  let window = newWindow(options.clock.now());
  let flushTimer: NodeJS.Timeout | undefined;

  const newWindowIfDue = (now: number): void => {
    if (now - window.startedAt < windowMs) return;
    for (const [code, suppressed] of window.suppressed) {
      options.logger.warn(
        { code, suppressed, windowSeconds: windowMs / 1000 },
        `suppressed ${suppressed} refusals of kind ${code}`,
      );
    }
    window = newWindow(now);
  };

  // When a flood stops, no next refusal comes to close its window: a timer does, so the
  // summary line is written. A timer may fire a millisecond before the wall clock says the
  // window is over (timers run on the monotonic clock); then it arms itself again rather
  // than lose the summary. Unref'd: it never keeps the process alive.
  const flushLater = (now: number): void => {
    if (flushTimer !== undefined) return;
    flushTimer = setTimeout(
      () => {
        flushTimer = undefined;
        const firedAt = options.clock.now();
        newWindowIfDue(firedAt);
        if (window.suppressed.size > 0) flushLater(firedAt);
      },
      Math.max(1, window.startedAt + windowMs - now),
    );
    flushTimer.unref();
  };

  return {
    refused(req, error) {
      const now = options.clock.now();
      newWindowIfDue(now);
      const logged = window.logged.get(error.code) ?? 0;
      if (logged >= perWindow) {
        window.suppressed.set(error.code, (window.suppressed.get(error.code) ?? 0) + 1);
        flushLater(now);
        return;
      }
      window.logged.set(error.code, logged + 1);
      req.log.warn(
        {
          code: error.code,
          method: req.method,
          path: clipForMessage(req.path),
          status: error.status,
        },
        error.message,
      );
    },
  };
}

function newWindow(startedAt: number): Window {
  return { startedAt, logged: new Map(), suppressed: new Map() };
}
