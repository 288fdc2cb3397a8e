import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/** A real pino logger whose lines land in an array, for tests that check what was logged. */
export function captureLogger(level: 'debug' | 'info' = 'debug'): {
  logger: Logger;
  lines: LogLine[];
} {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });
  return { logger: createLogger({ level }, sink), lines };
}
