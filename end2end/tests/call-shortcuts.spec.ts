import { expect, test } from '../support/fixtures';
import { CallPage } from '../pages/call-page';
import { callableSession } from '../support/sessions';

// Real LiveKit, two browsers' worth of fake cameras: give calls time.
test.describe.configure({ timeout: 120_000 });

test('keyboard shortcuts mute, turn the camera off and leave; not while typing', async ({ browser, baseURL }) => {
  const { professional, client, bookingId } = await callableSession(browser, baseURL!);
  const clientCall = new CallPage(client.page);
  const professionalCall = new CallPage(professional.page);
  const keyboard = client.page.keyboard;

  await professionalCall.open(bookingId);
  await professionalCall.join();
  await clientCall.open(bookingId);
  await clientCall.join();
  await expect(professionalCall.text(`${client.fullName} is here`)).toBeVisible();

  // Every control is named, and says its shortcut to screen readers.
  await expect(clientCall.button('Mute microphone')).toHaveAttribute('aria-pressed', 'false');
  await expect(clientCall.button('Mute microphone')).toHaveAttribute('aria-keyshortcuts', 'Control+D Meta+D');
  await expect(clientCall.button('Turn camera off')).toHaveAttribute('aria-pressed', 'false');
  await expect(clientCall.leaveButton).toHaveAttribute('aria-keyshortcuts', /Control\+Shift\+L/);

  // Ctrl+D mutes: the button says so, and the other side sees it; again unmutes.
  await keyboard.press('Control+d');
  await expect(clientCall.button('Unmute microphone')).toHaveAttribute('aria-pressed', 'true');
  await expect(professionalCall.text(`${client.fullName}'s microphone is off`)).toBeVisible();
  await keyboard.press('Control+d');
  await expect(clientCall.button('Mute microphone')).toHaveAttribute('aria-pressed', 'false');
  await expect(professionalCall.text(`${client.fullName}'s microphone is off`)).toBeHidden();

  // Ctrl+E turns the camera off and on.
  await keyboard.press('Control+e');
  await expect(clientCall.button('Turn camera on')).toHaveAttribute('aria-pressed', 'true');
  await expect(professionalCall.text(`${client.fullName}'s camera is off`)).toBeVisible();
  await keyboard.press('Control+e');
  await expect(clientCall.button('Turn camera off')).toBeVisible();
  await professionalCall.expectVideoPlaying(professionalCall.remoteVideo(client.fullName));

  // Typing in the chat: the same keys do nothing to the call.
  await clientCall.button('Chat').click();
  const message = clientCall.main.getByRole('textbox', { name: 'Message' });
  await message.fill('see you');
  await message.press('Control+d');
  await message.press('Control+e');
  await message.press('?');
  await client.page.waitForTimeout(1_500);
  await expect(clientCall.button('Mute microphone')).toBeVisible();
  await expect(clientCall.button('Turn camera off')).toBeVisible();
  await expect(professionalCall.text(`${client.fullName}'s microphone is off`)).toBeHidden();
  await expect(message).toHaveValue('see you?');
  await expect(clientCall.main.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();

  // The list: from its button, closed by Escape, focus back on the button.
  const help = clientCall.button('Keyboard shortcuts');
  const list = clientCall.main.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.click();
  await expect(help).toHaveAttribute('aria-expanded', 'true');
  await expect(list).toBeVisible();
  await expect(list).toContainText('Mute or unmute your microphone');
  await expect(list).toContainText('CtrlD');
  await expect(list).toBeFocused();
  await keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(help).toBeFocused();
  // "?" opens it too (with the focus on a button, not in a text field).
  await keyboard.press('?');
  await expect(list).toBeVisible();
  await list.getByRole('button', { name: 'Close' }).click();
  await expect(list).toBeHidden();
  await expect(help).toBeFocused();

  // Ctrl+Shift+L leaves; the other side sees it.
  await keyboard.press('Control+Shift+L');
  await expect(clientCall.text('You left the call')).toBeVisible();
  await expect(professionalCall.text(`${client.fullName} left the call`)).toBeVisible();

  await client.context.close();
  await professional.context.close();
});
