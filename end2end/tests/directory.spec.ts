import { expect, test } from '../support/fixtures';
import { type Browser, type Page } from '@playwright/test';
import { MainNav, ProfessionalPage } from '../pages/booking';
import { newestEmailTo, verificationPath } from '../pages/outbox';
import { DirectoryPage, ProfileEditorPage } from '../pages/profiles';
import { VerifyPage } from '../pages/verify-page';

/** The clients' browsers are here; the professional works in Berlin. */
const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Person {
  page: Page;
  fullName: string;
  unique: string;
  pageErrors: string[];
}

/** A new, verified person in a browser of their own in `timezoneId`. */
async function signUp(
  browser: Browser,
  role: 'client' | 'professional',
  name: string,
  timezoneId: string,
): Promise<Person> {
  const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, timezoneId });
  const page = await context.newPage();
  const person: Person = { page, fullName: `${name} ${unique}`, unique, pageErrors: [] };
  page.on('pageerror', (error) => person.pageErrors.push(error.message));
  const email = `e2e-directory-${unique}@example.com`;
  const response = await page.request.post('/api/auth/register', {
    data: { email, password: `correct horse ${unique}`, full_name: person.fullName, role },
  });
  expect(response.status()).toBe(201);
  await page.goto(verificationPath(await newestEmailTo(email)));
  await expect(new VerifyPage(page).verified).toBeVisible();
  return person;
}

/** The parts of an instant in `timeZone`. */
function partsIn(at: Date, timeZone: string): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
}

/** How many minutes `timeZone` is ahead of UTC at `at`. */
function offsetMinutes(at: Date, timeZone: string): number {
  const p = partsIn(at, timeZone);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant of `hour`:00 in Berlin on the Berlin date `daysAhead` from today there. */
function berlinAt(daysAhead: number, hour: number): Date {
  const today = partsIn(new Date(), BERLIN);
  const guess = new Date(Date.UTC(+today.year, +today.month - 1, +today.day + daysAhead, hour));
  return new Date(guess.getTime() - offsetMinutes(guess, BERLIN) * 60_000);
}

/** `Thu 4 Dec, 04:00`-style labels and the date of an instant in New York. */
function inNewYork(at: Date): { isoDate: string; dayLabel: string; clock: string } {
  const p = partsIn(at, NEW_YORK);
  const weekday = new Date(Date.UTC(+p.year, +p.month - 1, +p.day)).getUTCDay();
  const thisYear = partsIn(new Date(), NEW_YORK).year;
  const year = p.year === thisYear ? '' : ` ${p.year}`;
  return {
    isoDate: `${p.year}-${p.month}-${p.day}`,
    dayLabel: `${DAY_NAMES[weekday]} ${+p.day} ${MONTHS[+p.month - 1]}${year}`,
    clock: `${p.hour}:${p.minute}`,
  };
}

test.describe('the directory and profiles', () => {
  test('a client in New York finds a Berlin professional by specialty, reads the profile and books a computed time', async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const lena = await signUp(browser, 'professional', 'Dr. Lena Berlin', BERLIN);
    const headline = `Sleep and insomnia specialist ${lena.unique}`;
    const profile = await lena.page.request.put('/api/profile', {
      data: {
        headline,
        about: 'I help people who lie awake at night.\n\nSessions are in German or English.',
        specialties: ['sleep'],
        tags: ['CBT-I'],
        languages: ['de', 'en'],
      },
    });
    expect(profile.status()).toBe(200);
    // Every day 10:00–11:00 in Berlin: one 50-minute session a day.
    const hours = await lena.page.request.put('/api/availability', {
      data: {
        time_zone: BERLIN,
        session_minutes: 50,
        buffer_minutes: 0,
        notice_hours: 1,
        horizon_days: 14,
        price_cents: 8000,
        weekly_hours: WEEKDAYS.map((weekday) => ({ weekday, ranges: [{ start: '10:00', end: '11:00' }] })),
      },
    });
    expect(hours.status()).toBe(200);

    // The first Berlin 10:00 at least an hour from now, and the one after.
    const noticeEnds = Date.now() + 60 * 60_000;
    const firstDay = [0, 1].find((d) => berlinAt(d, 10).getTime() >= noticeEnds)!;
    const first = berlinAt(firstDay, 10);
    const firstNy = inNewYork(first);
    const secondNy = inNewYork(berlinAt(firstDay + 1, 10));
    // In winter, Berlin 10:00 is New York 04:00.
    const range = `${firstNy.clock}–${inNewYork(new Date(first.getTime() + 50 * 60_000)).clock}`;

    const ada = await signUp(browser, 'client', 'Ada New York', NEW_YORK);
    const directory = new DirectoryPage(ada.page);
    await directory.open();
    await directory.specialty.selectOption({ label: 'Sleep' });
    await expect(ada.page).toHaveURL(/[?&]specialty=sleep(&|$)/);
    const card = directory.card(lena.fullName);
    await expect(card).toContainText(headline);
    await expect(card.getByRole('list', { name: 'Specialties' })).toContainText('Sleep');
    await expect(card).toContainText('German, English');
    await expect(card).toContainText('$80.00 per session · 50 min');
    await expect(card).toContainText(`Next free: ${firstNy.dayLabel}, ${firstNy.clock}`);

    // The filter is in the address: a reload keeps it.
    await ada.page.reload();
    await expect(directory.specialty).toHaveValue('sleep');
    await expect(directory.card(lena.fullName)).toBeVisible();

    // A search that matches nobody says so, and clearing brings everyone back.
    await directory.search.fill(`nobody-${lena.unique}`);
    await directory.searchButton.click();
    await expect(directory.main.getByRole('heading', { name: /^No professional matches / })).toBeVisible();
    await directory.main.getByRole('button', { name: 'Clear the search and filters' }).click();
    await expect(ada.page).toHaveURL(/\/professionals$/);
    await directory.search.fill(lena.unique);
    await directory.searchButton.click();
    await expect(directory.card(lena.fullName)).toBeVisible();

    // The profile, then the times in New York time.
    await directory.card(lena.fullName).getByRole('link', { name: lena.fullName }).click();
    const booking = new ProfessionalPage(ada.page);
    await expect(booking.heading(lena.fullName)).toBeVisible();
    await expect(booking.main.getByText(headline)).toBeVisible();
    await expect(booking.main.getByText('I help people who lie awake at night.', { exact: true })).toBeVisible();
    await expect(booking.main.getByText('Sessions are in German or English.', { exact: true })).toBeVisible();
    await expect(booking.main.getByText(`Works in ${BERLIN}`)).toBeVisible();
    await booking.chooseDay(firstNy.isoDate);
    await expect(ada.page.getByText(`Times in ${NEW_YORK}`)).toBeVisible();
    await expect(booking.time(range)).toContainText('$80.00');
    await booking.book(range, 'Trouble falling asleep.');
    await expect(booking.booked).toBeVisible();
    await expect(booking.booked).toContainText(`${firstNy.dayLabel}, ${range}`);

    // A second client no longer sees that time free.
    const sam = await signUp(browser, 'client', 'Sam New York', NEW_YORK);
    const samDirectory = new DirectoryPage(sam.page);
    await samDirectory.open(`?q=${encodeURIComponent(lena.unique)}`);
    await expect(samDirectory.card(lena.fullName)).toContainText(`Next free: ${secondNy.dayLabel}, ${secondNy.clock}`);
    await samDirectory.card(lena.fullName).getByRole('link', { name: lena.fullName }).click();
    const samBooking = new ProfessionalPage(sam.page);
    await samBooking.chooseDay(firstNy.isoDate);
    await expect(samBooking.time(range)).toBeDisabled();
    await expect(samBooking.time(range)).toContainText('Booked');

    expect([...lena.pageErrors, ...ada.pageErrors, ...sam.pageErrors]).toEqual([]);
  });

  test('a professional edits their profile: the browser refuses a long headline, a valid one persists', async ({
    browser,
  }) => {
    const omar = await signUp(browser, 'professional', 'Omar Editor', BERLIN);
    // The server refuses what the browser would (a 422 naming the field).
    const refused = await omar.page.request.put('/api/profile', {
      data: { headline: 'x'.repeat(81), about: '', specialties: [], tags: [], languages: [] },
    });
    expect(refused.status()).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain('headline');

    await omar.page.goto('/account');
    await omar.page.getByRole('link', { name: 'Edit your profile' }).click();
    const editor = new ProfileEditorPage(omar.page);
    await expect(editor.heading).toBeVisible();
    await expect(new MainNav(omar.page).link('Profile')).toHaveAttribute('aria-current', 'page');

    const tooLong = `Grief counsellor ${'and more '.repeat(8)}`;
    await editor.headline.fill(tooLong);
    await editor.about.fill('First paragraph.\n\nSecond paragraph.');
    await editor.specialty('Grief').check();
    await editor.save.click();
    await expect(editor.headline).toHaveAttribute('aria-invalid', 'true');
    await expect(omar.page.getByText('Use at most 80 characters, on one line.')).toBeVisible();
    await expect(editor.headline).toBeFocused();
    // Nothing typed is lost.
    await expect(editor.headline).toHaveValue(tooLong);
    await expect(editor.about).toHaveValue('First paragraph.\n\nSecond paragraph.');

    const headline = `Grief counsellor ${omar.unique}`;
    await editor.headline.fill(headline);
    await editor.tags.fill('Bereavement, Loss');
    await editor.addLanguage.selectOption({ label: 'German' });
    await expect(editor.chosenLanguages).toContainText('German');
    await editor.save.click();
    await expect(editor.saved).toBeVisible();

    await omar.page.reload();
    await expect(editor.headline).toHaveValue(headline);
    await expect(editor.about).toHaveValue('First paragraph.\n\nSecond paragraph.');
    await expect(editor.specialty('Grief')).toBeChecked();
    await expect(editor.tags).toHaveValue('Bereavement, Loss');
    await expect(editor.chosenLanguages).toContainText('German');
    expect(omar.pageErrors).toEqual([]);
  });
});
