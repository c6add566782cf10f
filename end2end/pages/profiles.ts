import { type Locator, type Page } from '@playwright/test';

/** `/professionals`: the search box, the filters and the cards. */
export class DirectoryPage {
  readonly main: Locator;
  readonly search: Locator;
  readonly searchButton: Locator;
  readonly specialty: Locator;
  readonly language: Locator;
  readonly clearFilters: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    const filters = this.main.getByRole('search', { name: 'Find a professional' });
    this.search = filters.getByLabel('Search');
    this.searchButton = filters.getByRole('button', { name: 'Search' });
    this.specialty = filters.getByLabel('Specialty');
    this.language = filters.getByLabel('Language');
    this.clearFilters = filters.getByRole('button', { name: 'Clear filters' });
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/professionals${query}`);
  }

  /** A professional's card, by the name on it. */
  card(fullName: string): Locator {
    return this.main
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('link', { name: fullName, exact: true }) });
  }
}

/** `/profile`: a professional's own profile. */
export class ProfileEditorPage {
  readonly heading: Locator;
  readonly headline: Locator;
  readonly about: Locator;
  readonly tags: Locator;
  readonly addLanguage: Locator;
  readonly chosenLanguages: Locator;
  readonly save: Locator;
  readonly saved: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.heading = main.getByRole('heading', { level: 1, name: 'Your profile' });
    this.headline = main.getByLabel('Headline');
    this.about = main.getByLabel('About');
    this.tags = main.getByLabel('Tags');
    this.addLanguage = main.getByLabel('Add a language');
    this.chosenLanguages = main.getByRole('list', { name: 'Chosen languages' });
    this.save = main.getByRole('button', { name: 'Save profile' });
    this.saved = main.getByRole('status').filter({ hasText: 'Profile saved.' });
  }

  async open(): Promise<void> {
    await this.page.goto('/profile');
  }

  specialty(label: string): Locator {
    return this.page.getByRole('main').getByRole('checkbox', { name: label, exact: true });
  }
}
