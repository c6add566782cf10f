import { expect, test } from '../support/fixtures';
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

  test('the page is served with a strict Content-Security-Policy that the app keeps to', async ({ page }) => {
    const shell = new AppShell(page);
    const document = page.waitForResponse((response) => new URL(response.url()).pathname === '/');

    await shell.open('/');

    const headers = (await document).headers();
    const policy = headers['content-security-policy'] ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+' 'sha256-[^']+'/);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    // The app started under that policy (the fixture fails on any violation).
    await expect(shell.heading).toBeVisible();
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
