import { defineConfig, devices } from '@playwright/test';

// `cargo xtask test` starts the API server (serving the release build) and
// LiveKit, then runs this suite with BASE_URL pointing at the server.
const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3300';
const inCI = Boolean(process.env.CI);

/** Specs that stop and restart the video service mid-test. */
const STOPS_LIVEKIT = /call-reconnect\.spec\.ts$/;

const config = defineConfig({
  testDir: './tests',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results/artifacts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: inCI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.E2E_JSON_REPORT ?? 'test-results/report.json' }],
  ],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Debian's Chromium: test tools cannot download a browser here.
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
            '--use-fake-ui-for-media-stream',
            '--use-fake-device-for-media-stream',
            '--allow-loopback-in-peer-connection',
          ],
        },
      },
    },
  ],
});

// The specs that stop livekit-server, which every call test uses, run in
// a project of their own after all the others. Alone:
// `cargo xtask e2e -- --no-deps tests/call-reconnect.spec.ts` (without
// --no-deps the whole 'chromium' project runs first).
const [chromium] = config.projects!;
chromium.testIgnore = STOPS_LIVEKIT;
config.projects!.push({
  name: 'livekit-restart',
  use: chromium.use,
  testMatch: STOPS_LIVEKIT,
  dependencies: [chromium.name!],
});

export default config;
