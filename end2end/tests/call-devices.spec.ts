import { chromium, type Browser } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { CallPage } from '../pages/call-page';
import { bothJoin } from '../support/calls';
import { callableSession } from '../support/sessions';

// Real LiveKit, two browsers' worth of fake cameras: give calls time.
test.describe.configure({ timeout: 120_000 });

/**
 * Chromium as the config launches it, with two fake cameras instead of
 * one (the fake capture device's `device-count` option).
 */
async function browserWithTwoCameras(): Promise<Browser> {
  const launch = test.info().project.use.launchOptions ?? {};
  const args = (launch.args ?? []).map((arg) =>
    arg === '--use-fake-device-for-media-stream' ? `${arg}=device-count=2` : arg,
  );
  return chromium.launch({ ...launch, args });
}

/** The device id of the live track shown in `video` (`kind` 'video') or of its stream's audio. */
function trackDevice(call: CallPage, label: string) {
  return call.main.getByLabel(label, { exact: true }).evaluate((element: HTMLVideoElement) => {
    const stream = element.srcObject as MediaStream | null;
    const track = stream?.getVideoTracks()[0];
    return track?.readyState === 'live' ? (track.getSettings().deviceId ?? null) : null;
  });
}

test('switching camera, microphone and speaker in the call, an unplugged camera, and the choice kept for next time', async ({
  baseURL,
}) => {
  const browser = await browserWithTwoCameras();
  try {
    const { professional, client, bookingId } = await callableSession(browser, baseURL!);
    const { clientCall, professionalCall } = await bothJoin({ professional, client, bookingId });
    await professionalCall.expectVideoPlaying(professionalCall.remoteVideo(client.fullName));

    await clientCall.main.getByText('Devices', { exact: true }).click();
    const camera = clientCall.main.getByRole('combobox', { name: 'Camera' });
    await expect(camera.locator('option')).toHaveCount(2);
    const cameras = await camera.locator('option').evaluateAll((options) =>
      options.map((option) => (option as HTMLOptionElement).value),
    );
    expect(cameras).toHaveLength(2);
    const before = await camera.inputValue();
    const other = cameras.find((id) => id !== before)!;
    expect(await trackDevice(clientCall, 'Your camera')).toBe(before);

    await camera.selectOption(other);
    // What is published is the chosen camera, and the other side still
    // has the client's camera (not "camera is off"). Its frames are
    // checked once the call is back on the first camera, below: with
    // Chromium's second fake camera the other side's picture freezes (see
    // the report of this change).
    await expect.poll(() => trackDevice(clientCall, 'Your camera'), { timeout: 15_000 }).toBe(other);
    await expect(camera).toHaveValue(other);
    await expect(professionalCall.remoteVideo(client.fullName)).toBeVisible();
    await expect(professionalCall.text(`${client.fullName}'s camera is off`)).toHaveCount(0);
    await expect(professionalCall.connection).toHaveText('Connected');

    // The chosen camera is unplugged (as the browser would tell it: the
    // device list changes without it): the call falls back to the other
    // one and says so.
    await client.page.evaluate((gone) => {
      const devices = navigator.mediaDevices;
      const list = devices.enumerateDevices.bind(devices);
      devices.enumerateDevices = async () => (await list()).filter((device) => device.deviceId !== gone);
      devices.dispatchEvent(new Event('devicechange'));
    }, other);
    await expect(clientCall.main.getByText(/^Your camera .* was disconnected\. Now using .*\.$/)).toBeVisible();
    await expect.poll(() => trackDevice(clientCall, 'Your camera'), { timeout: 15_000 }).toBe(before);
    await expect(camera).toHaveValue(before);
    await professionalCall.expectVideoPlaying(professionalCall.remoteVideo(client.fullName));

    // The microphone: another one is chosen and kept.
    const microphone = clientCall.main.getByRole('combobox', { name: 'Microphone' });
    const microphones = await microphone.locator('option').evaluateAll((options) =>
      options.map((option) => (option as HTMLOptionElement).value),
    );
    const otherMicrophone = microphones.find((id) => id !== 'default' && id !== '') ?? microphones[0];
    await microphone.selectOption(otherMicrophone);
    await expect(microphone).toHaveValue(otherMicrophone);

    // The speaker (Chromium can choose it): the other person's sound plays there.
    const speaker = clientCall.main.getByRole('combobox', { name: 'Speaker' });
    const speakers = await speaker.locator('option').evaluateAll((options) =>
      options.map((option) => (option as HTMLOptionElement).value),
    );
    const otherSpeaker = speakers.find((id) => id !== 'default') ?? speakers[0];
    await speaker.selectOption(otherSpeaker);
    await expect
      // The other person's voice (a shared screen's sound has an element of its own).
      .poll(() => client.page.locator('audio.call__voice').evaluate((element: HTMLAudioElement) => element.sinkId))
      .toBe(otherSpeaker);
    await expect(clientCall.alert).toHaveCount(0);

    // Next time, the preview starts with the camera chosen (a fallback is
    // not a choice).
    await client.page.reload();
    await expect(clientCall.preview).toBeVisible();
    await expect.poll(() => trackDevice(clientCall, 'Your camera preview'), { timeout: 15_000 }).toBe(other);
    await expect(clientCall.main.getByRole('combobox', { name: 'Camera' })).toHaveValue(other);
    await expect(clientCall.main.getByRole('combobox', { name: 'Microphone' })).toHaveValue(otherMicrophone);

    await client.context.close();
    await professional.context.close();
  } finally {
    await browser.close();
  }
});
