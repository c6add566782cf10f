import { type Locator, type Page } from '@playwright/test';

/** `/verify`: send or resend the link; `/verify?token=…` confirms it. */
export class VerifyPage {
  readonly heading: Locator;
  readonly sendButton: Locator;
  readonly resendButton: Locator;
  readonly verified: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Verify your account' });
    this.sendButton = main.getByRole('button', { name: 'Send verification link' });
    this.resendButton = main.getByRole('button', { name: 'Resend link' });
    this.verified = main.getByText('Your account is verified');
    this.alert = main.getByRole('alert');
  }

  /** The line saying where the newest link went. */
  sentTo(email: string): Locator {
    return this.page.getByRole('main').getByText(`We sent a link to ${email}`);
  }
}
