import { expect, test } from '../support/fixtures';
import { newPerson } from '../support/sessions';
import { WeeklyHoursPage, type Weekday } from '../pages/availability-page';

/** The professional's browser, and so the zone the preview shows times in. */
const TIME_ZONE = 'Europe/Berlin';
const WEEKDAYS: Weekday[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface LocalDay {
  /** `YYYY-MM-DD` in {@link TIME_ZONE}. */
  iso: string;
  /** The preview's heading: `Mon 7 Dec` (with the year when it is not this year's). */
  label: string;
  weekday: string;
}

/** The local day `offset` days from now in {@link TIME_ZONE}. */
function localDay(offset: number): LocalDay {
  const parts = (at: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: TIME_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        weekday: 'short',
      })
        .formatToParts(at)
        .map((p) => [p.type, p.value]),
    );
  const now = parts(new Date());
  const day = parts(new Date(Date.now() + offset * 86_400_000));
  const year = day.year === now.year ? '' : ` ${day.year}`;
  return {
    iso: `${day.year}-${day.month}-${day.day}`,
    label: `${day.weekday} ${Number(day.day)} ${MONTHS[Number(day.month) - 1]}${year}`,
    weekday: day.weekday,
  };
}

test.describe('weekly hours', () => {
  test('a professional sets Mon–Fri with copy-to-days, sees the preview in Berlin time, takes a day off, and a mistake is caught', async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const maya = await newPerson(browser, baseURL!, 'professional', 'Dr. Hours E2E', {
      contextOptions: { timezoneId: TIME_ZONE },
    });
    const page = maya.page;
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const hours = new WeeklyHoursPage(page);
    await hours.open();

    // A new professional: no hours yet. Monday 09:00–17:00, copied to Tue–Fri.
    await expect(hours.day('Monday').getByText('Unavailable')).toBeVisible();
    await hours.addHours('Monday');
    await expect(hours.box('Monday', 1, 'From')).toHaveValue('09:00');
    await expect(hours.box('Monday', 1, 'To')).toHaveValue('17:00');
    await hours.copyDay('Monday', ['Tuesday', 'Wednesday', 'Thursday', 'Friday']);
    for (const day of WEEKDAYS) {
      await expect(hours.box(day, 1, 'From')).toHaveValue('09:00');
      await expect(hours.box(day, 1, 'To')).toHaveValue('17:00');
    }
    await expect(hours.day('Saturday').getByText('Unavailable')).toBeVisible();
    // The hours are in the browser's zone.
    const useBrowserZone = hours.main.getByRole('button', { name: `Use ${TIME_ZONE}, this browser's zone` });
    if (await useBrowserZone.isVisible()) {
      await useBrowserZone.click();
    }
    await expect(hours.timeZone).toHaveValue(TIME_ZONE);
    await hours.saveButton.click();
    await expect(hours.saved).toBeVisible();

    // Kept after a reload.
    await page.reload();
    for (const day of WEEKDAYS) {
      await expect(hours.box(day, 1, 'From')).toHaveValue('09:00');
      await expect(hours.box(day, 1, 'To')).toHaveValue('17:00');
    }
    await expect(hours.box('Saturday', 1, 'From')).toHaveCount(0);
    await expect(hours.timeZone).toHaveValue(TIME_ZONE);

    // The preview, in Berlin time: 50-minute sessions with 10 minutes after
    // each, 09:00 to 16:00 (16:50 is the last end before 17:00). A weekday at
    // least two days ahead is past the 12 hours' notice.
    const days = Array.from({ length: 12 }, (_, i) => localDay(i + 2));
    const workday = days.find((d) => !['Sat', 'Sun'].includes(d.weekday))!;
    const weekend = days.find((d) => d.weekday === 'Sat')!;
    const expected = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'];
    await expect(hours.previewTimes(workday.label)).toHaveText(expected);
    await expect(hours.previewDay(weekend.label)).toContainText('No times');

    // A day off on that date removes its times.
    await hours.addDayOff(workday.iso);
    await expect(hours.overrides.getByRole('status')).toContainText(`Day off on ${workday.label} added.`);
    await expect(hours.overrides.getByRole('listitem').filter({ hasText: workday.label })).toContainText('Day off');
    await expect(hours.previewDay(workday.label)).toContainText('No times');
    await expect(hours.previewTimes(workday.label)).toHaveCount(0);

    // A range ending before it starts is named next to its box, and nothing is sent.
    let puts = 0;
    page.on('request', (request) => {
      if (request.method() === 'PUT' && new URL(request.url()).pathname === '/api/availability') {
        puts += 1;
      }
    });
    await hours.box('Monday', 1, 'To').fill('08:00');
    await hours.saveButton.click();
    const monday = hours.box('Monday', 1, 'To');
    await expect(monday).toHaveAttribute('aria-invalid', 'true');
    await expect(monday).toHaveAccessibleDescription('A range must end after it starts.');
    await expect(monday).toBeFocused();
    await expect(hours.saved).toHaveCount(0);
    expect(puts).toBe(0);
    const saved = await page.request.get('/api/availability');
    expect(saved.status()).toBe(200);
    const monday_hours = (await saved.json()).weekly_hours.find((d: { weekday: string }) => d.weekday === 'monday');
    expect(monday_hours.ranges).toEqual([{ start: '09:00', end: '17:00' }]);
    // What was typed is still there.
    await expect(monday).toHaveValue('08:00');

    expect(pageErrors).toEqual([]);
    await maya.context.close();
  });
});
