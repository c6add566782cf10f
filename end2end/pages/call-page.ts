import { expect, type Locator, type Page } from '@playwright/test';

/**
 * `/call/:booking_id`: the pre-join view (preview, devices, "Join call"),
 * the call (remote and own video, controls, connection state) and what
 * follows it.
 */
export class CallPage {
  readonly main: Locator;
  readonly joinButton: Locator;
  /** The connection state in words ("Connecting…", "Connected", …). */
  readonly connection: Locator;
  readonly preview: Locator;
  readonly ownVideo: Locator;
  readonly leaveButton: Locator;
  readonly rejoinButton: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.joinButton = this.main.getByRole('button', { name: 'Join call' });
    this.connection = this.main.getByRole('status', { name: 'Connection' });
    this.preview = this.main.getByLabel('Your camera preview');
    this.ownVideo = this.main.getByLabel('Your camera', { exact: true });
    this.leaveButton = this.main.getByRole('button', { name: 'Leave call' });
    this.rejoinButton = this.main.getByRole('button', { name: 'Rejoin' });
    this.alert = this.main.getByRole('alert');
  }

  async open(bookingId: number): Promise<void> {
    await this.page.goto(`/call/${bookingId}`);
  }

  /** Presses "Join call" once it can be pressed and waits for "Connected". */
  async join(): Promise<void> {
    await this.joinButton.click();
    await expect(this.connection).toHaveText('Connected', { timeout: 20_000 });
  }

  remoteVideo(name: string): Locator {
    return this.main.getByLabel(`Video of ${name}`);
  }

  button(name: string): Locator {
    return this.main.getByRole('button', { name, exact: true });
  }

  text(text: string): Locator {
    return this.main.getByText(text, { exact: true });
  }

  /**
   * Waits until the other person's video really plays: it has a size, and
   * the browser presents new frames.
   */
  async expectVideoPlaying(video: Locator): Promise<void> {
    await expect(video).toBeVisible();
    await expect
      .poll(
        () =>
          video.evaluate(
            (element: HTMLVideoElement) =>
              new Promise<string>((resolve) => {
                if (element.videoWidth === 0) {
                  resolve('no picture yet');
                  return;
                }
                const startedAt = element.currentTime;
                let frames = 0;
                const count = () => {
                  frames += 1;
                  if (frames < 3) {
                    element.requestVideoFrameCallback(count);
                  } else {
                    resolve(element.currentTime > startedAt ? 'playing' : 'frozen');
                  }
                };
                element.requestVideoFrameCallback(count);
                setTimeout(() => resolve(`only ${frames} frames in 3 s`), 3_000);
              }),
          ),
        { timeout: 20_000, message: 'the video should show moving pictures' },
      )
      .toBe('playing');
  }
}
