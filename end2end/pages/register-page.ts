import { type Locator, type Page } from '@playwright/test';

export type Role = 'Client' | 'Professional';

export interface NewAccount {
  fullName: string;
  email: string;
  password: string;
  role: Role;
}

/** `/register`: name, email, password and "I am a… Client / Professional". */
export class RegisterPage {
  readonly heading: Locator;
  readonly fullName: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly roles: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1 });
    this.fullName = main.getByLabel('Full name', { exact: true });
    this.email = main.getByLabel('Email', { exact: true });
    this.password = main.getByLabel('Password', { exact: true });
    this.roles = main.getByRole('group', { name: 'I am a…' });
    this.submit = main.getByRole('button', { name: 'Create account' });
    this.alert = main.getByRole('alert');
  }

  async open(): Promise<void> {
    await this.page.goto('/register');
  }

  role(name: Role): Locator {
    return this.roles.getByRole('radio', { name, exact: true });
  }

  async register(account: NewAccount): Promise<void> {
    await this.fullName.fill(account.fullName);
    await this.email.fill(account.email);
    await this.password.fill(account.password);
    await this.role(account.role).check();
    await this.submit.click();
  }
}
