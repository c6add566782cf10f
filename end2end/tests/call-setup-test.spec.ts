import { expect, test } from '../support/fixtures';
import { CallPage } from '../pages/call-page';
import { callableSession } from '../support/sessions';

// Real LiveKit and Chromium's fake camera and microphone.
test.describe.configure({ timeout: 120_000 });

test.describe('test your setup before joining', () => {
  test('speaker, microphone, camera and the connection to LiveKit all pass, then the call joins', async ({
    browser,
    baseURL,
  }) => {
    const { professional, client, bookingId } = await callableSession(browser, baseURL!);
    const call = new CallPage(client.page);
    await call.open(bookingId);
    await expect(call.preview).toBeVisible();

    const toggle = call.button('Test your setup');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const check = (name: string) => call.main.getByRole('group', { name, exact: true });

    // The speaker: a tone, then the question.
    const speaker = check('Speaker');
    await expect(speaker).toContainText('Not checked');
    await speaker.getByRole('button', { name: 'Play test sound' }).click();
    await expect(speaker).toContainText('Did you hear the tone?');
    await speaker.getByRole('button', { name: 'Yes, I heard it' }).click();
    await expect(speaker).toContainText('Passed');
    await expect(speaker).toContainText('You can hear sound from Tandem.');

    // The microphone (the fake one beeps) and the camera.
    const microphone = check('Microphone');
    await expect(microphone).toContainText('Passed', { timeout: 15_000 });
    await expect(microphone.getByRole('meter', { name: 'Microphone level in the test' })).toBeVisible();
    const camera = check('Camera');
    await expect(camera).toContainText('Passed');
    await call.expectVideoPlaying(camera.getByLabel('Your camera in the test'));

    // The connection, against the real livekit-server.
    const signalling = check('Connection to the video service');
    const media = check('Sound and video over your network');
    await expect(signalling).toContainText('Not checked');
    await signalling.getByRole('button', { name: 'Check connection' }).click();
    await expect(signalling).toContainText('Passed', { timeout: 30_000 });
    await expect(signalling).toContainText('The video service is reachable.');
    await expect(media).toContainText('Passed', { timeout: 30_000 });
    await expect(media).toContainText('Sound and video get through over UDP, the fastest way.');

    // The checks leave the call free to join.
    await call.join();

    await client.context.close();
    await professional.context.close();
  });

  test('a video service the browser cannot reach fails the check and says what to do', async ({
    browser,
    baseURL,
  }) => {
    const { professional, client, bookingId } = await callableSession(browser, baseURL!);
    const call = new CallPage(client.page);
    await call.open(bookingId);
    await expect(call.joinButton).toBeEnabled({ timeout: 15_000 });
    // As a firewall would: every WebSocket to LiveKit's signalling is closed at once.
    await client.page.routeWebSocket(/\/rtc/, (socket) => socket.close({ code: 1011, reason: 'blocked' }));

    await call.button('Test your setup').click();
    const signalling = call.main.getByRole('group', { name: 'Connection to the video service', exact: true });
    const media = call.main.getByRole('group', { name: 'Sound and video over your network', exact: true });
    await signalling.getByRole('button', { name: 'Check connection' }).click();
    await expect(signalling).toContainText('Failed', { timeout: 40_000 });
    await expect(signalling).toContainText('The video service could not be reached.');
    await expect(signalling).toContainText('a firewall may block it');
    await expect(media).toContainText('Not checked: the video service could not be reached.');
    await expect(signalling.getByRole('button', { name: 'Check again' })).toBeEnabled();

    await client.context.close();
    await professional.context.close();
  });
});
