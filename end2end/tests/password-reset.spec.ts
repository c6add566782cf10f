import { expect, test } from '../support/fixtures';
import { AccountNav } from '../pages/account';
import { LoginPage } from '../pages/login-page';
import { newestEmailContaining, resetPasswordPath } from '../pages/outbox';
import { ForgotPasswordPage, ResetPasswordPage } from '../pages/password-reset-pages';
import { newPerson } from '../support/sessions';

test.describe('forgotten password', () => {
  test('a reset through the emailed link signs this browser in and every other browser out', async ({
    browser,
    baseURL,
  }) => {
    // Browser B: a new user, signed in.
    const person = await newPerson(browser, baseURL!, 'client', 'Rosa Reset', { verified: false });
    const pageB = person.page;
    await pageB.goto('/sessions');
    await expect(new AccountNav(pageB).userName(person.fullName)).toBeVisible();

    // Browser A: signed out, the person has forgotten the password.
    const contextA = await browser.newContext({ baseURL });
    const pageA = await contextA.newPage();
    const login = new LoginPage(pageA);
    await login.open();
    await pageA.getByRole('main').getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(pageA).toHaveURL('/forgot-password');
    const forgot = new ForgotPasswordPage(pageA);
    await expect(forgot.heading).toBeVisible();
    await forgot.ask(person.email);
    await expect(forgot.checkInbox).toBeVisible();

    const email = await newestEmailContaining(person.email, '/reset-password?token=');
    await pageA.goto(resetPasswordPath(email));
    const reset = new ResetPasswordPage(pageA);
    await expect(reset.heading).toBeVisible();
    const newPassword = `lantern orchard tide ${Date.now()}`;
    await reset.choose(newPassword);
    await expect(reset.changed).toBeVisible();
    await expect(new AccountNav(pageA).userName(person.fullName)).toBeVisible();

    // Browser B's session has ended: its next navigation lands on sign-in.
    await pageB.goto('/sessions');
    await expect(pageB).toHaveURL(/\/login(\?|$)/);
    const loginB = new LoginPage(pageB);
    await expect(loginB.heading).toBeVisible();
    await loginB.signIn(person.email, newPassword);
    await expect(pageB).toHaveURL('/sessions');

    // The link worked once.
    await pageA.goto(resetPasswordPath(email));
    await reset.choose(`another ${newPassword}`);
    await expect(reset.alert).toContainText('This link did not work');
    await expect(reset.alert.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();

    await contextA.close();
    await person.context.close();
  });
});
