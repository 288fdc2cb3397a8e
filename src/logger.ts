import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs to stdout. Anything that could authenticate as us or as Twilio is redacted, wherever
 * it turns up in a log line.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'authToken',
  '*.authToken',
  'token',
  '*.token',
  'password',
  '*.password',
];

export function createLogger(
  options: { level: string },
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'holdline' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
