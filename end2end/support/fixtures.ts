import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';

/**
 * Playwright's `test` and `expect`, with one addition: every page of every
 * browser context a test opens (the `page` fixture's, and those made with
 * `browser.newContext()` / `browser.newPage()`) is watched for
 * Content-Security-Policy and Permissions-Policy violations, both the
 * `securitypolicyviolation` events and the browser's console reports. A
 * test with any violation fails, listing them. Every spec imports `test`
 * and `expect` from here.
 */

/** The console's wording when a policy blocks something. */
const POLICY_MESSAGE = /Content[- ]Security[- ]Policy|Permissions[- ]Policy|Refused to (load|execute|apply|connect|create|frame)/i;

/** Name of the function the pages call to report a violation. */
const REPORT = '__tandemReportPolicyViolation';

async function watch(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeBinding(REPORT, ({ page }, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript((report: string) => {
    // Capture on window: violations fired at elements and at the document
    // both pass through it.
    window.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const send = (window as unknown as Record<string, (text: string) => void>)[report];
        send(
          `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}` +
            ` at ${event.sourceFile || '?'}:${event.lineNumber} (${event.disposition})`,
        );
      },
      true,
    );
  }, REPORT);
  const watchPage = (page: Page) => {
    page.on('console', (message) => {
      if (POLICY_MESSAGE.test(message.text())) {
        violations.push(`${page.url()}: console ${message.type()}: ${message.text()}`);
      }
    });
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
}

export const test = base.extend<{ policyViolations: string[] }>({
  policyViolations: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      await watch(context, violations);
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const created = await newContext.apply(browser, args);
        await watch(created, violations);
        return created;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, 'no Content-Security-Policy or Permissions-Policy violation').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
