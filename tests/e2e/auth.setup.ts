// Signs each role in once, through the login form, and keeps the browser's signed-in state for the
// specs that act as that role (test.use(asRole('refunder'))). The specs about signing in, signing
// out and ending sessions sign in through the form themselves.
import { expect, test as setup } from '@playwright/test';
import { ROLES, sessionUser, signIn, storageStateFile } from './fixtures';
import { ensureUserCopy } from './world';

const ROLE_LABEL = { admin: 'Admin', refunder: 'Refunder', viewer: 'Viewer' } as const;

for (const role of ROLES) {
  setup(`${role} signs in once, for the specs that act as one`, async ({ page }) => {
    const user = sessionUser(role);
    await ensureUserCopy(user);
    await signIn(page, user.email, user.password);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(page.getByTitle('Your role')).toHaveText(ROLE_LABEL[role]);
    await page.context().storageState({ path: storageStateFile(role) });
  });
}
