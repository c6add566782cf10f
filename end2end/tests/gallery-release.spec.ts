import { expect, test } from '@playwright/test';

// The gallery is for dev builds only: the release build that users get
// leaves it out, and its addresses are "page not found".
test.describe('the gallery in the release build', () => {
  for (const path of ['/gallery', '/gallery/call/connected', '/gallery/call/connected?frame']) {
    test(`${path} is not there`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      await expect(page.getByText('Test pattern')).toHaveCount(0);
      await expect(page.locator('canvas')).toHaveCount(0);
    });
  }

  test('with the API server running, no page says it is missing', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('The API server is not running')).toHaveCount(0);
  });
});
