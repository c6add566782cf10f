import { expect, test } from '../support/fixtures';
import { type Locator, type Page } from '@playwright/test';
import { callableSession, newPerson } from '../support/sessions';

/**
 * index.html paints the top of some pages before the wasm arrives (its
 * `.app-shell__page` sections, style/shell.css; on a professional's page,
 * the section the server writes in, server/src/first_screen.rs), so a
 * phone shows the page's largest text at once. When the app mounts, its
 * own heading and lead must be the same text in the same place, or the
 * page jumps.
 */

type Box = { x: number; y: number; width: number; height: number };

/** What is compared on a page: its heading, and its lead and about text where it has them. */
function partsOf(section: string): string[] {
  if (section === 'call') {
    return ['heading'];
  }
  return section === 'professional' ? ['heading', 'lead', 'about'] : ['heading', 'lead'];
}

/** The parts `within` shows, as boxes on the screen. */
async function boxes(within: Locator, section: string): Promise<Box[]> {
  const locators: Record<string, Locator> = {
    heading: within.getByRole('heading', { level: 1 }),
    lead: within.locator('p.lead').first(),
    about: within.locator('.profile__about p').last(),
  };
  const found = [];
  for (const part of partsOf(section)) {
    await expect(locators[part]).toBeVisible();
    found.push((await locators[part].boundingBox())!);
  }
  return found;
}

/** The first screen from the HTML alone: the wasm never arrives. */
async function fromTheHtml(page: Page, path: string, section: string): Promise<Box[]> {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(path);
  const found = await boxes(page.locator(`.app-shell__page--${section}`), section);
  await page.unroute('**/*.wasm');
  return found;
}

/** The same page once the app has drawn it (the shell hidden, and the heading `heading` when given). */
async function fromTheApp(page: Page, path: string, section: string, heading?: string): Promise<Box[]> {
  await page.goto(path);
  await expect(page.locator('.app-shell')).toBeHidden();
  if (heading !== undefined) {
    await expect(page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText(heading);
  }
  return boxes(page.getByRole('main'), section);
}

function expectSamePlace(shell: Box[], app: Box[], parts: string[]) {
  expect(app).toHaveLength(shell.length);
  for (const [index, box] of shell.entries()) {
    for (const side of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(box[side] - app[index][side]), `${parts[index]} ${side}`).toBeLessThanOrEqual(1);
    }
  }
}

const PHONE = { width: 412, height: 823 };

async function compare(page: Page, path: string, section: string, heading?: string) {
  const shell = await fromTheHtml(page, path, section);
  const app = await fromTheApp(page, path, section, heading);
  expectSamePlace(shell, app, partsOf(section));
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

    test(`signed in, the home page starts where the app draws it, for a client, a professional and someone not verified (${viewport.width} px)`, async ({
      browser,
      baseURL,
    }) => {
      // Their header (links, name, Account, Sign out), and the banner
      // asking someone not verified yet to verify, are written in by the server.
      for (const [role, verified] of [
        ['client', true],
        ['professional', true],
        ['client', false],
      ] as const) {
        const person = await newPerson(browser, baseURL!, role, 'Signed In Home', {
          verified,
          contextOptions: { viewport },
        });
        await compare(person.page, '/', 'home');
        await person.context.close();
      }
    });

    test(`a professional's name and about text start where the app draws them, signed in (${viewport.width} px)`, async ({
      browser,
      baseURL,
    }) => {
      const pro = await newPerson(browser, baseURL!, 'professional', 'Dr. First Screen');
      const saved = await pro.page.request.put('/api/profile', {
        data: {
          headline: 'Anxiety, burnout & <sleep>',
          about:
            'I work with adults who feel stuck, overwhelmed or tired of feeling that way.\n\n' +
            'Sessions are calm and practical: we look at what keeps a problem going and try small changes between sessions.',
          languages: ['en'],
        },
      });
      expect(saved.status(), await saved.text()).toBe(200);
      const client = await newPerson(browser, baseURL!, 'client', 'First Screen', { contextOptions: { viewport } });
      const path = `/professionals/${pro.id}`;
      await compare(client.page, path, 'professional');
      // What the professional typed is text in the written page, never markup.
      await client.page.route('**/*.wasm', (route) => route.abort());
      await client.page.goto(path);
      await expect(client.page.locator('.app-shell__page--professional')).toContainText('Anxiety, burnout & <sleep>');
      await pro.context.close();
      await client.context.close();
    });

    test(`a call's heading starts where the app draws it, for the client and the professional (${viewport.width} px)`, async ({
      browser,
      baseURL,
    }) => {
      const { professional, client, bookingId } = await callableSession(browser, baseURL!, {
        contextOptions: { viewport },
      });
      for (const person of [client, professional]) {
        const page = person.context.pages()[0] ?? (await person.context.newPage());
        await page.setViewportSize(viewport);
        // Both name the other person; the app once it has the booking.
        const other = person === client ? professional : client;
        await compare(page, `/call/${bookingId}`, 'call', `Session with ${other.fullName}`);
      }
      await professional.context.close();
      await client.context.close();
    });
  }
});
