import type { Response } from 'express';
import type { InjectedFault } from './request-log.js';

/**
 * Per-response state the fault middleware leaves for the writers and the request log. Kept in
 * a WeakMap rather than res.locals so it stays typed.
 */
const faults = new WeakMap<Response, InjectedFault>();

export function markFault(res: Response, fault: InjectedFault): void {
  faults.set(res, fault);
}

export function faultOf(res: Response): InjectedFault | null {
  return faults.get(res) ?? null;
}

/**
 * Every JSON answer goes out through here, so a 'malformed' fault can cut a successful one in
 * half (a 200 whose body does not parse, with a Content-Length that matches what is sent).
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const cut = faultOf(res) === 'malformed' && status >= 200 && status < 300;
  res
    .status(status)
    .type('application/json')
    .send(cut ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text);
}
