import { expect, test } from '@playwright/test';
import { STATES, WIDTHS, openState, pictureName, seriousViolations } from './support';

// Every state of the gallery, photographed at phone and desktop widths and
// compared with the committed picture, and checked for accessibility.
test.describe('gallery states', () => {
  for (const state of STATES) {
    test(state.title, async ({ page }) => {
      await page.setViewportSize(WIDTHS.desktop);
      await openState(page, state);
      await expect.soft(page).toHaveScreenshot(pictureName(state, 'desktop'), { fullPage: true });
      expect.soft(await seriousViolations(page)).toEqual([]);

      await page.setViewportSize(WIDTHS.phone);
      await expect.soft(page).toHaveScreenshot(pictureName(state, 'phone'), { fullPage: true });
    });
  }
});
