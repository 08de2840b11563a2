// What a user does in the workbench, expressed with the DOM of VS Code 1.100 (code-server 4.100.3).
// Selectors are kept here so a workbench upgrade touches one file.
import { Locator, Page } from 'playwright-core';

export const SELECTORS = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  quickInputMessage: '.quick-input-widget .quick-input-message',
  toasts: '.notifications-toasts .notification-toast',
  activityBarItem: (title: string) => `.activitybar .action-item a.action-label[aria-label^="${title}"]`,
  paneHeader: (title: string) => `.pane-header[aria-label^="${title}"]`,
  treeRows: '.monaco-list-row',
  statusBarItem: (id: string) => `#${cssEscape(id)}`,
  outputView: '.output-view, .panel .monaco-editor',
  editorTabs: '.tabs-container .tab',
  dialog: '.monaco-dialog-box',
  contextMenu: '.context-view .monaco-menu',
  panelText: '.part.panel .view-lines',
  editorText: '.part.editor .editor-instance .view-lines',
};

function cssEscape(id: string): string {
  return id.replace(/([^a-zA-Z0-9_-])/g, '\\$1');
}

export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.waitForSelector(SELECTORS.workbench, { timeout: timeoutMs });
  await page.waitForSelector('.statusbar', { timeout: timeoutMs });
}

/** Types into whatever quick input is open (palette, InputBox, QuickPick) and accepts with Enter. */
export async function answerQuickInput(page: Page, text: string, timeoutMs = 10_000): Promise<void> {
  const box = page.locator(SELECTORS.quickInputBox);
  await box.waitFor({ state: 'visible', timeout: timeoutMs });
  await box.fill(text);
  await page.keyboard.press('Enter');
}

/** Opens the palette with F1 and runs the command whose label is exactly `title` (e.g. "ADATRAP: Refresh"). */
export async function runCommand(page: Page, title: string, timeoutMs = 15_000): Promise<void> {
  await page.keyboard.press('F1');
  const box = page.locator(SELECTORS.quickInputBox);
  await box.waitFor({ state: 'visible', timeout: timeoutMs });
  await box.fill(`>${title}`);
  // The first row is the best match, but wait until the list reflects what was typed before accepting.
  const row = page.locator(SELECTORS.quickInputRows).filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
}

/** A visible notification toast whose text contains `text`. */
export async function waitForNotification(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
  const toast = page.locator(SELECTORS.toasts).filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: timeoutMs });
  return toast;
}

export async function clickNotificationButton(toast: Locator, button: string): Promise<void> {
  await toast.getByRole('button', { name: button, exact: true }).click();
}

/** Shows a view container from the activity bar, then makes sure the view `viewTitle` (if given) is expanded. */
export async function openView(
  page: Page,
  containerTitle: string,
  viewTitle?: string,
  timeoutMs = 30_000,
): Promise<void> {
  const item = page.locator(SELECTORS.activityBarItem(containerTitle)).first();
  await item.waitFor({ state: 'visible', timeout: timeoutMs });
  const checked = await item.getAttribute('aria-expanded').catch(() => null);
  const parentChecked = await item
    .locator('..')
    .getAttribute('aria-checked')
    .catch(() => null);
  if (checked !== 'true' && parentChecked !== 'true') await item.click();
  if (!viewTitle) return;
  const header = page.locator(SELECTORS.paneHeader(viewTitle)).first();
  await header.waitFor({ state: 'visible', timeout: timeoutMs });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
}

/** The whole pane of the view `viewTitle`: header, message, welcome content and rows. */
export function viewPane(page: Page, viewTitle: string): Locator {
  return page.locator('.pane').filter({ has: page.locator(SELECTORS.paneHeader(viewTitle)) });
}

/** Rows of the tree view `viewTitle` (the pane below its header). */
export function treeRows(page: Page, viewTitle: string): Locator {
  return viewPane(page, viewTitle).locator(SELECTORS.treeRows);
}

/** Clicks `label` in the modal dialog (showWarningMessage({ modal: true })) that contains `text`. */
export async function answerDialog(
  page: Page,
  text: string | RegExp,
  label: string,
  timeoutMs = 30_000,
): Promise<void> {
  const dialog = page.locator(SELECTORS.dialog).filter({ hasText: text }).first();
  await dialog.waitFor({ state: 'visible', timeout: timeoutMs });
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/**
 * Right-clicks `target` and picks `item` from its context menu. The item is hovered (which focuses it) and
 * accepted with Enter: a click can land while the menu still ignores the mouse after opening.
 */
export async function contextMenu(page: Page, target: Locator, item: string, timeoutMs = 15_000): Promise<void> {
  await target.click({ button: 'right' });
  const menu = page.locator(SELECTORS.contextMenu).first();
  await menu.waitFor({ state: 'visible', timeout: timeoutMs });
  const entry = menu.getByRole('menuitem', { name: item }).first();
  await entry.waitFor({ state: 'visible', timeout: timeoutMs });
  await entry.hover();
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** The text rendered in the panel's editor (an output channel): only what is scrolled into view. */
export async function panelText(page: Page): Promise<string> {
  return (
    await page
      .locator(SELECTORS.panelText)
      .first()
      .innerText()
      .catch(() => '')
  ).replace(/\u00a0/g, ' ');
}

/** The text rendered in the active editor group (visible lines only). */
export async function editorText(page: Page): Promise<string> {
  return (
    await page
      .locator(SELECTORS.editorText)
      .first()
      .innerText()
      .catch(() => '')
  ).replace(/\u00a0/g, ' ');
}
