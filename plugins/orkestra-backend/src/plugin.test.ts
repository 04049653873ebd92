import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { orkestraPlugin } from './plugin';

const config = {
  orkestra: {
    sources: [
      {
        id: 'private',
        type: 'registry',
        target: 'registry.acme.internal/orkestra',
        credentials: { username: 'robot', password: 'never-serve-me' },
      },
      { id: 'examples', type: 'layout', target: '.demo/registry' },
    ],
  },
};

describe('orkestraPlugin', () => {
  it('serves its health unauthenticated', async () => {
    const { server } = await startTestBackend({
      features: [
        orkestraPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    await request(server)
      .get('/api/orkestra/health')
      .set('authorization', 'Bearer mock-none-token')
      .expect(200, { status: 'ok' });
  });

  it('lists configured sources without their credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        orkestraPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });

    const response = await request(server)
      .get('/api/orkestra/sources')
      .expect(200);
    expect(response.body.items).toEqual([
      {
        id: 'private',
        type: 'registry',
        target: 'registry.acme.internal/orkestra',
        discovery: { type: 'index' },
        hasCredentials: true,
      },
      {
        id: 'examples',
        type: 'layout',
        target: '.demo/registry',
        discovery: { type: 'index' },
        hasCredentials: false,
      },
    ]);
    expect(response.text).not.toContain('never-serve-me');
    expect(response.text).not.toContain('robot');
  });

  it('refuses anonymous callers for sources', async () => {
    const { server } = await startTestBackend({
      features: [
        orkestraPlugin,
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    await request(server)
      .get('/api/orkestra/sources')
      .set('authorization', 'Bearer mock-none-token')
      .expect(401);
  });

  it('fails to start on invalid configuration, naming the key', async () => {
    await expect(
      startTestBackend({
        features: [
          orkestraPlugin,
          mockServices.rootConfig.factory({
            data: {
              orkestra: { sources: [{ id: 'x', type: 'ftp', target: 'y' }] },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/orkestra\.sources\[0\]\.type/);
  });
});
