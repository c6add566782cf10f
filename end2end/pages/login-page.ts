import { type Locator, type Page } from '@playwright/test';

/** `/login`: email, password, and the area that says why signing in failed. */
export class LoginPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Sign in' });
    this.email = main.getByLabel('Email', { exact: true });
    this.password = main.getByLabel('Password', { exact: true });
    this.submit = main.getByRole('button', { name: 'Sign in' });
    this.alert = main.getByRole('alert');
  }

  async open(): Promise<void> {
    await this.page.goto('/login');
  }

  /** Fills in the form and presses Enter in the password field. */
  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.password.press('Enter');
  }
}
