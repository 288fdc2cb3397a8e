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

const LOCALS_KEY = 'voiceFallback';

export function useVoiceFallback(fallback: VoiceFallback) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.locals[LOCALS_KEY] = fallback;
    next();
  };
}

export function readFallbackTwiml(res: Response, status: number): string | undefined {
  const fallback = res.locals[LOCALS_KEY] as VoiceFallback | undefined;
  if (fallback === undefined) return undefined;
  return status >= 500 ? fallback.failed : fallback.refused;
}
