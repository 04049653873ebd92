import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { SyncRun } from '@orkspace/backstage-plugin-orkestra-common';
import express from 'express';
import { contractRequest as request } from './__testUtils__/contractRequest';
import { createRouter } from './router';
import { PatternService } from './service/types';

const run: SyncRun = {
  id: 1,
  source: 'local',
  trigger: 'on-demand',
  startedAt: '2026-12-01T00:00:00.000Z',
  status: 'succeeded',
  counts: {},
  errors: [],
};

/** The routes under test, over a FAKE service that answers every resync with one run. */
async function setup() {
  const service = {
    resync: jest.fn(async () => run),
    resyncRepository: jest.fn(async () => run),
    syncSource: jest.fn(async () => run),
  } as unknown as jest.Mocked<PatternService>;
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    service,
    resyncRateLimit: { requests: 3, windowMs: 60_000 },
  });
  const errorHandler = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  }).error();
  return { app: express().use(router).use(errorHandler), service };
}

const PATTERN = '/patterns/local:orkestra%2Fmotifs%2Fweb-service/resync';

describe('on-demand resync rate limit', () => {
  it('answers 429 with Retry-After once a user has used the allowance, across both resync routes, without touching the service', async () => {
    const { app, service } = await setup();
    const alice = mockCredentials.user.header('user:default/alice');
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++)
      statuses.push(
        (await request(app).post(PATTERN).set('Authorization', alice)).status,
      );
    statuses.push(
      (
        await request(app)
          .post('/sources/local/resync')
          .set('Authorization', alice)
          .send({ repository: 'orkestra/motifs/web-service' })
      ).status,
    );
    expect(statuses).toEqual([202, 202, 202]);

    const limited = await request(app)
      .post(PATTERN)
      .set('Authorization', alice);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body.error).toMatchObject({
      name: 'TooManyRequestsError',
      message: expect.stringMatching(
        /^Too many resync requests; try again in \d+ s$/,
      ),
    });
    expect(service.resync).toHaveBeenCalledTimes(2);
    expect(service.resyncRepository).toHaveBeenCalledTimes(1);

    // Another user has an allowance of their own.
    const bob = mockCredentials.user.header('user:default/bob');
    expect(
      (await request(app).post(PATTERN).set('Authorization', bob)).status,
    ).toBe(202);
  });

  it('counts "Sync now" of a source in the same allowance as the resyncs', async () => {
    const { app, service } = await setup();
    const carol = mockCredentials.user.header('user:default/carol');
    const sync = () =>
      request(app).post('/sources/local/sync').set('Authorization', carol);
    expect((await sync()).status).toBe(202);
    expect(
      (await request(app).post(PATTERN).set('Authorization', carol)).status,
    ).toBe(202);
    expect((await sync()).status).toBe(202);

    const limited = await sync();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(
      (await request(app).post(PATTERN).set('Authorization', carol)).status,
    ).toBe(429);
    expect(service.syncSource).toHaveBeenCalledTimes(2);
    expect(service.resync).toHaveBeenCalledTimes(1);
  });

  it('gives a backend service (the scaffolder after each publish) ten times the allowance', async () => {
    const { app } = await setup();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push(
        (
          await request(app)
            .post(PATTERN)
            .set('Authorization', mockCredentials.service.header())
        ).status,
      );
    }
    expect(statuses.filter(s => s === 202)).toHaveLength(30);
    expect(statuses[30]).toBe(429);
  });

  it('does not count a denied or invalid request', async () => {
    const { app } = await setup();
    const alice = mockCredentials.user.header('user:default/alice');
    for (let i = 0; i < 5; i++) {
      await request(app)
        .post('/sources/local/resync')
        .set('Authorization', alice)
        .send({ repository: 'Not A Repository' });
    }
    expect(
      (await request(app).post(PATTERN).set('Authorization', alice)).status,
    ).toBe(202);
  });
});
