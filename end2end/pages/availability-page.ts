import { type Locator, type Page } from '@playwright/test';

export type Weekday = 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';

/**
 * `/availability`: the weekly hours (one group per weekday, its ranges as
 * "From"/"To" boxes named "Monday range 1 From"), the booking rules with
 * one Save, the date overrides and the preview of what clients see.
 */
export class WeeklyHoursPage {
  readonly main: Locator;
  readonly saveButton: Locator;
  readonly saved: Locator;
  readonly timeZone: Locator;
  readonly overrides: Locator;
  readonly overrideDate: Locator;
  readonly addOverrideButton: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.saveButton = this.main.getByRole('button', { name: 'Save hours and rules' });
    this.saved = this.main.getByRole('status').filter({ hasText: 'Your hours and rules are saved.' });
    this.timeZone = this.main.getByLabel('Time zone', { exact: true });
    this.overrides = this.main.getByRole('region', { name: 'Date overrides' });
    this.overrideDate = this.overrides.getByLabel('Date', { exact: true });
    this.addOverrideButton = this.overrides.getByRole('button', { name: 'Add override' });
    this.preview = this.main.getByRole('region', { name: 'What clients see' });
  }

  async open(): Promise<void> {
    await this.page.goto('/availability');
  }

  day(weekday: Weekday): Locator {
    return this.main.getByRole('group', { name: weekday, exact: true });
  }

  /** A box of a range: `box('Monday', 1, 'From')`. */
  box(weekday: Weekday, range: number, which: 'From' | 'To'): Locator {
    return this.day(weekday).getByLabel(`${weekday} range ${range} ${which}`, { exact: true });
  }

  async addHours(weekday: Weekday): Promise<void> {
    await this.main.getByRole('button', { name: `Add hours on ${weekday}` }).click();
  }

  /** "Copy to other days", tick `to`, then Copy. */
  async copyDay(from: Weekday, to: Weekday[]): Promise<void> {
    await this.main.getByRole('button', { name: `Copy to other days from ${from}` }).click();
    const choices = this.main.getByRole('group', { name: `Copy ${from}'s hours to` });
    for (const day of to) {
      await choices.getByLabel(day, { exact: true }).check();
    }
    await this.day(from).getByRole('button', { name: 'Copy', exact: true }).click();
  }

  /** One day of the preview, by its heading ("Mon 7 Dec"). */
  previewDay(label: string): Locator {
    return this.preview
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: label, exact: true }) });
  }

  /** The times listed for a day of the preview. */
  previewTimes(label: string): Locator {
    return this.previewDay(label).getByRole('list').getByRole('listitem');
  }

  async addDayOff(isoDate: string): Promise<void> {
    await this.overrideDate.fill(isoDate);
    await this.overrides.getByLabel('Day off', { exact: true }).check();
    await this.addOverrideButton.click();
  }
}
