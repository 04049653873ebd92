import express from 'express';
import { RateLimiter } from '../service/RateLimiter';
import { callerOf } from './permissions';

/** Backend plugins (the scaffolder after each publish) resync for many users at once. */
const SERVICE_RESYNC_FACTOR = 10;

/** On-demand resyncs per user per window (services get ten times as many). */
export interface ResyncRateLimit {
  requests: number;
  windowMs: number;
}

/** Answers 429 with Retry-After when the caller resynced too often. */
export function resyncRateLimit(
  limit: ResyncRateLimit,
): express.RequestHandler {
  const userResyncs = new RateLimiter(limit);
  const serviceResyncs = new RateLimiter({
    ...limit,
    requests: limit.requests * SERVICE_RESYNC_FACTOR,
  });
  return (req, res, next) => {
    const { principal } = callerOf(res);
    const retryAfter =
      principal.type === 'user'
        ? userResyncs.take(`user:${principal.userEntityRef}`)
        : serviceResyncs.take(`service:${principal.subject}`);
    if (retryAfter === undefined) {
      next();
      return;
    }
    res
      .status(429)
      .set('Retry-After', String(retryAfter))
      .json({
        error: {
          name: 'TooManyRequestsError',
          message: `Too many resync requests; try again in ${retryAfter} s`,
        },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 429 },
      });
  };
}
