import { type Locator, type Page } from '@playwright/test';

/** `/account`: one region per section (name, time zone, password, …). */
export class AccountPage {
  readonly heading: Locator;
  readonly nameSection: Locator;
  readonly fullName: Locator;
  readonly saveName: Locator;
  readonly nameSaved: Locator;
  readonly timeZoneSection: Locator;
  readonly timeZone: Locator;
  readonly saveTimeZone: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Account' });
    this.nameSection = main.getByRole('region', { name: 'Name' });
    this.fullName = this.nameSection.getByLabel('Full name', { exact: true });
    this.saveName = this.nameSection.getByRole('button', { name: 'Save name' });
    this.nameSaved = this.nameSection.getByRole('status');
    this.timeZoneSection = main.getByRole('region', { name: 'Time zone' });
    this.timeZone = this.timeZoneSection.getByLabel('Time zone', { exact: true });
    this.saveTimeZone = this.timeZoneSection.getByRole('button', { name: 'Save time zone' });
  }

  async open(): Promise<void> {
    await this.page.goto('/account');
  }

  async rename(fullName: string): Promise<void> {
    await this.fullName.fill(fullName);
    await this.saveName.click();
  }
}
