import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Requests the app makes knowing they may be refused: asking who is signed
 * in answers 401 to a visitor, and Chromium logs every refused request as a
 * console error.
 */
const EXPECTED_REFUSALS = [{ path: '/api/auth/me', status: 401 }];

function isExpectedRefusal(text: string, url: string): boolean {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  return EXPECTED_REFUSALS.some(
    (refusal) =>
      refusal.path === path &&
      text.startsWith(`Failed to load resource: the server responded with a status of ${refusal.status} `),
  );
}

/**
 * The frame around every page: the main navigation with the brand link, and
 * the page's own level-1 heading. Also records what went wrong in the
 * browser console while the page was open.
 */
export class AppShell {
  readonly navigation: Locator;
  readonly brandLink: Locator;
  readonly heading: Locator;
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Main' });
    this.brandLink = this.navigation.getByRole('link', { name: 'Tandem', exact: true });
    this.heading = page.getByRole('heading', { level: 1 });
    page.on('console', (message) => {
      if (message.type() === 'error' && !isExpectedRefusal(message.text(), message.location().url)) {
        this.consoleErrors.push(message.text());
      }
    });
    page.on('pageerror', (error) => this.consoleErrors.push(error.message));
  }

  /** Opens `path` and waits until the app has rendered its frame. */
  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await expect(this.navigation).toBeVisible();
  }
}
