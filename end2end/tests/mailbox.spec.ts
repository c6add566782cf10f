import { expect, test } from '../support/fixtures';
import { calendarOf, parseEmail, waitForEmail } from '../pages/mailbox';
import { verificationPath } from '../pages/outbox';

/** A message with text, HTML and an invitation in Berlin time, as the server could send one. */
const INVITATION = [
  'From: Tandem <no-reply@tandem.test>',
  'To: Ada Lovelace <ada@example.com>',
  'Subject: Your session on 1 March',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  '--outer',
  'Content-Type: multipart/alternative; boundary="inner"',
  '',
  '--inner',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'See you on 1 March.',
  '--inner',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>See you on <b>1 March</b>.</p>',
  '--inner--',
  '--outer',
  'Content-Type: text/calendar; charset=utf-8; method=REQUEST',
  'Content-Disposition: attachment; filename="session.ics"',
  'Content-Transfer-Encoding: base64',
  '',
  ...Buffer.from(
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Tandem//test//EN',
      'METHOD:REQUEST',
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Berlin',
      'BEGIN:DAYLIGHT',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'TZNAME:CEST',
      'DTSTART:19700329T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'TZNAME:CET',
      'DTSTART:19701025T030000',
      'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      'END:STANDARD',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:booking-7@tandem.test',
      'SEQUENCE:2',
      'DTSTAMP:20270201T120000Z',
      'DTSTART;TZID=Europe/Berlin:20270301T100000',
      'DTEND;TZID=Europe/Berlin:20270301T105000',
      'SUMMARY:Session with Grace Hopper',
      'URL:https://tandem.example.com/sessions/7',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n'),
  )
    .toString('base64')
    .match(/.{1,76}/g)!,
  '--outer--',
  '',
].join('\r\n');

test.describe('the mailbox helpers', () => {
  test('the verification email arrives over SMTP, addressed to the new account', async ({ request }) => {
    const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
    const address = `Mailbox-${unique}@Example.com`;
    const response = await request.post('/api/auth/register', {
      data: {
        email: address,
        password: `correct horse ${unique}`,
        full_name: `Mo Mailbox ${unique}`,
        role: 'client',
      },
    });
    expect(response.status()).toBe(201);

    const email = await waitForEmail(address, (e) => e.subject === 'Verify your Tandem account');
    expect(email.recipient).toBe(address.toLowerCase());
    expect(email.to.map((to) => to.toLowerCase())).toEqual([address.toLowerCase()]);
    expect(verificationPath(email.text ?? '')).toMatch(/^\/verify\?token=/);
    expect(email.attachments).toEqual([]);
    expect(() => calendarOf(email)).toThrow(/expected one calendar/);
  });

  test('a calendar attachment reads with its time zone; a text-only email has no HTML', async () => {
    const email = await parseEmail(INVITATION, '1801234567890-ada@example.com.eml');
    expect(email.recipient).toBe('ada@example.com');
    expect(email.receivedAt).toBe(1801234567890);
    expect(email.subject).toBe('Your session on 1 March');
    expect(email.text?.trim()).toBe('See you on 1 March.');
    expect(email.html?.trim()).toBe('<p>See you on <b>1 March</b>.</p>');
    expect(email.attachments.map((a) => [a.mimeType, a.filename, a.method])).toEqual([
      ['text/calendar', 'session.ics', 'REQUEST'],
    ]);
    expect(calendarOf(email)).toEqual({
      method: 'REQUEST',
      uid: 'booking-7@tandem.test',
      sequence: 2,
      // 10:00 in Berlin in winter is 09:00 UTC.
      start: new Date('2027-03-01T09:00:00Z'),
      end: new Date('2027-03-01T09:50:00Z'),
      summary: 'Session with Grace Hopper',
      url: 'https://tandem.example.com/sessions/7',
    });

    const textOnly = await parseEmail(
      'Subject: Plain\r\nContent-Type: text/plain\r\n\r\nJust text.\r\n',
      '1801234567891-ada@example.com.eml',
    );
    expect(textOnly.text?.trim()).toBe('Just text.');
    expect(textOnly.html).toBeUndefined();
  });
});
