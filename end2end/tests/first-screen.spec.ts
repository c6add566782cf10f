import { expect, test } from '../support/fixtures';
import { type Locator, type Page } from '@playwright/test';
import { newPerson } from '../support/sessions';

/**
 * index.html paints the top of some pages before the wasm arrives (its
 * `.app-shell__page` sections, style/shell.css), so a phone shows the
 * page's largest text at once. When the app mounts, its own heading and
 * lead must be the same text in the same place, or the page jumps.
 */

type Box = { x: number; y: number; width: number; height: number };

/** The heading and lead a page shows, as boxes on the screen. */
async function boxes(heading: Locator, lead: Locator): Promise<Box[]> {
  await expect(heading).toBeVisible();
  await expect(lead).toBeVisible();
  return [(await heading.boundingBox())!, (await lead.boundingBox())!];
}

/** The first screen from the HTML alone: the wasm never arrives. */
async function fromTheHtml(page: Page, path: string, section: string): Promise<Box[]> {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(path);
  const shell = page.locator(`.app-shell__page--${section}`);
  const found = await boxes(shell.getByRole('heading', { level: 1 }), shell.locator('p.lead'));
  await page.unroute('**/*.wasm');
  return found;
}

/** The same page once the app has drawn it (the shell hidden). */
async function fromTheApp(page: Page, path: string): Promise<Box[]> {
  await page.goto(path);
  await expect(page.locator('.app-shell')).toBeHidden();
  const main = page.getByRole('main');
  return boxes(main.getByRole('heading', { level: 1 }), main.locator('p.lead').first());
}

function expectSamePlace(shell: Box[], app: Box[]) {
  for (const [index, box] of shell.entries()) {
    for (const side of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(box[side] - app[index][side]), `${index === 0 ? 'heading' : 'lead'} ${side}`).toBeLessThanOrEqual(1);
    }
  }
}

const PHONE = { width: 412, height: 823 };

async function compare(page: Page, path: string, section: string) {
  const shell = await fromTheHtml(page, path, section);
  const app = await fromTheApp(page, path);
  expectSamePlace(shell, app);
}

test.describe('the first screen painted from the HTML (release build)', () => {
  for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
    test(`the home, sign-in and register pages start where the app draws them (${viewport.width} px)`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({ baseURL, viewport });
      const page = await context.newPage();
      await compare(page, '/', 'home');
      await compare(page, '/login', 'login');
      await compare(page, '/register', 'register');
      await context.close();
    });

    test(`the directory's heading starts where the app draws it, signed in (${viewport.width} px)`, async ({
      browser,
      baseURL,
    }) => {
      const client = await newPerson(browser, baseURL!, 'client', 'First Screen', { contextOptions: { viewport } });
      await compare(client.page, '/professionals', 'professionals');
      await client.context.close();
    });
  }
});
