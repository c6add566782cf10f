import { type Locator, type Page } from '@playwright/test';

/**
 * The account part of the main navigation ("Sign in" / "Create account"
 * when signed out; the user's name, "Account" and "Sign out" when signed
 * in), and the
 * banner that asks unverified users to verify their account.
 */
export class AccountNav {
  readonly navigation: Locator;
  readonly signInLink: Locator;
  readonly createAccountLink: Locator;
  readonly signOutButton: Locator;
  readonly accountLink: Locator;

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Main' });
    this.signInLink = this.navigation.getByRole('link', { name: 'Sign in', exact: true });
    this.createAccountLink = this.navigation.getByRole('link', { name: 'Create account', exact: true });
    this.signOutButton = this.navigation.getByRole('button', { name: 'Sign out' });
    this.accountLink = this.navigation.getByRole('link', { name: 'Account', exact: true });
  }

  /** The signed-in user's name as the navigation shows it. */
  userName(fullName: string): Locator {
    return this.navigation.getByText(fullName);
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
  }
}

export class VerifyBanner {
  readonly banner: Locator;
  readonly verifyNowLink: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('status', { name: 'Account verification' });
    this.verifyNowLink = this.banner.getByRole('link', { name: 'Verify now' });
  }
}
