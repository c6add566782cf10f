import { expect, test, type Page } from '@playwright/test';
import { CallPage } from '../pages/call-page';
import { callableSession } from '../support/sessions';

/**
 * How long joining a call takes, measured in the browser: from the click on
 * "Join call" to "Connected", and to the first frame of the other person's
 * video (`requestVideoFrameCallback`). Each run opens the call page for
 * both participants, waits for their camera previews, clicks "Join call"
 * on both pages together, and leaves. Prints the median and 95th
 * percentile of every participant's join in every run.
 *
 *   BENCH_RUNS (default 10)   how many runs
 *
 * Needs a running server in production mode with LiveKit (BASE_URL) and its
 * outbox folder (TANDEM_OUTBOX_DIR), like the browser tests.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
/** Each page load asks for a call token; users get 30 an hour. */
const RUNS_PER_SESSION = 20;

interface Probe {
  click: number;
  connected: number;
  frame: number;
  /** The app's `tandem:join:*` marks (src/livekit/bridge.js), by step. */
  marks: Record<string, number>;
  /** Whether the credentials were fetched after the click. */
  credentialsAfterClick: boolean;
}

/** The steps of a join, each from the mark before it (or the click). */
const STEPS: [label: string, from: string, to: string][] = [
  ['click to connect()', 'click', 'connect'],
  ['signalling (WebSocket, join)', 'connect', 'signal-connected'],
  ['to connected (ICE, DTLS)', 'signal-connected', 'connected'],
  ['to first track published', 'connected', 'published'],
  ['click to remote video arriving', 'click', 'remote-video-subscribed'],
  ['to its first frame shown', 'remote-video-subscribed', 'frame'],
];

/** Records, in the page, when "Join call" is clicked, "Connected" shows and the first remote frame is presented. */
async function armProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = { click: 0, connected: 0, frame: 0, marks: {}, credentialsAfterClick: false };
    (window as unknown as { callProbe: Probe }).callProbe = probe;
    const main = document.querySelector('main')!;
    const onClick = (event: MouseEvent) => {
      const button = (event.target as Element).closest('button');
      if (!probe.click && button?.textContent?.trim() === 'Join call') {
        probe.click = event.timeStamp;
      }
    };
    document.addEventListener('click', onClick, { capture: true });
    const observer = new MutationObserver(() => {
      const status = main.querySelector('[role="status"][aria-label="Connection"]');
      if (!probe.connected && status?.textContent?.trim() === 'Connected') {
        probe.connected = performance.now();
      }
      const video = main.querySelector<HTMLVideoElement>('video[aria-label^="Video of "]');
      if (video && !video.dataset.probed) {
        video.dataset.probed = 'yes';
        video.requestVideoFrameCallback((now) => {
          probe.frame = now;
        });
      }
      if (probe.connected && probe.frame) {
        observer.disconnect();
        document.removeEventListener('click', onClick, { capture: true });
      }
    });
    observer.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

async function readProbe(page: Page): Promise<Probe> {
  let done = false;
  await expect
    .poll(
      async () => {
        done = await page.evaluate(() => {
          const probe = (window as unknown as { callProbe: Probe }).callProbe;
          return probe.click > 0 && probe.connected > 0 && probe.frame > 0;
        });
        return done;
      },
      { timeout: 30_000, message: 'the join should finish with the other side visible' },
    )
    .toBe(true);
  return page.evaluate(() => {
    const probe = (window as unknown as { callProbe: Probe }).callProbe;
    const marks: Record<string, number> = { click: probe.click, frame: probe.frame };
    for (const mark of performance.getEntriesByType('mark')) {
      if (mark.name.startsWith('tandem:join:')) {
        marks[mark.name.slice('tandem:join:'.length)] = mark.startTime;
      }
    }
    const credentialsAfterClick = performance
      .getEntriesByType('resource')
      .some((entry) => /\/api\/bookings\/\d+\/call$/.test(new URL(entry.name).pathname) && entry.startTime >= probe.click);
    return { ...probe, marks, credentialsAfterClick };
  });
}

function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function row(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const cell = (ms: number) => `${Math.round(ms)} ms`.padStart(9);
  return `${label.padEnd(31)}${cell(percentile(sorted, 50))}${cell(percentile(sorted, 95))}${cell(sorted[0])}${cell(sorted[sorted.length - 1])}`;
}

test('joining a call: click to Connected, click to first remote frame', async ({ browser, baseURL }) => {
  expect(RUNS).toBeGreaterThan(0);
  const toConnected: number[] = [];
  const toFirstFrame: number[] = [];
  const steps: number[][] = STEPS.map(() => []);
  let credentialsAfterClick = 0;
  let session: Awaited<ReturnType<typeof callableSession>> | undefined;

  for (let run = 0; run < RUNS; run += 1) {
    if (run % RUNS_PER_SESSION === 0) {
      await session?.client.context.close();
      await session?.professional.context.close();
      session = await callableSession(browser, baseURL!);
    }
    const { professional, client, bookingId } = session!;
    const pages = [new CallPage(client.page), new CallPage(professional.page)];

    for (const call of pages) {
      await call.open(bookingId);
      await expect(call.preview).toBeVisible({ timeout: 20_000 });
      await expect(call.joinButton).toBeEnabled({ timeout: 20_000 });
      await armProbe(call.page);
    }
    await Promise.all(pages.map((call) => call.joinButton.click()));
    for (const call of pages) {
      const probe = await readProbe(call.page);
      toConnected.push(probe.connected - probe.click);
      toFirstFrame.push(probe.frame - probe.click);
      STEPS.forEach(([label, from, to], n) => {
        const [start, end] = [probe.marks[from], probe.marks[to]];
        expect(start, `the join should mark "${from}" (${label})`).toBeDefined();
        expect(end, `the join should mark "${to}" (${label})`).toBeDefined();
        steps[n].push(end - start);
      });
      credentialsAfterClick += Number(probe.credentialsAfterClick);
    }
    for (const call of pages) {
      await call.leaveButton.click();
      await expect(call.text('You left the call')).toBeVisible();
    }
    console.log(`run ${run + 1}/${RUNS} done`);
  }
  await session?.client.context.close();
  await session?.professional.context.close();

  console.log(
    [
      '',
      `Joining a call: ${RUNS} runs x 2 participants, both clicking "Join call" together`,
      `${'from the click on "Join call"'.padEnd(31)}${'median'.padStart(9)}${'p95'.padStart(9)}${'min'.padStart(9)}${'max'.padStart(9)}`,
      row('to "Connected"', toConnected),
      row('to first remote video frame', toFirstFrame),
      '',
      'Where the time goes (each step from the one before it)',
      ...STEPS.map(([label], n) => row(`  ${label}`, steps[n])),
      `  credentials fetched after the click: ${credentialsAfterClick} of ${toConnected.length} joins`,
      '',
    ].join('\n'),
  );
});
