import type { Locator, Page } from '@playwright/test';

/** The Triggers section of the workflow inspector (shown when nothing is selected). */
export class TriggersSection {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('triggers-section');
  }

  async add(kind: 'schedule' | 'webhook'): Promise<void> {
    await this.root.getByRole('button', { name: kind === 'schedule' ? 'Add schedule' : 'Add webhook' }).click();
  }

  /** The card of `triggers[index]`. */
  card(index: number): Locator {
    return this.root.getByTestId(`trigger-${index}`);
  }

  /** A field by its label (required fields' labels end in a `*`). */
  field(index: number, label: string): Locator {
    return this.card(index).getByLabel(new RegExp(`^${label}\\*?$`));
  }

  reading(index: number): Locator {
    return this.card(index).getByTestId('schedule-reading');
  }

  nextFires(index: number): Locator {
    return this.card(index).getByTestId('next-fires').getByRole('listitem');
  }

  problems(index: number): Locator {
    return this.card(index).getByTestId('field-problem');
  }

  url(index: number): Locator {
    return this.card(index).getByTestId('webhook-url');
  }
}
