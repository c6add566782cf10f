import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { newestEmailTo, verificationPath } from '../pages/outbox';

/**
 * Setting up a session to call, through the real API: a professional, a
 * client, a slot starting in a few minutes (so that its call window, which
 * opens 10 minutes before the start, is already open) and a booking. Each
 * person gets their own browser context, signed in by registering.
 */

export type Role = 'client' | 'professional';

export interface Person {
  id: number;
  fullName: string;
  email: string;
  role: Role;
  context: BrowserContext;
  page: Page;
}

export interface PersonOptions {
  /** Confirm the emailed verification link (default true). */
  verified?: boolean;
  /** Extra options for the person's browser context. */
  contextOptions?: BrowserContextOptions;
}

function unique(): string {
  return `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

/** Registers a new account in a new browser context (which is then signed in). */
export async function newPerson(
  browser: Browser,
  baseURL: string,
  role: Role,
  namePrefix: string,
  options: PersonOptions = {},
): Promise<Person> {
  const id = unique();
  const fullName = `${namePrefix} ${id}`;
  const email = `call-${role}-${id}@example.com`;
  const context = await browser.newContext({ baseURL, ...options.contextOptions });
  const response = await context.request.post('/api/auth/register', {
    data: { email, password: `correct horse ${id}`, full_name: fullName, role },
  });
  expect(response.status(), await response.text()).toBe(201);
  const user = await response.json();
  if (options.verified ?? true) {
    await verify(context, email);
  }
  const page = await context.newPage();
  return { id: user.id, fullName, email, role, context, page };
}

/** Confirms the verification link the server emailed at registration. */
async function verify(context: BrowserContext, email: string): Promise<void> {
  const path = verificationPath(await newestEmailTo(email));
  const token = new URLSearchParams(path.slice(path.indexOf('?'))).get('token');
  const response = await context.request.post('/api/auth/verification/confirm', { data: { token } });
  expect(response.status(), await response.text()).toBe(200);
}

/** Whole seconds, as the API keeps them. */
function isoSeconds(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The professional publishes a 30-minute slot starting `startsInMinutes`
 * from now, and the client books it. Returns the booking id.
 */
export async function bookSession(professional: Person, client: Person, startsInMinutes = 4): Promise<number> {
  const start = new Date(Date.now() + startsInMinutes * 60_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  const slot = await professional.context.request.post('/api/slots', {
    data: { start_time: isoSeconds(start), end_time: isoSeconds(end), price_cents: 5_000 },
  });
  expect(slot.status(), await slot.text()).toBe(201);
  const { id: slotId } = await slot.json();
  const booking = await client.context.request.post('/api/bookings', { data: { slot_id: slotId } });
  expect(booking.status(), await booking.text()).toBe(201);
  const { id } = await booking.json();
  return id as number;
}

/** A professional and a verified client with a session whose call is open. */
export async function callableSession(
  browser: Browser,
  baseURL: string,
  clientOptions: PersonOptions = {},
): Promise<{ professional: Person; client: Person; bookingId: number }> {
  const professional = await newPerson(browser, baseURL, 'professional', 'Dr. Maya Okafor');
  const client = await newPerson(browser, baseURL, 'client', 'Sam Lee', clientOptions);
  const bookingId = await bookSession(professional, client);
  return { professional, client, bookingId };
}
