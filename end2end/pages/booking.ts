import { type Locator, type Page } from '@playwright/test';

/**
 * The signed-in part of the main navigation: "Professionals" and
 * "Sessions" for clients, "Availability" and "Sessions" for professionals.
 */
export class MainNav {
  readonly navigation: Locator;

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Main' });
  }

  link(name: 'Professionals' | 'Sessions' | 'Availability' | 'Profile'): Locator {
    return this.navigation.getByRole('link', { name, exact: true });
  }
}

/** `/professionals`: one card per professional, each a link to their page. */
export class ProfessionalsPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('main').getByRole('heading', { level: 1, name: 'Professionals' });
  }

  async open(): Promise<void> {
    await this.page.goto('/professionals');
  }

  professional(fullName: string): Locator {
    return this.page.getByRole('main').getByRole('link', { name: fullName, exact: true });
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `/professionals/:id`: the day picker, that day's times, and the booking
 * form.
 */
export class ProfessionalPage {
  readonly main: Locator;
  readonly times: Locator;
  readonly notes: Locator;
  readonly bookButton: Locator;
  readonly booked: Locator;
  readonly goToSessions: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.times = this.main.getByRole('region', { name: /^Free times on / });
    this.notes = this.main.getByLabel('Notes (optional)');
    this.bookButton = this.main.getByRole('button', { name: 'Book this session' });
    this.booked = this.main.getByRole('status').filter({ hasText: 'Session booked' });
    this.goToSessions = this.booked.getByRole('link', { name: 'Go to your sessions' });
    this.notice = this.main.getByRole('alert');
  }

  heading(fullName: string): Locator {
    return this.main.getByRole('heading', { level: 1, name: fullName });
  }

  /** The day button of a local date given as `YYYY-MM-DD` ("Sat 21 Nov", "Today 21 Nov"). */
  day(isoDate: string): Locator {
    const [, month, day] = isoDate.split('-').map(Number);
    const label = `${day} ${MONTHS[month - 1]}`;
    return this.main.getByRole('button', { name: new RegExp(`(^| )${label}$`) });
  }

  /** The time button whose name starts with `range` ("14:30–15:15"). */
  time(range: string): Locator {
    return this.times.getByRole('button', { name: new RegExp(`^${escapeRegExp(range)}`) });
  }

  async chooseDay(isoDate: string): Promise<void> {
    await this.day(isoDate).click();
  }

  async book(range: string, notes?: string): Promise<void> {
    await this.time(range).click();
    if (notes !== undefined) {
      await this.notes.fill(notes);
    }
    await this.bookButton.click();
  }
}

/** One session card of `/sessions`, found by the other person's name. */
export class SessionCard {
  readonly card: Locator;
  readonly joinLink: Locator;
  readonly joinButton: Locator;
  readonly verifyPrompt: Locator;
  readonly verifyNow: Locator;
  readonly cancelButton: Locator;
  readonly confirmCancel: Locator;
  readonly keepIt: Locator;
  readonly cancelledBadge: Locator;
  readonly reason: Locator;
  readonly rescheduleButton: Locator;
  readonly confirmMove: Locator;
  readonly addToCalendar: Locator;

  constructor(section: Locator, otherPerson: string) {
    this.card = section
      .getByRole('listitem')
      .filter({ has: section.page().getByRole('heading', { name: otherPerson, exact: true }) });
    this.joinLink = this.card.getByRole('link', { name: 'Join call' });
    this.joinButton = this.card.getByRole('button', { name: 'Join call' });
    this.verifyPrompt = this.card.getByText('Verify your account to join calls');
    this.verifyNow = this.card.getByRole('link', { name: 'Verify now' });
    this.cancelButton = this.card.getByRole('button', { name: 'Cancel', exact: true });
    this.confirmCancel = this.card.getByRole('button', { name: 'Yes, cancel' });
    this.keepIt = this.card.getByRole('button', { name: 'Keep it' });
    this.cancelledBadge = this.card.getByText('Cancelled', { exact: true });
    this.reason = this.card.getByLabel('Reason (optional)');
    this.rescheduleButton = this.card.getByRole('button', { name: 'Reschedule', exact: true });
    this.confirmMove = this.card.getByRole('button', { name: 'Yes, move it' });
    this.addToCalendar = this.card.getByRole('link', { name: 'Add to calendar' });
  }

  /** A day button of the reschedule picker, as {@link ProfessionalPage.day} finds one. */
  day(isoDate: string): Locator {
    const [, month, day] = isoDate.split('-').map(Number);
    const label = `${day} ${MONTHS[month - 1]}`;
    return this.card.getByRole('button', { name: new RegExp(`(^| )${label}$`) });
  }

  /** A time button of the reschedule picker whose name starts with `range`. */
  time(range: string): Locator {
    return this.card.getByRole('button', { name: new RegExp(`^${escapeRegExp(range)}`) });
  }
}

/** `/sessions`: "Upcoming" and "Past". */
export class SessionsPage {
  readonly heading: Locator;
  readonly upcoming: Locator;
  readonly past: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Sessions' });
    this.upcoming = main.getByRole('region', { name: 'Upcoming' });
    this.past = main.getByRole('region', { name: 'Past' });
  }

  async open(): Promise<void> {
    await this.page.goto('/sessions');
  }

  upcomingWith(otherPerson: string): SessionCard {
    return new SessionCard(this.upcoming, otherPerson);
  }
}

export interface NewSlot {
  /** `YYYY-MM-DD`, local */
  date: string;
  /** `HH:mm`, local */
  start: string;
  /** `HH:mm`, local */
  end: string;
  /** dollars */
  price: string;
}

/** `/availability`: the slot form and the professional's own slots. */
export class AvailabilityPage {
  readonly heading: Locator;
  readonly date: Locator;
  readonly start: Locator;
  readonly end: Locator;
  readonly price: Locator;
  readonly addButton: Locator;
  readonly formAlert: Locator;
  readonly added: Locator;
  readonly ownSlots: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Availability' });
    const form = main.getByRole('region', { name: 'Add a time slot' });
    this.date = form.getByLabel('Date', { exact: true });
    this.start = form.getByLabel('Start', { exact: true });
    this.end = form.getByLabel('End', { exact: true });
    this.price = form.getByLabel('Price (USD)');
    this.addButton = form.getByRole('button', { name: 'Add slot' });
    this.formAlert = form.getByRole('alert');
    this.added = form.getByRole('status').filter({ hasText: 'Slot added' });
    this.ownSlots = main.getByRole('region', { name: 'Your upcoming slots' });
  }

  async open(): Promise<void> {
    await this.page.goto('/availability');
  }

  async addSlot(slot: NewSlot): Promise<void> {
    await this.date.fill(slot.date);
    await this.start.fill(slot.start);
    await this.end.fill(slot.end);
    await this.price.fill(slot.price);
    await this.addButton.click();
  }

  /** An own slot, by its time range ("14:30–15:15"). */
  slot(range: string): Locator {
    return this.ownSlots.getByRole('listitem').filter({ hasText: range });
  }
}
