import { expect } from '@playwright/test';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Stops or starts the stack's livekit-server (same port, same keys) while
 * a test runs, through the control folder `cargo xtask e2e` watches
 * (`TANDEM_CONTROL_DIR`; see xtask/src/livekit_control.rs). Stopping is
 * abrupt, as in a crash. Resolves once it is done.
 */
export async function livekitServer(request: 'stop' | 'start'): Promise<void> {
  const dir = process.env.TANDEM_CONTROL_DIR;
  if (!dir) {
    throw new Error('TANDEM_CONTROL_DIR is not set: run the browser tests with `cargo xtask e2e`');
  }
  const state = path.join(dir, 'livekit-state');
  const expected = request === 'stop' ? 'stopped' : 'running';
  await fs.rm(state, { force: true });
  // Renamed into place, so that the watcher never reads half of it.
  const pending = path.join(dir, 'livekit-request.tmp');
  await fs.writeFile(pending, request);
  await fs.rename(pending, path.join(dir, 'livekit-request'));
  await expect
    .poll(() => fs.readFile(state, 'utf8').catch(() => ''), {
      timeout: 40_000,
      message: `livekit-server should be ${expected}`,
    })
    .toBe(expected);
}
