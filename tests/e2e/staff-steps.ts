// Staff at the kiosk by touch alone: the long press on the top-left corner that opens
// staff sign-in, and the on-screen name keys and PIN pad. Taps only, no keyboard.
import type { Locator, Page } from 'playwright-core';

/** Holds a finger on the screen's top-left corner until staff sign-in opens, then lifts it. */
export async function longPressStaffCorner(page: Page): Promise<Locator> {
  const cdp = await page.context().newCDPSession(page);
  const signIn = page.getByRole('dialog', { name: 'Staff sign-in' });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 30, y: 30 }] });
  try {
    await signIn.waitFor({ timeout: 10_000 });
  } finally {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  }
  return signIn;
}

/** Taps the name on the letter keys, "Next", the PIN on the PIN pad, then "Sign in". */
export async function signInByTouch(signIn: Locator, username: string, pin: string): Promise<void> {
  const nameKeys = signIn.getByRole('group', { name: 'Letters and digits of your staff name' });
  if (await nameKeys.isVisible()) {
    for (const letter of username) await nameKeys.getByRole('button', { name: letter, exact: true }).tap();
    await signIn.getByRole('button', { name: 'Next' }).tap();
  }
  await enterPinByTouch(signIn, pin);
  await signIn.getByRole('button', { name: 'Sign in' }).tap();
}

export async function enterPinByTouch(signIn: Locator, pin: string): Promise<void> {
  const pinKeys = signIn.getByRole('group', { name: 'PIN keys' });
  for (const digit of pin) await pinKeys.getByRole('button', { name: digit, exact: true }).tap();
}
