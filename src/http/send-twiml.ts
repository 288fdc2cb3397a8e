import type { Response } from 'express';

const TWIML_CONTENT_TYPE = 'text/xml; charset=utf-8';

/**
 * Writes a TwiML answer with the headers res.type('text/xml').send() would set. Not that
 * call itself: for a fixed type it still looks the type up, formats the charset and checks
 * ETag and freshness on every answer, a measurable share of a webhook's CPU (docs/performance.md).
 * TwiML needs only these two headers.
 */
export function sendTwiml(res: Response, twiml: string, status = 200): void {
  res.statusCode = status;
  res.setHeader('Content-Type', TWIML_CONTENT_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(twiml, 'utf8'));
  res.end(twiml, 'utf8');
}
