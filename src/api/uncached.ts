import type { Response } from 'express';

/** JSON that changes with every event: no client or proxy may keep it. */
export function sendUncached(res: Response, body: unknown): void {
  res.setHeader('Cache-Control', 'no-store');
  res.json(body);
}
