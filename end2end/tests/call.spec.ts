import { expect, test } from '../support/fixtures';
import { CallPage } from '../pages/call-page';
import { bothJoin } from '../support/calls';
import { bookSession, callableSession, newPerson } from '../support/sessions';

// Real LiveKit, two browsers' worth of fake cameras: give calls time.
test.describe.configure({ timeout: 120_000 });

test.describe('the video call of a session', () => {
  test('client and professional meet, see each other, mute, and leave', async ({ browser, baseURL }) => {
    const { professional, client, bookingId } = await callableSession(browser, baseURL!);
    const clientCall = new CallPage(client.page);
    const professionalCall = new CallPage(professional.page);

    // The client is first: the page says who they are about to meet.
    await clientCall.open(bookingId);
    await expect(clientCall.main.getByRole('heading', { level: 1 })).toHaveText(
      `Session with ${professional.fullName}`,
    );
    await expect(clientCall.text(`Waiting for ${professional.fullName} to join…`)).toBeVisible();
    await expect(clientCall.preview).toBeVisible();
    await clientCall.join();
    await expect(clientCall.text(`Waiting for ${professional.fullName} to join…`)).toBeVisible();
    await expect(clientCall.ownVideo).toBeVisible();

    // The professional's page knows the client is there (through our API).
    await professionalCall.open(bookingId);
    await expect(professionalCall.text(`${client.fullName} is here`)).toBeVisible({ timeout: 15_000 });
    await professionalCall.join();

    await expect(clientCall.connection).toHaveText('Connected');
    await expect(clientCall.text(`${professional.fullName} is here`)).toBeVisible();
    await clientCall.expectVideoPlaying(clientCall.remoteVideo(professional.fullName));
    await professionalCall.expectVideoPlaying(professionalCall.remoteVideo(client.fullName));

    // The session's clock, against the booked times the API gave: the
    // session starts in four minutes and lasts thirty.
    const clientClock = clientCall.main.getByRole('timer', { name: 'Session time' });
    await expect(clientClock).toContainText(/Starts in [34] min/);
    await expect(clientClock).toContainText(/3[34] min left/);
    await expect(professionalCall.main.getByRole('timer', { name: 'Session time' })).toContainText(/3[34] min left/);

    // The client mutes: the professional sees it; and back.
    await clientCall.button('Mute microphone').click();
    await expect(clientCall.button('Unmute microphone')).toHaveAttribute('aria-pressed', 'true');
    await expect(professionalCall.text(`${client.fullName}'s microphone is off`)).toBeVisible();
    await clientCall.button('Unmute microphone').click();
    await expect(professionalCall.text(`${client.fullName}'s microphone is off`)).toBeHidden();

    // The professional turns the camera off: the client sees it.
    await professionalCall.button('Turn camera off').click();
    await expect(clientCall.text(`${professional.fullName}'s camera is off`)).toBeVisible();
    await professionalCall.button('Turn camera on').click();
    await clientCall.expectVideoPlaying(clientCall.remoteVideo(professional.fullName));

    // The professional leaves.
    await professionalCall.leaveButton.click();
    await expect(professionalCall.text('You left the call')).toBeVisible();
    await expect(professionalCall.rejoinButton).toBeVisible();
    await expect(professionalCall.main.getByRole('link', { name: 'Back to your sessions' })).toHaveAttribute(
      'href',
      '/sessions',
    );
    await expect(clientCall.text(`${professional.fullName} left the call`)).toBeVisible();
    await expect(clientCall.connection).toHaveText('Connected');

    await client.context.close();
    await professional.context.close();
  });

  test('an unverified client gets the verify prompt, and the server refuses them a token', async ({
    browser,
    baseURL,
  }) => {
    const professional = await newPerson(browser, baseURL!, 'professional', 'Dr. Maya Okafor');
    const client = await newPerson(browser, baseURL!, 'client', 'Sam Lee', { verified: false });
    const bookingId = await bookSession(professional, client);
    const call = new CallPage(client.page);

    await call.open(bookingId);

    await expect(call.text('Verify your account to join this call.')).toBeVisible();
    await expect(call.main.getByRole('link', { name: 'Verify now' })).toHaveAttribute('href', '/verify');
    await expect(call.joinButton).toHaveCount(0);

    const response = await client.page.request.post(`/api/bookings/${bookingId}/call`);
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe('not_verified');

    await client.context.close();
    await professional.context.close();
  });

  test('a denied camera says how to allow it, and the call can still be joined', async ({ browser, baseURL }) => {
    const { professional, client, bookingId } = await callableSession(browser, baseURL!);
    // As if the person had refused the camera and microphone prompt.
    await client.context.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    const call = new CallPage(client.page);

    await call.open(bookingId);

    await expect(call.alert).toContainText('Tandem is not allowed to use your camera or microphone');
    await expect(call.alert).toContainText(
      "Allow camera and microphone in your browser's site settings, then try again.",
    );
    await expect(call.button('Try again')).toBeVisible();
    await expect(call.button('Use audio only')).toBeVisible();

    await call.button('Join without camera or microphone').click();
    await expect(call.connection).toHaveText('Connected', { timeout: 20_000 });
    await expect(call.button('Unmute microphone')).toBeVisible();

    await client.context.close();
    await professional.context.close();
  });

  test('leaving while the camera prompt is still open turns the camera off once it answers', async ({
    browser,
    baseURL,
  }) => {
    const { professional, client, bookingId } = await callableSession(browser, baseURL!);
    // As if the person took three seconds to answer the permission prompt;
    // every stream the page gets is kept, to check its tracks afterwards.
    await client.context.addInitScript(() => {
      const seen = window as unknown as { asked: number; streams: MediaStream[] };
      seen.asked = 0;
      seen.streams = [];
      const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        seen.asked += 1;
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        const stream = await real(constraints);
        seen.streams.push(stream);
        return stream;
      };
    });
    const page = client.page;
    const call = new CallPage(page);

    await call.open(bookingId);
    await expect.poll(() => page.evaluate(() => (window as unknown as { asked: number }).asked)).toBeGreaterThan(0);
    // Away from this call inside the app, so that what is checked is the
    // call page's own cleanup (a page load would end the tracks by itself).
    // The call page is an app of its own in release builds, and every link
    // of its header leads out of it, hence a link to another call: the app
    // draws that one in place of this one.
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = '/call/999999999';
      link.textContent = 'another call';
      document.body.append(link);
    });
    await page.getByRole('link', { name: 'another call' }).click();
    await expect(page).toHaveURL(/\/call\/999999999$/);

    const tracks = () =>
      page.evaluate(() => {
        const all = (window as unknown as { streams: MediaStream[] }).streams.flatMap((s) => s.getTracks());
        return { total: all.length, live: all.filter((t) => t.readyState === 'live').length };
      });
    await expect.poll(async () => (await tracks()).total, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await tracks()).live, { timeout: 5_000 }).toBe(0);

    await client.context.close();
    await professional.context.close();
  });

  test('the room-status polls do not pile up cleanups on the page', async ({ browser, baseURL }) => {
    const { professional, client, bookingId } = await callableSession(browser, baseURL!);
    // Keeps the abort signal of every room-status request: a request's
    // cleanup (run when its owner goes) aborts it.
    await client.context.addInitScript(() => {
      const seen = window as unknown as { roomSignals: AbortSignal[] };
      seen.roomSignals = [];
      const real = window.fetch.bind(window);
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        const request = input instanceof Request ? input : null;
        const url = request ? request.url : String(input);
        const signal = init?.signal ?? request?.signal;
        if (/\/api\/bookings\/\d+\/room$/.test(url) && signal) {
          seen.roomSignals.push(signal);
        }
        return real(input, init);
      };
    });
    const page = client.page;
    const call = new CallPage(page);
    const signals = () =>
      page.evaluate(() => {
        const all = (window as unknown as { roomSignals: AbortSignal[] }).roomSignals;
        return { polls: all.length, pending: all.filter((s) => !s.aborted).length };
      });

    await call.open(bookingId);
    // Polls at once, then every 5 seconds.
    await expect.poll(async () => (await signals()).polls, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
    // Only the newest poll's cleanup is still waiting.
    expect((await signals()).pending).toBeLessThanOrEqual(1);

    await client.context.close();
    await professional.context.close();
  });

  test('the session clock counts the booked time and says when five minutes are left', async ({
    browser,
    baseURL,
  }) => {
    const { professional, client, bookingId } = await callableSession(browser, baseURL!);
    const upcoming = await client.context.request.get('/api/bookings?scope=upcoming');
    expect(upcoming.status()).toBe(200);
    const booking = (await upcoming.json()).items.find((b: { id: number }) => b.id === bookingId);
    const start = new Date(booking.start_time).getTime();
    const end = new Date(booking.end_time).getTime();
    const call = new CallPage(client.page);

    await call.open(bookingId);
    await call.join();
    const clock = call.main.getByRole('timer', { name: 'Session time' });
    await expect(clock).toContainText(/Starts in [34] min/);
    await expect(call.main.getByText('This session ends in 5 minutes or less.')).toHaveCount(0);

    // The page's clock moves on into the session (timers keep running).
    await client.page.clock.setFixedTime(new Date(start + 12 * 60_000 + 5_000));
    await expect(clock).toContainText('12:05 elapsed');
    await expect(clock).toContainText('18 min left');

    // Four minutes before the end: the notice, in a polite live region.
    await client.page.clock.setFixedTime(new Date(end - 4 * 60_000));
    await expect(clock).toContainText('4 min left');
    const notice = call.main.getByText('This session ends in 5 minutes or less.');
    await expect(notice).toBeVisible();
    await expect(notice).toHaveAttribute('aria-live', 'polite');
    await expect(call.connection).toHaveText('Connected');

    await client.context.close();
    await professional.context.close();
  });

  test('the two chat both ways in the call, and markup stays text', async ({ browser, baseURL }) => {
    const { professional, client, bookingId } = await callableSession(browser, baseURL!);
    const { clientCall, professionalCall } = await bothJoin({ professional, client, bookingId });
    await expect(clientCall.text(`${professional.fullName} is here`)).toBeVisible();

    // The client writes; the professional's closed panel counts it.
    await clientCall.button('Chat').click();
    await expect(clientCall.button('Chat')).toHaveAttribute('aria-expanded', 'true');
    const clientLog = clientCall.main.getByRole('log', { name: 'Messages' });
    await clientCall.main.getByRole('textbox', { name: 'Message' }).fill('<b>x</b>');
    await clientCall.main.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(clientLog).toContainText('<b>x</b>');
    await expect(clientCall.main.getByRole('textbox', { name: 'Message' })).toHaveValue('');

    const professionalChat = professionalCall.main.getByRole('button', { name: /^Chat\s*1 unread$/ });
    await expect(professionalChat).toBeVisible();
    await professionalChat.click();
    const professionalLog = professionalCall.main.getByRole('log', { name: 'Messages' });
    // The literal text, not bold markup.
    await expect(professionalLog.getByText('<b>x</b>', { exact: true })).toBeVisible();
    await expect(professionalLog.locator('b')).toHaveCount(0);
    await expect(professionalLog).toContainText(client.fullName);
    await expect(professionalCall.button('Chat')).toHaveAttribute('aria-expanded', 'true');

    // And back, by keyboard, to the client whose panel is open.
    await professionalCall.main.getByRole('textbox', { name: 'Message' }).fill('Hello Sam');
    await professionalCall.main.getByRole('button', { name: 'Send' }).press('Enter');
    await expect(clientLog.getByText('Hello Sam', { exact: true })).toBeVisible();
    await expect(clientLog).toContainText(professional.fullName);
    await expect(clientCall.button('Chat')).toHaveAttribute('aria-expanded', 'true');

    // Closed again, the next message is counted.
    await clientCall.button('Chat').click();
    await professionalCall.main.getByRole('textbox', { name: 'Message' }).fill('See you');
    await professionalCall.main.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(clientCall.main.getByRole('button', { name: /^Chat\s*1 unread$/ })).toHaveAttribute(
      'aria-expanded',
      'false',
    );

    await client.context.close();
    await professional.context.close();
  });
  test('a message written while waiting reaches the other person when they join', async ({ browser, baseURL }) => {
    const { professional, client, bookingId } = await callableSession(browser, baseURL!);
    const clientCall = new CallPage(client.page);
    await clientCall.open(bookingId);
    await clientCall.join();
    await expect(clientCall.connection).toHaveText('Connected');

    // Alone in the room: the message waits, and says so.
    await clientCall.button('Chat').click();
    const clientLog = clientCall.main.getByRole('log', { name: 'Messages' });
    await clientCall.main.getByRole('textbox', { name: 'Message' }).fill('I am here, no rush');
    await clientCall.main.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(clientLog).toContainText('I am here, no rush');
    const waiting = clientLog.getByText(`Sends when ${professional.fullName} joins`);
    await expect(waiting).toBeVisible();
    await expect(clientCall.main.getByRole('textbox', { name: 'Message' })).toHaveValue('');

    // The professional joins: it arrives, once, and no longer waits.
    const professionalCall = new CallPage(professional.page);
    await professionalCall.open(bookingId);
    await professionalCall.join();
    const professionalChat = professionalCall.main.getByRole('button', { name: /^Chat\s*1 unread$/ });
    await expect(professionalChat).toBeVisible();
    await professionalChat.click();
    const professionalLog = professionalCall.main.getByRole('log', { name: 'Messages' });
    await expect(professionalLog.getByText('I am here, no rush', { exact: true })).toHaveCount(1);
    await expect(waiting).toHaveCount(0);

    // From then on, messages go at once, both ways.
    await professionalCall.main.getByRole('textbox', { name: 'Message' }).fill('Joining now');
    await professionalCall.main.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(clientLog.getByText('Joining now', { exact: true })).toBeVisible();
    await expect(professionalLog.getByText(/^Sends when/)).toHaveCount(0);

    await client.context.close();
    await professional.context.close();
  });
});
