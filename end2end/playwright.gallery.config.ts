import { defineConfig, devices } from '@playwright/test';
import { resolve } from 'node:path';

// The gallery's screenshot and accessibility tests. They need a DEV build
// (the release build leaves the gallery out): `cargo xtask gallery` builds
// one into target/gallery-dist and runs this config, which serves it with a
// small static server. Update the committed pictures with
// `cargo xtask gallery -- --update-snapshots` (a changed picture is a
// reviewed change).
const port = Number(process.env.GALLERY_PORT ?? 3310);
const baseURL = `http://127.0.0.1:${port}`;
const inCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: './gallery',
  outputDir: process.env.GALLERY_OUTPUT_DIR ?? 'test-results/gallery-artifacts',
  snapshotPathTemplate: '{testDir}/screenshots/{arg}{ext}',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: inCI,
  timeout: 60_000,
  expect: {
    timeout: 15_000,
    toHaveScreenshot: { maxDiffPixelRatio: 0.0002, threshold: 0.1, animations: 'disabled', caret: 'hide' },
  },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.GALLERY_JSON_REPORT ?? 'test-results/gallery-report.json' }],
  ],
  webServer: {
    command: 'node gallery/static-server.mjs',
    url: `${baseURL}/gallery`,
    env: {
      GALLERY_DIST: process.env.GALLERY_DIST ?? resolve(__dirname, '../target/gallery-dist'),
      GALLERY_PORT: String(port),
    },
    reuseExistingServer: false,
    timeout: 30_000,
  },
  use: {
    baseURL,
    // The same picture on every machine: one time zone, one language, one
    // clock (set in the spec), still test patterns.
    timezoneId: 'Europe/London',
    locale: 'en-GB',
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        deviceScaleFactor: 1,
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--headless=new',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--font-render-hinting=none',
            '--disable-lcd-text',
          ],
        },
      },
    },
  ],
});
