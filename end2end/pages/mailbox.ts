import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ICAL from 'ical.js';
import PostalMime from 'postal-mime';
import { outboxDir } from './outbox';

/**
 * The emails the stack's SMTP server received, parsed: one
 * `<unix-millis>-<recipient>.eml` file per message and recipient in the
 * outbox folder (`TANDEM_OUTBOX_DIR`), the newest sorting last.
 */
export interface Email {
  /** The file name in the outbox folder. */
  file: string;
  /** The envelope recipient, lowercased. */
  recipient: string;
  /** When it arrived (unix milliseconds, from the file name). */
  receivedAt: number;
  /** The message as it arrived. */
  raw: string;
  subject: string;
  from: string | undefined;
  /** The `To` addresses. */
  to: string[];
  /** The first value of each header, names lowercased. */
  headers: Record<string, string>;
  text: string | undefined;
  /** The HTML part (undefined when the message has none). */
  html: string | undefined;
  attachments: MailAttachment[];
}

export interface MailAttachment {
  filename: string | null;
  /** Lowercase MIME type, such as `text/calendar`. */
  mimeType: string;
  /** `attachment`, `inline`, or null when the part says neither. */
  disposition: string | null;
  /** The `method` parameter of a calendar part, uppercased (`REQUEST`, `CANCEL`). */
  method: string | undefined;
  content: Uint8Array;
}

/** The event of an email's `text/calendar` attachment, as ical.js reads it. */
export interface CalendarEntry {
  /** The calendar's `METHOD`: `REQUEST`, `CANCEL`, `PUBLISH`… */
  method: string | null;
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  url: string | null;
}

/** Parses one stored message (`file` is its name in the outbox folder). */
export async function parseEmail(raw: string, file: string): Promise<Email> {
  const match = file.match(/^(\d+)-(.+)\.eml$/);
  if (!match) {
    throw new Error(`not the name of a stored email: ${file}`);
  }
  const parsed = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  const headers: Record<string, string> = {};
  for (const header of parsed.headers) {
    headers[header.key] ??= header.value;
  }
  return {
    file,
    recipient: match[2],
    receivedAt: Number(match[1]),
    raw,
    subject: parsed.subject ?? '',
    from: parsed.from?.address,
    to: (parsed.to ?? []).flatMap((to) => (to.address ? [to.address] : [])),
    headers,
    text: parsed.text,
    html: parsed.html,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename,
      mimeType: attachment.mimeType,
      disposition: attachment.disposition,
      method: attachment.method,
      content:
        typeof attachment.content === 'string'
          ? new TextEncoder().encode(attachment.content)
          : new Uint8Array(attachment.content),
    })),
  };
}

/** Every email to `recipient` (any case) so far, oldest first. */
export async function emailsTo(recipient: string): Promise<Email[]> {
  const dir = outboxDir();
  const suffix = `-${recipient.toLowerCase()}.eml`;
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((name) => name.endsWith(suffix) && !name.startsWith('.'))
    .sort();
  return Promise.all(
    names.map(async (name) => parseEmail(await readFile(join(dir, name), 'utf8'), name)),
  );
}

/**
 * The newest email to `recipient` for which `predicate` holds, waiting up
 * to `timeoutMs` for one to arrive.
 */
export async function waitForEmail(
  recipient: string,
  predicate: (email: Email) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Email> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await emailsTo(recipient);
    const found = emails.reverse().find(predicate);
    if (found) {
      return found;
    }
    if (Date.now() > deadline) {
      const seen = emails.map((email) => JSON.stringify(email.subject)).join(', ') || 'none';
      throw new Error(
        `no matching email to ${recipient} in ${outboxDir()} after ${timeoutMs} ms (subjects: ${seen})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The text of the email's `text/calendar` part. An invitation carries it
 * twice (inline for calendar apps, and as `invite.ics`): both must say the
 * same thing.
 */
export function calendarText(email: Email): string {
  const texts = new Set(
    email.attachments
      .filter((a) => a.mimeType === 'text/calendar')
      .map((a) => new TextDecoder().decode(a.content)),
  );
  if (texts.size !== 1) {
    throw new Error(`expected one calendar in ${email.file}, found ${texts.size} different ones`);
  }
  return [...texts][0];
}

/**
 * The event of the email's `text/calendar` attachment, parsed with ical.js
 * (a `TZID` time converts through the calendar's own `VTIMEZONE`).
 */
export function calendarOf(email: Email): CalendarEntry {
  const calendar = new ICAL.Component(ICAL.parse(calendarText(email)));
  const events = calendar.getAllSubcomponents('vevent');
  if (events.length !== 1) {
    throw new Error(`expected one VEVENT in ${email.file}, found ${events.length}`);
  }
  const event = new ICAL.Event(events[0]);
  const method = calendar.getFirstPropertyValue('method');
  const url = events[0].getFirstPropertyValue('url');
  return {
    method: method === null ? null : String(method),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    summary: event.summary,
    url: url === null ? null : String(url),
  };
}
