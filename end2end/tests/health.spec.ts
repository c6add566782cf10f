import { expect, test } from '../support/fixtures';

test.describe('the API behind the app', () => {
  test('GET /api/health says the server, its database and LiveKit are up', async ({ request }) => {
    const response = await request.get('/api/health');

    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up', livekit: 'up' });
  });

  test('an unknown API path answers 404 with the JSON error body', async ({ request }) => {
    const response = await request.get('/api/nope');

    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toMatch(/^application\/json\b/);
    const body = await response.json();
    expect(body).toEqual({
      error: { code: 'not_found', message: expect.any(String) },
    });
  });
});
