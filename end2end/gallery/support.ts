// What the gallery's tests share: the list of states, the fixed clock and
// widths, opening a state, and the accessibility check.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type GalleryState = { path: string; title: string };

/** Every state, as the app's catalog lists it (a Rust test keeps this file current). */
export const STATES: GalleryState[] = readFileSync(join(__dirname, 'states.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [path, title] = line.split('\t');
    return { path, title };
  });

/** The browser's clock in every picture: fixtures are relative to it. */
export const CLOCK = new Date('2026-11-23T09:00:00Z');

export const WIDTHS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

/** Opens a state alone (as the viewer's frame shows it) and waits until it is drawn. */
export async function openState(page: Page, state: GalleryState): Promise<void> {
  await page.clock.setFixedTime(CLOCK);
  await page.goto(`${state.path}?frame`);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
}

/** The file name of a state's picture: `call--reconnecting--phone.png`. */
export function pictureName(state: GalleryState, width: keyof typeof WIDTHS): string {
  return `${state.path.replace('/gallery/', '').replace('/', '--')}--${width}.png`;
}

/** The serious and critical accessibility violations on the page, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
