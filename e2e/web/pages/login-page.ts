import { expect, type Locator, type Page } from '@playwright/test';

/** The sign-in form of `serve --users`, and the signed-in user in the toolbar. */
export class LoginPage {
  readonly form: Locator;
  readonly error: Locator;
  readonly user: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId('login-page');
    this.error = page.getByTestId('login-error');
    this.user = page.getByTestId('toolbar-user');
  }

  async signIn(name: string, password: string): Promise<void> {
    await expect(this.form).toBeVisible();
    await this.form.getByLabel('Name').fill(name);
    await this.form.getByLabel('Password').fill(password);
    await this.form.getByRole('button', { name: 'Sign in' }).click();
  }

  async expectSignedInAs(name: string): Promise<void> {
    await expect(this.form).toHaveCount(0);
    await expect(this.user).toHaveText(name);
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('btn-signout').click();
    await expect(this.form).toBeVisible();
  }
}
