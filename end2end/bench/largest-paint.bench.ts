import { test } from '@playwright/test';

/**
 * Which element is each page's Largest Contentful Paint, and whether the
 * HTML paints it (index.html's first screen, `.app-shell`) or the app does
 * once its wasm runs. Lighthouse 12.2.3 cannot say with Debian's Chromium
 * (its `largest-contentful-paint-element` audit fails in its trace
 * gatherer), and which element it is decides what can make it sooner. Part
 * of `cargo xtask bench web`, which passes the pages:
 *
 *   BENCH_PAGES            JSON: [{ "path": "/sessions", "signedIn": true }, …]
 *   BENCH_SESSION_COOKIE   the signed-in pages' session cookie, as name=value
 *
 * The page is opened at the size of Lighthouse's mobile screen, without
 * its throttling: the times printed only order the candidates.
 */

interface PageToOpen {
  path: string;
  signedIn: boolean;
}

interface Candidate {
  /** When it was painted, ms from the navigation (unthrottled). */
  at: number;
  /** Its painted area, in CSS pixels. */
  size: number;
  element: string;
  fromTheHtml: boolean;
}

const PAGES: PageToOpen[] = JSON.parse(process.env.BENCH_PAGES ?? '[]');
const [COOKIE_NAME, COOKIE_VALUE] = (process.env.BENCH_SESSION_COOKIE ?? '=').split(/=(.*)/s);
/** Lighthouse's mobile screen (a Moto G Power). */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

test('the largest contentful paint of each page', async ({ browser, baseURL }) => {
  if (PAGES.length === 0) {
    throw new Error('BENCH_PAGES lists no page: run this through `cargo xtask bench web`');
  }
  const rows: string[] = [];
  for (const { path, signedIn } of PAGES) {
    const context = await browser.newContext({ ...PHONE, baseURL });
    if (signedIn) {
      await context.addCookies([{ name: COOKIE_NAME, value: COOKIE_VALUE, url: baseURL! }]);
    }
    await context.addInitScript(() => {
      const seen: Candidate[] = [];
      (window as unknown as { lcpCandidates: Candidate[] }).lcpCandidates = seen;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as LargestContentfulPaint[]) {
          const element = entry.element;
          const classes = element?.classList.length ? `.${[...element.classList].join('.')}` : '';
          const text = (element?.textContent ?? '').trim().replace(/\s+/g, ' ');
          seen.push({
            at: Math.round(entry.startTime),
            size: entry.size,
            element: element
              ? `<${element.tagName.toLowerCase()}${classes}> "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`
              : '(removed)',
            fromTheHtml: Boolean(element?.closest('.app-shell')),
          });
        }
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    const page = await context.newPage();
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    // LCP stops at the first input; none comes, so wait for late paints.
    await page.waitForTimeout(1_000);
    const candidates = await page.evaluate(() => (window as unknown as { lcpCandidates: Candidate[] }).lcpCandidates);
    await context.close();
    const largest = candidates.at(-1);
    rows.push(
      largest
        ? `| \`${path}\` | ${largest.element} | ${largest.size.toLocaleString('en')} px² | ${
            largest.fromTheHtml ? 'the HTML' : 'the app'
          } | ${largest.at} ms |`
        : `| \`${path}\` | none reported | | | |`,
    );
  }
  console.log(
    [
      '',
      'Largest contentful paint on a phone-sized screen (no throttling: the time only orders the paints)',
      '| page | element | area | painted by | at |',
      '|---|---|---:|---|---:|',
      ...rows,
    ].join('\n'),
  );
});
