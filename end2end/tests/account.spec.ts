import { expect, test } from '../support/fixtures';
import { AccountNav } from '../pages/account';
import { AccountPage } from '../pages/account-page';
import { newPerson } from '../support/sessions';

test.describe('account page', () => {
  test('a person changes their name on /account and sees it everywhere', async ({ browser, baseURL }) => {
    const person = await newPerson(browser, baseURL!, 'client', 'Nora Name', { verified: false });
    const page = person.page;
    const nav = new AccountNav(page);
    const account = new AccountPage(page);

    await page.goto('/');
    await nav.accountLink.click();
    await expect(page).toHaveURL('/account');
    await expect(account.heading).toBeVisible();
    await expect(account.fullName).toHaveValue(person.fullName);
    // No zone chosen yet: the browser's is offered.
    const browserZone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await expect(account.timeZone).toHaveValue(browserZone);

    // The shared name rule speaks before anything is sent.
    await account.rename('Nora\u200BRenamed');
    await expect(account.fullName).toHaveAttribute('aria-invalid', 'true');
    await expect(account.fullName).toHaveAccessibleDescription(/invisible characters/);

    const newName = `Nora Renamed ${Date.now()}`;
    await account.rename(newName);
    await expect(account.nameSaved).toHaveText('Your name is saved.');
    await expect(nav.userName(newName)).toBeVisible();

    await page.reload();
    await expect(account.fullName).toHaveValue(newName);
    await expect(nav.userName(newName)).toBeVisible();
    await person.context.close();
  });
});
