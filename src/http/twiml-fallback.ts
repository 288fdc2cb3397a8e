import type { NextFunction, Request, Response } from 'express';

/**
 * What a voice route answers when it cannot answer normally. Each route sets its own before any
 * work starts (body parsing included), so the error handler can always reply with TwiML:
 * `failed` (status 200) when something broke on our side and the call should go on as well as
 * it can; `refused` (with the 4xx status) when the request itself was refused.
 */
export interface VoiceFallback {
  readonly failed: string;
  readonly refused: string;
}

/** Told each time the route answers with its fallback (metrics). */
export type FallbackCounter = (kind: keyof VoiceFallback) => void;

interface FallbackEntry {
  readonly fallback: VoiceFallback;
  readonly count: FallbackCounter | undefined;
}

const LOCALS_KEY = 'voiceFallback';

export function useVoiceFallback(fallback: VoiceFallback, count?: FallbackCounter) {
  const entry: FallbackEntry = { fallback, count };
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.locals[LOCALS_KEY] = entry;
    next();
  };
}

/** The fallback to answer with, counted as answered: call it only to send what it returns. */
export function readFallbackTwiml(res: Response, status: number): string | undefined {
  const entry = res.locals[LOCALS_KEY] as FallbackEntry | undefined;
  if (entry === undefined) return undefined;
  const kind = status >= 500 ? 'failed' : 'refused';
  entry.count?.(kind);
  return entry.fallback[kind];
}
