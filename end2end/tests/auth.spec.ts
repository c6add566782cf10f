import { expect, test } from '../support/fixtures';
import { type APIRequestContext, type Page } from '@playwright/test';
import { AccountNav, VerifyBanner } from '../pages/account';
import { LoginPage } from '../pages/login-page';
import { newestEmailTo, verificationPath } from '../pages/outbox';
import { RegisterPage, type NewAccount } from '../pages/register-page';
import { VerifyPage } from '../pages/verify-page';

const VERIFY_MESSAGE = 'Verify your account to join video calls.';

/** A person nobody has registered yet. */
function newAccount(role: NewAccount['role'] = 'Client'): NewAccount {
  const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  return {
    fullName: `Eve Tester ${unique}`,
    email: `e2e-${unique}@example.com`,
    password: `correct horse ${unique}`,
    role,
  };
}

/** Creates the account through the API (the browser stays signed out). */
async function registerThroughApi(request: APIRequestContext, account: NewAccount): Promise<void> {
  const response = await request.post('/api/auth/register', {
    data: {
      email: account.email,
      password: account.password,
      full_name: account.fullName,
      role: account.role.toLowerCase(),
    },
  });
  expect(response.status()).toBe(201);
}

/** The error message of the next answer from `path`, as the server sent it. */
async function serverMessageOf(page: Page, path: string, act: () => Promise<void>): Promise<string> {
  const answer = page.waitForResponse((response) => new URL(response.url()).pathname === path);
  await act();
  const body = await (await answer).json();
  expect(typeof body.error.message).toBe('string');
  return body.error.message as string;
}

test.describe('accounts and verification', () => {
  test('a new user registers, verifies with the emailed link, signs out and back in', async ({ page }) => {
    const account = newAccount();
    const registerPage = new RegisterPage(page);
    const verifyPage = new VerifyPage(page);
    const nav = new AccountNav(page);
    const banner = new VerifyBanner(page);

    await registerPage.open();
    await registerPage.register(account);

    // Signed in, on the verify page, told where the first link went.
    await expect(page).toHaveURL('/verify');
    await expect(verifyPage.heading).toBeVisible();
    await expect(verifyPage.sentTo(account.email)).toBeVisible();
    await expect(verifyPage.resendButton).toBeVisible();
    await expect(nav.userName(account.fullName)).toBeVisible();
    await expect(nav.signOutButton).toBeVisible();
    await expect(banner.banner).toContainText(VERIFY_MESSAGE);
    await expect(banner.verifyNowLink).toHaveAttribute('href', '/verify');

    // The banner is on every page while unverified.
    await page.getByRole('link', { name: 'Tandem', exact: true }).click();
    await expect(page).toHaveURL('/');
    await expect(banner.banner).toContainText(VERIFY_MESSAGE);

    const email = await newestEmailTo(account.email);
    await page.goto(verificationPath(email));

    await expect(verifyPage.verified).toBeVisible();
    await expect(banner.banner).toBeHidden();
    await expect(nav.userName(account.fullName)).toBeVisible();

    await nav.signOut();
    await expect(page).toHaveURL('/login');
    await expect(nav.signInLink).toBeVisible();
    await expect(nav.signOutButton).toBeHidden();

    const loginPage = new LoginPage(page);
    await loginPage.signIn(account.email, account.password);
    await expect(page).toHaveURL('/');
    await expect(nav.userName(account.fullName)).toBeVisible();
    await expect(page.getByRole('main').getByText(`Hello, ${account.fullName}.`)).toBeVisible();
    await expect(banner.banner).toBeHidden();
  });

  test("a wrong password shows the server's message and keeps the person on the form", async ({
    page,
    request,
  }) => {
    const account = newAccount();
    await registerThroughApi(request, account);
    const loginPage = new LoginPage(page);
    const nav = new AccountNav(page);

    await loginPage.open();
    await expect(loginPage.heading).toBeVisible();
    const message = await serverMessageOf(page, '/api/auth/login', () =>
      loginPage.signIn(account.email, `${account.password} but wrong`),
    );

    await expect(loginPage.alert).toHaveText(message);
    await expect(page).toHaveURL('/login');
    await expect(loginPage.submit).toBeEnabled();
    await expect(nav.signInLink).toBeVisible();
  });

  test('a protected page sends a signed-out visitor to sign in, then back', async ({ page, request }) => {
    const account = newAccount('Professional');
    await registerThroughApi(request, account);
    const loginPage = new LoginPage(page);
    const verifyPage = new VerifyPage(page);

    await page.goto('/verify');

    await expect(page).toHaveURL(/\/login\?next=%2Fverify$/);
    await expect(loginPage.heading).toBeVisible();

    await loginPage.signIn(account.email, account.password);

    await expect(page).toHaveURL('/verify');
    await expect(verifyPage.heading).toBeVisible();
    await expect(new VerifyBanner(page).banner).toContainText(VERIFY_MESSAGE);
  });

  test('registering an email that already has an account says so', async ({ page, request }) => {
    const account = newAccount();
    await registerThroughApi(request, account);
    const registerPage = new RegisterPage(page);

    await registerPage.open();
    const message = await serverMessageOf(page, '/api/auth/register', () =>
      registerPage.register({ ...newAccount(), email: account.email.toUpperCase() }),
    );

    expect(message).toMatch(/already/i);
    await expect(registerPage.alert).toHaveText(message);
    await expect(page).toHaveURL('/register');
    await expect(new AccountNav(page).signOutButton).toBeHidden();
  });

  test('the sign-up form says what is missing before sending anything', async ({ page }) => {
    const registerPage = new RegisterPage(page);
    let requests = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/auth/register') requests += 1;
    });

    await registerPage.open();
    await expect(registerPage.role('Client')).toBeChecked();
    await registerPage.password.fill('short');
    await registerPage.submit.click();

    await expect(registerPage.fullName).toHaveAttribute('aria-invalid', 'true');
    await expect(registerPage.fullName).toHaveAccessibleDescription('Enter your name.');
    await expect(registerPage.email).toHaveAttribute('aria-invalid', 'true');
    await expect(registerPage.password).toHaveAccessibleDescription(/Use at least 8 characters\./);
    await expect(registerPage.fullName).toBeFocused();

    await registerPage.fullName.fill('Eve Tester');
    await expect(registerPage.fullName).not.toHaveAttribute('aria-invalid', 'true');
    expect(requests).toBe(0);
  });
});
