import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// Benchmarks, not tests: `npx playwright test --config end2end/playwright.bench.config.ts`
// against a running server (BASE_URL) with its outbox folder (TANDEM_OUTBOX_DIR).
// They print figures and fail only when the app itself fails.
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: '**/*.bench.ts',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results/bench-artifacts',
  workers: 1,
  retries: 0,
  timeout: 30 * 60_000,
  reporter: [['list']],
  use: { ...base.use, trace: 'off', screenshot: 'off' },
});
