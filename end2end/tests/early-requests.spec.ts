import { expect, test } from '../support/fixtures';
import { type Page } from '@playwright/test';
import { newPerson } from '../support/sessions';

/**
 * index.html asks the API for what a page draws first while the wasm
 * downloads (src/early_answer.rs); the app must take those answers rather
 * than ask again. A path asked twice means the script and the app disagree
 * about it (a date, a time zone, a query), and the page waits a round trip
 * longer than it needs to.
 */

/** Counts the API requests `page` makes, by path and query. */
function countApiRequests(page: Page): Map<string, number> {
  const counts = new Map<string, number>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) {
      const key = url.pathname + url.search;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  });
  return counts;
}

function askedMoreThanOnce(counts: Map<string, number>): string[] {
  return [...counts].filter(([, times]) => times > 1).map(([path, times]) => `${path} (${times} times)`);
}

test.describe('early requests (release build)', () => {
  test("a professional's page and the sessions ask the API for each thing once", async ({ browser, baseURL }) => {
    const professional = await newPerson(browser, baseURL!, 'professional', 'Dr. Early');
    const client = await newPerson(browser, baseURL!, 'client', 'Early Client', {
      contextOptions: { timezoneId: 'Europe/Berlin' },
    });
    const page = client.page;

    const onProfessional = countApiRequests(page);
    await page.goto(`/professionals/${professional.id}`);
    await expect(page.getByRole('heading', { name: professional.fullName })).toBeVisible();
    // Drawn from the answer the page took for today's free times.
    await expect(page.getByText('No free times on this day')).toBeVisible();
    const paths = [...onProfessional.keys()];
    expect(paths).toContain('/api/auth/me');
    expect(paths).toContain(`/api/professionals/${professional.id}`);
    // Today's free times, asked once: by the script, in the app's form.
    const slots = paths.filter((path) => path.startsWith(`/api/professionals/${professional.id}/slots?`));
    expect(slots).toHaveLength(1);
    expect(slots[0]).toMatch(/\?date=\d{4}-\d{2}-\d{2}&tz=Europe%2FBerlin$/);
    expect(askedMoreThanOnce(onProfessional)).toEqual([]);

    page.removeAllListeners('request');
    const onSessions = countApiRequests(page);
    await page.goto('/sessions');
    // Drawn once both lists have answered.
    await expect(page.getByText('No sessions yet')).toBeVisible();
    expect([...onSessions.keys()]).toEqual(
      expect.arrayContaining(['/api/auth/me', '/api/bookings?scope=upcoming', '/api/bookings?scope=past']),
    );
    expect(askedMoreThanOnce(onSessions)).toEqual([]);

    await professional.context.close();
    await client.context.close();
  });
});
