import { expect, test } from '../support/fixtures';
import { livekitServer } from '../support/livekit';
import { bothJoin } from '../support/calls';
import { callableSession } from '../support/sessions';

// This spec stops the video service that every call test uses: it runs in
// its own project, after the others (playwright.config.ts).
test.describe.configure({ timeout: 150_000 });

test('the video service restarts mid-call and both are back in the call without a reload', async ({
  browser,
  baseURL,
}) => {
  const { professional, client, bookingId } = await callableSession(browser, baseURL!);
  const { clientCall, professionalCall } = await bothJoin({ professional, client, bookingId });
  await clientCall.expectVideoPlaying(clientCall.remoteVideo(professional.fullName));
  await professionalCall.expectVideoPlaying(professionalCall.remoteVideo(client.fullName));
  // A reload would start the page over: mark both documents to tell.
  for (const call of [clientCall, professionalCall]) {
    await call.page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  }

  await livekitServer('stop');
  for (const call of [clientCall, professionalCall]) {
    await expect(call.connection).toHaveText('Reconnecting…');
    await expect(call.main.getByRole('status', { name: 'Reconnecting' })).toBeVisible();
  }

  await livekitServer('start');
  // The server lost the room with its memory: LiveKit gives up resuming,
  // and "Rejoin" asks our server for a new token (which makes the room
  // again). Whoever rejoins first may let the other's own retry succeed.
  for (const call of [clientCall, professionalCall]) {
    const back = call.connection.filter({ hasText: /^Connected$/ });
    await expect(back.or(call.rejoinButton)).toBeVisible({ timeout: 60_000 });
    const rejoined = await call.rejoinButton.isVisible();
    test.info().annotations.push({ type: 'back in the call', description: rejoined ? 'Rejoin' : "LiveKit's retry" });
    if (rejoined) {
      await expect(call.text('You were disconnected')).toBeVisible();
      await call.rejoinButton.click();
    }
    await expect(call.connection).toHaveText('Connected', { timeout: 30_000 });
  }
  await clientCall.expectVideoPlaying(clientCall.remoteVideo(professional.fullName));
  await professionalCall.expectVideoPlaying(professionalCall.remoteVideo(client.fullName));
  await expect(clientCall.text(`${professional.fullName} is here`)).toBeVisible();
  for (const call of [clientCall, professionalCall]) {
    expect(await call.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  }

  await client.context.close();
  await professional.context.close();
});
