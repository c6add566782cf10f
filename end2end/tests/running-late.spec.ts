import { expect, test } from '../support/fixtures';
import { CallPage } from '../pages/call-page';
import { callableSession } from '../support/sessions';

// Real LiveKit for the join at the end; the room status is polled every 5 s.
test.describe.configure({ timeout: 120_000 });

test('one tap tells the other person, who sees it while waiting, until the late one joins', async ({
  browser,
  baseURL,
}) => {
  const { professional, client, bookingId } = await callableSession(browser, baseURL!);
  const professionalCall = new CallPage(professional.page);
  const clientCall = new CallPage(client.page);
  await professionalCall.open(bookingId);
  const late = professionalCall.button('Running a few minutes late');
  await expect(late).toBeVisible();

  // The server cannot be reached at first: the page says so and offers to
  // try again, and nothing was told.
  const path = new RegExp(`/api/bookings/${bookingId}/running-late$`);
  await professional.page.route(path, (route) => route.abort('connectionrefused'));
  await late.click();
  await expect(professionalCall.main.getByRole('alert').filter({ hasText: 'Could not tell them' })).toBeVisible();
  await professional.page.unroute(path);

  await clientCall.open(bookingId);
  const note = clientCall.main.getByText(`${professional.fullName} is running a few minutes late`);
  await expect(clientCall.text(`Waiting for ${professional.fullName} to join…`)).toBeVisible();
  await expect(note).toBeHidden();

  await professionalCall.button('Try again').click();
  await expect(professionalCall.main.getByText(`${client.fullName} can see you are running late`)).toBeVisible();
  await expect(note).toBeVisible({ timeout: 15_000 });
  await expect(note).toContainText(/told you at \d\d:\d\d/);

  // The professional arrives: the note goes.
  await professionalCall.join();
  await expect(clientCall.text(`${professional.fullName} is here`)).toBeVisible({ timeout: 15_000 });
  await expect(note).toBeHidden({ timeout: 15_000 });

  await client.context.close();
  await professional.context.close();
});
