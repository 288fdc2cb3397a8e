import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './registry.js';

type Observe = (seconds: number) => void;

/**
 * Times a webhook from its route's first middleware to the answer's last byte handed to the
 * socket, into the histogram under `route` (the route's pattern, fixed when the route is
 * installed: never the raw URL, whose query strings would make a series per call). The
 * labelled child is looked up once per status, not per request: this runs on every webhook.
 */
export function timeWebhook(metrics: Pick<Metrics, 'webhookDuration'>, route: string) {
  const byStatus = new Map<number, Observe>();
  const observerFor = (status: number): Observe => {
    let observe = byStatus.get(status);
    if (observe === undefined) {
      const child = metrics.webhookDuration.labels({ route, status: String(status) });
      observe = (seconds) => child.observe(seconds);
      byStatus.set(status, observe);
    }
    return observe;
  };
  return (_req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.once('finish', () => {
      observerFor(res.statusCode)((performance.now() - started) / 1000);
    });
    next();
  };
}

/**
 * Counts a route's fallback answers: `failed` (our side broke) and `refused` (a 4xx). Both
 * series exist from the start at 0, so the first one is a rise Prometheus' rate() sees.
 */
export function countFallbacks(metrics: Pick<Metrics, 'fallbackAnswers'>, route: string) {
  const failed = metrics.fallbackAnswers.labels({ route, kind: 'failed' });
  const refused = metrics.fallbackAnswers.labels({ route, kind: 'refused' });
  failed.inc(0);
  refused.inc(0);
  return (kind: 'failed' | 'refused'): void => (kind === 'failed' ? failed : refused).inc();
}
