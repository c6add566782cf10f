import { expect, test } from '../support/fixtures';
import { type Browser, type Page } from '@playwright/test';
import { ProfessionalPage, SessionsPage } from '../pages/booking';
import { calendarOf, waitForEmail, type Email } from '../pages/mailbox';

/** Every browser and the professional's hours are in this zone. */
const TIME_ZONE = 'Europe/Paris';
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

interface Person {
  page: Page;
  id: number;
  email: string;
  fullName: string;
  pageErrors: string[];
}

/** A new person in a browser of their own, registered (and so signed in) through the API. */
async function signUp(browser: Browser, role: 'client' | 'professional', name: string): Promise<Person> {
  const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    timezoneId: TIME_ZONE,
  });
  const page = await context.newPage();
  const fullName = `${name} ${unique}`;
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const email = `e2e-reschedule-${unique}@example.com`;
  const response = await page.request.post('/api/auth/register', {
    data: {
      email,
      password: `correct horse ${unique}`,
      full_name: fullName,
      role,
    },
  });
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as { id: number };
  return { page, id, email, fullName, pageErrors };
}

/** Tomorrow's date in {@link TIME_ZONE}, `YYYY-MM-DD`. */
function tomorrow(): string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  return format.format(new Date(Date.now() + 24 * 3600 * 1000));
}

test('a client books, moves the session from its card, loses a race for a time, then cancels with a reason the professional reads', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const pro = await signUp(browser, 'professional', 'Dr. Rita Reschedule');
  // Hours every day, one-hour sessions, changes free until 2 hours before.
  const saved = await pro.page.request.put('/api/availability', {
    data: {
      time_zone: TIME_ZONE,
      session_minutes: 60,
      buffer_minutes: 0,
      notice_hours: 0,
      horizon_days: 30,
      cancellation_cutoff_hours: 2,
      price_cents: 5_000,
      weekly_hours: WEEKDAYS.map((weekday) => ({ weekday, ranges: [{ start: '08:00', end: '20:00' }] })),
    },
  });
  expect(saved.status()).toBe(200);
  const day = tomorrow();

  // The client reads the cutoff before booking, and books 10:00.
  const client = await signUp(browser, 'client', 'Carla Client');
  await client.page.goto(`/professionals/${pro.id}`);
  const booking = new ProfessionalPage(client.page);
  await expect(booking.heading(pro.fullName)).toBeVisible();
  await expect(booking.main).toContainText('Free cancellation and rescheduling until 2 hours before the start.');
  await booking.chooseDay(day);
  await booking.book('10:00–11:00');
  await expect(booking.booked).toBeVisible();

  await booking.goToSessions.click();
  const card = new SessionsPage(client.page).upcomingWith(pro.fullName);
  await expect(card.card).toContainText('10:00–11:00');

  // Both people are emailed the booking with an invitation for it.
  const subject = (start: string) => (email: Email) => email.subject.startsWith(start);
  const booked = calendarOf(await waitForEmail(client.email, subject('Booked:')));
  expect(booked.method).toBe('REQUEST');
  expect(booked.sequence).toBe(0);
  expect(booked.uid).toMatch(/^booking-\d+@/);
  expect(booked.end.getTime() - booked.start.getTime()).toBe(3600 * 1000);
  const toPro = calendarOf(await waitForEmail(pro.email, subject('New session:')));
  expect(toPro.uid).toBe(booked.uid);

  // "Add to calendar" downloads the session's iCalendar file.
  const calendarPath = await card.addToCalendar.getAttribute('href');
  expect(calendarPath).toMatch(/^\/api\/bookings\/\d+\/calendar\.ics$/);
  const ics = await client.page.request.get(calendarPath ?? '');
  expect(ics.status()).toBe(200);
  expect(ics.headers()['content-type']).toContain('text/calendar');
  expect(await ics.text()).toContain('BEGIN:VEVENT');

  // Rescheduling: a day, a time, then the old and the new time to confirm.
  await card.rescheduleButton.click();
  await card.day(day).click();
  await expect(card.time('10:00–11:00')).toBeDisabled();
  await card.time('14:00–15:00').click();
  await expect(card.card.getByText('Move this session?')).toBeVisible();
  await expect(card.card.getByRole('definition')).toHaveText([/10:00–11:00/, /14:00–15:00/]);
  await card.confirmMove.click();
  await expect(client.page.getByRole('status').filter({ hasText: 'is moved to' })).toContainText('14:00–15:00');
  await expect(card.card).toContainText('14:00–15:00');
  await expect(card.card).not.toContainText('10:00–11:00');
  // Both hear of the move: the same calendar entry, updated, four hours later.
  for (const person of [client, pro]) {
    const moved = calendarOf(await waitForEmail(person.email, subject('Moved:')));
    expect(moved.method).toBe('REQUEST');
    expect(moved.uid).toBe(booked.uid);
    expect(moved.sequence).toBe(1);
    expect(moved.start.getTime() - booked.start.getTime()).toBe(4 * 3600 * 1000);
  }

  // Somebody else takes 16:00 while the client is confirming it.
  await card.rescheduleButton.click();
  await card.day(day).click();
  await card.time('16:00–17:00').click();
  await expect(card.confirmMove).toBeVisible();
  const rival = await signUp(browser, 'client', 'Rafa Rival');
  const times = await rival.page.request.get(
    `/api/professionals/${pro.id}/slots?date=${day}&tz=${encodeURIComponent(TIME_ZONE)}`,
  );
  const list = (await times.json()) as { start_time: string; book: Record<string, unknown> }[];
  const sixteen = list.find((time) => new Date(time.start_time).toLocaleTimeString('en-GB', { timeZone: TIME_ZONE }).startsWith('16:00'));
  expect(sixteen).toBeDefined();
  const taken = await rival.page.request.post('/api/bookings', { data: { ...sixteen?.book } });
  expect(taken.status()).toBe(201);
  await card.confirmMove.click();
  await expect(card.card.getByRole('alert')).toHaveText('Someone booked this time a moment ago. Pick another time.');
  await expect(card.time('16:00–17:00')).toBeDisabled();
  await card.card.getByRole('button', { name: 'Keep the current time' }).click();
  await expect(card.card).toContainText('14:00–15:00');

  // Cancelling with a reason; the professional reads who cancelled and why.
  const reason = 'My train was cancelled, sorry! I will book again next week.';
  await card.cancelButton.click();
  await card.reason.fill(reason);
  await expect(card.card).toContainText(`${reason.length} / 500 characters`);
  await card.confirmCancel.click();
  await expect(card.cancelledBadge).toBeVisible();
  await expect(card.card).toContainText('Cancelled by you');
  await expect(card.card).toContainText(reason);
  const cancelMail = await waitForEmail(pro.email, subject('Cancelled:'));
  expect(cancelMail.text).toContain(reason);
  const cancelled = calendarOf(cancelMail);
  expect(cancelled.method).toBe('CANCEL');
  expect(cancelled.uid).toBe(booked.uid);
  expect(cancelled.sequence).toBe(2);

  await pro.page.goto('/sessions');
  const proCard = new SessionsPage(pro.page).upcomingWith(client.fullName);
  await expect(proCard.cancelledBadge).toBeVisible();
  await expect(proCard.card).toContainText(`Cancelled by ${client.fullName}`);
  await expect(proCard.card).toContainText(reason);
  await expect(proCard.card).toContainText('14:00–15:00');

  for (const person of [pro, client, rival]) {
    expect(person.pageErrors).toEqual([]);
    await person.page.context().close();
  }
});

test("inside the cutoff the client's changes are closed, the professional's are not", async ({ browser }) => {
  const pro = await signUp(browser, 'professional', 'Dr. Cody Cutoff');
  // A cutoff of 72 hours: whatever tomorrow's time, the client is inside it.
  const saved = await pro.page.request.put('/api/availability', {
    data: {
      time_zone: TIME_ZONE,
      session_minutes: 60,
      buffer_minutes: 0,
      notice_hours: 0,
      horizon_days: 30,
      cancellation_cutoff_hours: 72,
      price_cents: 5_000,
      weekly_hours: WEEKDAYS.map((weekday) => ({ weekday, ranges: [{ start: '08:00', end: '20:00' }] })),
    },
  });
  expect(saved.status()).toBe(200);
  const client = await signUp(browser, 'client', 'Ines Inside');
  const day = tomorrow();
  const times = await client.page.request.get(
    `/api/professionals/${pro.id}/slots?date=${day}&tz=${encodeURIComponent(TIME_ZONE)}`,
  );
  const [first] = (await times.json()) as { book: Record<string, unknown> }[];
  const booked = await client.page.request.post('/api/bookings', { data: { ...first.book } });
  expect(booked.status()).toBe(201);

  await client.page.goto('/sessions');
  const card = new SessionsPage(client.page).upcomingWith(pro.fullName);
  await expect(card.card).toContainText('Changes closed 72 hours before the start.');
  await expect(card.rescheduleButton).toBeDisabled();
  await expect(card.cancelButton).toBeDisabled();

  await pro.page.goto('/sessions');
  const proCard = new SessionsPage(pro.page).upcomingWith(client.fullName);
  await expect(proCard.rescheduleButton).toBeEnabled();
  await expect(proCard.cancelButton).toBeEnabled();
  await expect(proCard.card).not.toContainText('Changes closed');

  for (const person of [pro, client]) {
    expect(person.pageErrors).toEqual([]);
    await person.page.context().close();
  }
});
