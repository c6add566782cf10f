import { expect, test } from '@playwright/test';
import { STATES, seriousViolations } from './support';

test.describe('the gallery', () => {
  test('the index links to every state', async ({ page }) => {
    await page.goto('/gallery');
    await expect(page.getByRole('heading', { level: 1, name: 'Gallery' })).toBeVisible();
    for (const state of STATES) {
      const link = page.locator(`a[href="${state.path}"]`);
      await expect(link, state.path).toHaveCount(1);
    }
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a state has its own address, framed at the chosen width', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/gallery/call/reconnecting');
    await expect(page.getByRole('heading', { level: 1, name: 'Reconnecting' })).toBeVisible();
    const frame = page.locator('iframe');
    await expect(frame).toHaveAttribute('src', '/gallery/call/reconnecting?frame');
    // The status bar and the overlay over the video both say it.
    await expect(page.frameLocator('iframe').getByText('Reconnecting…').first()).toBeVisible();
    expect((await frame.boundingBox())?.width).toBe(1280);

    await page.getByRole('radio', { name: /Phone/ }).check();
    await expect(page).toHaveURL(/\/gallery\/call\/reconnecting\?width=phone$/);
    await expect.poll(async () => (await frame.boundingBox())?.width).toBe(390);
    expect(await seriousViolations(page)).toEqual([]);

    // The address keeps the width for whoever opens the link.
    await page.goto('/gallery/call/reconnecting?width=tablet');
    await expect(page.getByRole('radio', { name: /Tablet/ })).toBeChecked();
    await expect.poll(async () => (await frame.boundingBox())?.width).toBe(768);
  });

  test('an unknown state says so and links to the index', async ({ page }) => {
    await page.goto('/gallery/call/no-such-state');
    await expect(page.getByRole('heading', { level: 1, name: 'No such state' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'See every state' })).toHaveAttribute('href', '/gallery');
  });
});

// The server behind these tests answers /api/ as Trunk's proxy does with
// no API server running (500, empty body).
test.describe('without an API server', () => {
  const notice = 'The API server is not running';

  for (const path of ['/', '/login', '/register', '/professionals', '/sessions', '/availability', '/call/1', '/verify']) {
    test(`${path} says how to start it or where the gallery is`, async ({ page }) => {
      await page.goto(path);
      const alert = page.getByRole('alert').filter({ hasText: notice });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText('cargo xtask dev');
      await expect(alert.getByRole('link', { name: '/gallery' })).toHaveAttribute('href', '/gallery');
    });
  }

  test('signing in says the API server is not running, not "something went wrong"', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('tandem-demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const form = page.locator('form');
    await expect(form.getByRole('alert')).toContainText(
      'The API server is not running: start it with `cargo xtask dev`, or open the gallery at /gallery.',
    );
    await expect(page.getByText('Something went wrong')).toHaveCount(0);
  });

  test('the gallery itself shows no such notice', async ({ page }) => {
    await page.goto('/gallery/directory/list?frame');
    await expect(page.getByRole('heading', { level: 1, name: 'Professionals' })).toBeVisible();
    await expect(page.getByText(notice)).toHaveCount(0);
  });
});
