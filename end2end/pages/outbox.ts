import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The emails the server wrote to its outbox folder (dev and test mode):
 * one `<unix-millis>-<recipient>.eml` file per message, so the newest
 * sorts last. The folder comes from `TANDEM_OUTBOX_DIR`.
 */
export function outboxDir(): string {
  const dir = process.env.TANDEM_OUTBOX_DIR;
  if (!dir) {
    throw new Error('TANDEM_OUTBOX_DIR is not set: the browser tests need the server outbox folder');
  }
  return dir;
}

/** The newest email to `recipient`, waiting up to `timeoutMs` for one to arrive. */
export async function newestEmailTo(recipient: string, timeoutMs = 5_000): Promise<string> {
  const dir = outboxDir();
  const suffix = `-${recipient.toLowerCase()}.eml`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const newest = names.filter((name) => name.endsWith(suffix)).sort().at(-1);
    if (newest) {
      return readFile(join(dir, newest), 'utf8');
    }
    if (Date.now() > deadline) {
      throw new Error(`no email to ${recipient} in ${dir} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The verification link in an email, as a path on the app (`/verify?token=…`). */
export function verificationPath(email: string): string {
  const match = email.match(/https?:\/\/\S+\/verify\?token=\S+/);
  if (!match) {
    throw new Error(`no verification link in this email:\n${email}`);
  }
  const url = new URL(match[0]);
  return `${url.pathname}${url.search}`;
}

/**
 * The newest email to `recipient` whose text contains `needle`, waiting up
 * to `timeoutMs` for one (an earlier email to the same address, such as
 * the verification link, does not count).
 */
export async function newestEmailContaining(
  recipient: string,
  needle: string,
  timeoutMs = 10_000,
): Promise<string> {
  const dir = outboxDir();
  const suffix = `-${recipient.toLowerCase()}.eml`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const mine = names.filter((name) => name.endsWith(suffix)).sort().reverse();
    for (const name of mine) {
      const text = await readFile(join(dir, name), 'utf8');
      if (text.includes(needle)) {
        return text;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`no email to ${recipient} containing ${needle} in ${dir} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The password reset link in an email, as a path on the app (`/reset-password?token=…`). */
export function resetPasswordPath(email: string): string {
  const match = email.match(/https?:\/\/\S+\/reset-password\?token=\S+/);
  if (!match) {
    throw new Error(`no password reset link in this email:\n${email}`);
  }
  const url = new URL(match[0]);
  return `${url.pathname}${url.search}`;
}
