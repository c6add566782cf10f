import { expect, test } from '../support/fixtures';
import { type Browser, type Page } from '@playwright/test';
import {
  AvailabilityPage,
  MainNav,
  ProfessionalPage,
  ProfessionalsPage,
  SessionsPage,
  type NewSlot,
} from '../pages/booking';
import { LoginPage } from '../pages/login-page';
import { newestEmailTo, verificationPath } from '../pages/outbox';
import { VerifyPage } from '../pages/verify-page';

/**
 * Every browser here runs in this zone, whatever the machine's: the app
 * shows times in it and converts what the professional types from it.
 */
const TIME_ZONE = 'Asia/Tokyo';

interface Person {
  page: Page;
  fullName: string;
  email: string;
  /** Uncaught errors in the page (a panic of the app shows up here). */
  pageErrors: string[];
}

type Role = 'client' | 'professional';

/**
 * A new person in a browser of their own: registered through the API with
 * that browser's cookies (so signed in there), and verified with the emailed
 * link when `verified`.
 */
async function signUp(browser: Browser, role: Role, name: string, verified: boolean): Promise<Person> {
  const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    timezoneId: TIME_ZONE,
  });
  const page = await context.newPage();
  const person: Person = {
    page,
    fullName: `${name} ${unique}`,
    email: `e2e-booking-${unique}@example.com`,
    pageErrors: [],
  };
  page.on('pageerror', (error) => person.pageErrors.push(error.message));
  const response = await page.request.post('/api/auth/register', {
    data: { email: person.email, password: `correct horse ${unique}`, full_name: person.fullName, role },
  });
  expect(response.status()).toBe(201);
  if (verified) {
    await page.goto(verificationPath(await newestEmailTo(person.email)));
    await expect(new VerifyPage(page).verified).toBeVisible();
  }
  return person;
}

/** A date and time as `YYYY-MM-DD` and `HH:mm` in {@link TIME_ZONE}. */
function localParts(at: Date): { date: string; time: string } {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const part = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${part.year}-${part.month}-${part.day}`, time: `${part.hour}:${part.minute}` };
}

interface PlannedSlot extends NewSlot {
  /** How the app shows its times: `14:30–15:15`, `23:40–00:25 next day`. */
  range: string;
}

/**
 * A slot starting `minutesAhead` from now (on the next whole minute) and
 * lasting `minutes`. Its date is the local date of the start, so a start
 * after midnight is on tomorrow's date; an end after midnight is typed as
 * an earlier time than the start, which the form reads as the next day.
 */
function slotFromNow(minutesAhead: number, minutes: number, price: string): PlannedSlot {
  const start = new Date(Math.ceil((Date.now() + minutesAhead * 60_000) / 60_000) * 60_000);
  const end = new Date(start.getTime() + minutes * 60_000);
  const from = localParts(start);
  const to = localParts(end);
  const nextDay = to.date !== from.date ? ' next day' : '';
  return { date: from.date, start: from.time, end: to.time, price, range: `${from.time}–${to.time}${nextDay}` };
}

test.describe('booking a session', () => {
  test('a professional publishes times, clients book them, join when verified, and cancel', async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const maya = await signUp(browser, 'professional', 'Dr. Maya E2E', true);
    const soon = slotFromNow(5, 45, '60');
    const later = slotFromNow(120, 45, '45.50');

    // The professional publishes two times; the same time twice is refused.
    const availability = new AvailabilityPage(maya.page);
    await availability.open();
    await expect(availability.heading).toBeVisible();
    await expect(new MainNav(maya.page).link('Availability')).toHaveAttribute('aria-current', 'page');
    await expect(maya.page.getByText(`Times in ${TIME_ZONE}`)).toBeVisible();
    await availability.addSlot(soon);
    await expect(availability.added).toBeVisible();
    await expect(availability.slot(soon.range).getByRole('button', { name: 'Delete' })).toBeVisible();
    await availability.addSlot(later);
    await expect(availability.slot(later.range)).toContainText('$45.50');
    await availability.addSlot(soon);
    await expect(availability.formAlert).toContainText(`This time overlaps your slot of`);
    await expect(availability.formAlert).toContainText(soon.range);

    const ada = await signUp(browser, 'client', 'Ada E2E', true);
    const sam = await signUp(browser, 'client', 'Sam E2E', false);

    // Sam, unverified, opens the professional's page and picks the soon time...
    const samBooking = new ProfessionalPage(sam.page);
    const samDirectory = new ProfessionalsPage(sam.page);
    await samDirectory.open();
    await samDirectory.professional(maya.fullName).click();
    await expect(samBooking.heading(maya.fullName)).toBeVisible();
    await samBooking.chooseDay(soon.date);
    await samBooking.time(soon.range).click();
    await expect(samBooking.bookButton).toBeVisible();

    // ...while Ada, verified, books it first.
    const adaDirectory = new ProfessionalsPage(ada.page);
    await adaDirectory.open();
    await expect(new MainNav(ada.page).link('Professionals')).toHaveAttribute('aria-current', 'page');
    await adaDirectory.professional(maya.fullName).click();
    const adaBooking = new ProfessionalPage(ada.page);
    await expect(adaBooking.heading(maya.fullName)).toBeVisible();
    const mayaPage = new URL(ada.page.url()).pathname;
    await adaBooking.chooseDay(soon.date);
    await expect(adaBooking.day(soon.date)).toHaveAttribute('aria-pressed', 'true');
    await expect(ada.page.getByText(`Times in ${TIME_ZONE}`)).toBeVisible();
    await expect(adaBooking.time(soon.range)).toContainText('$60.00');
    await adaBooking.book(soon.range, 'First session, please.');
    await expect(adaBooking.booked).toBeVisible();
    await expect(adaBooking.time(soon.range)).toBeDisabled();

    // Sam was a moment too late.
    await samBooking.bookButton.click();
    await expect(samBooking.notice).toHaveText('Someone booked this time a moment ago. Pick another time.');
    await expect(samBooking.time(soon.range)).toBeDisabled();

    // Ada's session starts in about five minutes: the call can be joined.
    await adaBooking.goToSessions.click();
    await expect(ada.page).toHaveURL('/sessions');
    const adaSession = new SessionsPage(ada.page).upcomingWith(maya.fullName);
    await expect(adaSession.card).toContainText(soon.range);
    await expect(adaSession.card).toContainText('$60.00');
    await expect(adaSession.joinLink).toBeVisible();
    await expect(adaSession.joinLink).toHaveAttribute('href', /^\/call\/\d+$/);
    await expect(adaSession.verifyPrompt).toHaveCount(0);
    const callPath = await adaSession.joinLink.getAttribute('href');

    // The professional sees the same session, with the client's name and notes.
    await new MainNav(maya.page).link('Sessions').click();
    const mayaSession = new SessionsPage(maya.page).upcomingWith(ada.fullName);
    await expect(mayaSession.card).toContainText(soon.range);
    await expect(mayaSession.card).toContainText('First session, please.');
    await expect(mayaSession.joinLink).toHaveAttribute('href', callPath ?? '');

    // Sam books the later time, and is asked to verify instead of a call button.
    await samBooking.chooseDay(later.date);
    await samBooking.book(later.range);
    await expect(samBooking.booked).toBeVisible();
    await samBooking.goToSessions.click();
    const samSession = new SessionsPage(sam.page).upcomingWith(maya.fullName);
    await expect(samSession.card).toContainText(later.range);
    await expect(samSession.verifyPrompt).toBeVisible();
    await expect(samSession.verifyNow).toHaveAttribute('href', '/verify');
    await expect(samSession.joinLink).toHaveCount(0);
    await expect(samSession.joinButton).toHaveCount(0);

    // Cancelling asks first (with room for a reason), then frees the time.
    await samSession.cancelButton.click();
    await expect(samSession.reason).toBeFocused();
    await samSession.keepIt.click();
    await expect(samSession.cancelButton).toBeFocused();
    await samSession.cancelButton.click();
    await samSession.confirmCancel.click();
    await expect(samSession.cancelledBadge).toBeVisible();
    await expect(samSession.cancelButton).toHaveCount(0);
    await expect(samSession.verifyPrompt).toHaveCount(0);

    await sam.page.goto(mayaPage);
    await samBooking.chooseDay(later.date);
    await expect(samBooking.time(later.range)).toBeEnabled();
    await expect(samBooking.time(later.range)).toContainText('$45.50');

    // The professional's list shows which times are booked.
    await availability.open();
    await expect(availability.slot(soon.range)).toContainText('Booked');
    await expect(availability.slot(soon.range).getByRole('button', { name: 'Delete' })).toHaveCount(0);
    await expect(availability.slot(later.range).getByRole('button', { name: 'Delete' })).toBeVisible();

    for (const person of [maya, ada, sam]) {
      expect(person.pageErrors).toEqual([]);
      await person.page.context().close();
    }
  });

  test('each role is told which pages are not for them, and visitors are asked to sign in', async ({
    browser,
    page,
  }) => {
    await page.goto('/sessions');
    await expect(page).toHaveURL(/\/login\?next=%2Fsessions$/);
    const login = new LoginPage(page);
    await expect(login.heading).toBeVisible();
    // Signing in there leads back to the sessions, asked for afresh: the
    // page load had asked for them early, before anyone was signed in.
    const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    const visitor = { email: `e2e-visitor-${unique}@example.com`, password: `correct horse ${unique}` };
    const elsewhere = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const registered = await elsewhere.request.post('/api/auth/register', {
      data: { ...visitor, full_name: 'Vic Visitor', role: 'client' },
    });
    expect(registered.status(), await registered.text()).toBe(201);
    await elsewhere.close();
    await login.signIn(visitor.email, visitor.password);
    await expect(page).toHaveURL('/sessions');
    await expect(page.getByText('No sessions yet')).toBeVisible();

    const client = await signUp(browser, 'client', 'Cleo E2E', false);
    await client.page.goto('/availability');
    await expect(client.page.getByRole('main').getByText('This page is for professionals')).toBeVisible();
    await expect(new MainNav(client.page).link('Availability')).toHaveCount(0);

    const professional = await signUp(browser, 'professional', 'Dr. Pat E2E', true);
    const me = await professional.page.request.get('/api/auth/me');
    const { id } = (await me.json()) as { id: number };
    await professional.page.goto(`/professionals/${id}`);
    const booking = new ProfessionalPage(professional.page);
    await expect(booking.heading(professional.fullName)).toBeVisible();
    await expect(professional.page.getByText('Only clients can book sessions')).toBeVisible();
    await expect(new MainNav(professional.page).link('Professionals')).toHaveCount(0);

    await professional.page.goto('/sessions');
    await expect(professional.page.getByText('No sessions yet')).toBeVisible();

    for (const person of [client, professional]) {
      expect(person.pageErrors).toEqual([]);
      await person.page.context().close();
    }
  });
});
