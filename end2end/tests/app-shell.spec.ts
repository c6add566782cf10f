import { expect, test } from '@playwright/test';
import { AppShell } from '../pages/app-shell';

test.describe('the app shell (release build)', () => {
  test('the home page loads with its heading and the main navigation', async ({ page }) => {
    const shell = new AppShell(page);
    const wasm = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('.wasm'));

    await shell.open('/');

    const wasmResponse = await wasm;
    expect(wasmResponse.status()).toBe(200);
    expect(wasmResponse.headers()['content-type']).toMatch(/^application\/wasm\b/);
    await expect(shell.heading).toBeVisible();
    await expect(shell.brandLink).toBeVisible();
    await expect(shell.brandLink).toHaveAttribute('href', '/');
    await page.waitForLoadState('networkidle');
    expect(shell.consoleErrors).toEqual([]);
  });

  test('an unknown address shows the not-found page with a way back home', async ({ page }) => {
    const shell = new AppShell(page);

    await shell.open('/no/such/page');

    await expect(shell.heading).toContainText('Page not found');
    const homeLink = page.getByRole('main').getByRole('link', { name: /home/i });
    await expect(homeLink).toBeVisible();

    await homeLink.click();

    await expect(page).toHaveURL('/');
    await expect(shell.heading).not.toContainText('Page not found');
  });
});
