import { type Locator, type Page } from '@playwright/test';

/** `/forgot-password`: the email box, and what the page says once sent. */
export class ForgotPasswordPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly submit: Locator;
  readonly checkInbox: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Reset your password' });
    this.email = main.getByLabel('Email', { exact: true });
    this.submit = main.getByRole('button', { name: 'Email me a link' });
    this.checkInbox = main.getByRole('status').getByText('Check your inbox');
  }

  async ask(email: string): Promise<void> {
    await this.email.fill(email);
    await this.submit.click();
  }
}

/** `/reset-password?token=…`: the new password, and the outcome. */
export class ResetPasswordPage {
  readonly heading: Locator;
  readonly newPassword: Locator;
  readonly submit: Locator;
  readonly changed: Locator;
  readonly continueLink: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Choose a new password' });
    this.newPassword = main.getByLabel('New password', { exact: true });
    this.submit = main.getByRole('button', { name: 'Save new password' });
    this.changed = main.getByRole('status').getByText('Your password is changed');
    this.continueLink = main.getByRole('link', { name: 'Continue' });
    this.alert = main.getByRole('alert');
  }

  async choose(password: string): Promise<void> {
    await this.newPassword.fill(password);
    await this.submit.click();
  }
}
