import { expect, test } from '../support/fixtures';
import { bothJoin } from '../support/calls';
import { callableSession } from '../support/sessions';

// Real LiveKit; Chromium's fake capture (playwright.config.ts) answers the
// screen picker with a fake screen.
test.describe.configure({ timeout: 120_000 });

test('a shared screen is shown large to both, who shares is said, and the browser\'s own stop is handled', async ({
  browser,
  baseURL,
}) => {
  const { professional, client, bookingId } = await callableSession(browser, baseURL!);
  const { clientCall, professionalCall } = await bothJoin({ professional, client, bookingId }, 'professional');
  await professionalCall.expectVideoPlaying(professionalCall.remoteVideo(client.fullName));

  // The client shares: both see the screen large, the camera stays beside it.
  const share = clientCall.button('Share screen');
  await expect(share).toHaveAttribute('aria-pressed', 'false');
  await share.click();
  const stop = clientCall.button('Stop sharing screen');
  await expect(stop).toHaveAttribute('aria-pressed', 'true');
  await expect(clientCall.text('You are sharing your screen')).toBeVisible();
  const ownScreen = clientCall.main.getByLabel('Your shared screen');
  await clientCall.expectVideoPlaying(ownScreen);

  const sharedScreen = professionalCall.main.getByLabel(`Screen shared by ${client.fullName}`);
  await expect(professionalCall.text(`${client.fullName} is sharing their screen`)).toBeVisible();
  await professionalCall.expectVideoPlaying(sharedScreen);
  await professionalCall.expectVideoPlaying(professionalCall.remoteVideo(client.fullName));
  // Large: the screen is wider than the camera beside it.
  const screenBox = await sharedScreen.boundingBox();
  const cameraBox = await professionalCall.remoteVideo(client.fullName).boundingBox();
  expect(screenBox!.width).toBeGreaterThan(cameraBox!.width * 2);

  // The browser's own "Stop sharing" ends the capture track.
  await ownScreen.evaluate((video: HTMLVideoElement) => {
    for (const track of (video.srcObject as MediaStream).getTracks()) {
      track.stop();
      track.dispatchEvent(new Event('ended'));
    }
  });
  await expect(clientCall.button('Share screen')).toHaveAttribute('aria-pressed', 'false');
  await expect(clientCall.text('You are sharing your screen')).toBeHidden();
  await expect(professionalCall.text(`${client.fullName} is sharing their screen`)).toBeHidden();
  await expect(sharedScreen).toBeHidden();
  await professionalCall.expectVideoPlaying(professionalCall.remoteVideo(client.fullName));

  // Again, and stopped from the call's own button this time.
  await clientCall.button('Share screen').click();
  await expect(professionalCall.text(`${client.fullName} is sharing their screen`)).toBeVisible();
  await professionalCall.expectVideoPlaying(sharedScreen);
  await clientCall.button('Stop sharing screen').click();
  await expect(professionalCall.text(`${client.fullName} is sharing their screen`)).toBeHidden();
  await expect(clientCall.button('Share screen')).toBeVisible();

  await client.context.close();
  await professional.context.close();
});
