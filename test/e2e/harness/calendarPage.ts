// The Run calendar's webview as the e2e tests drive it: find its frame, read a day's cell, wait for a state,
// change month through its month input. Shared by every calendar e2e file.
import type { Frame, Locator, Page } from 'playwright-core';
import type { Harness } from './index';

/** The webview's inner frame: the one that holds the grid. */
export async function calendarFrame(page: Page, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      if (
        (await frame
          .locator('#grid')
          .count()
          .catch(() => 0)) > 0
      )
        return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the calendar webview did not render its grid');
}

export function cell(frame: Frame, date: string): Locator {
  return frame.locator(`#grid [data-date="${date}"]`);
}

export async function waitForKind(frame: Frame, date: string, kinds: string[], timeoutMs: number): Promise<string> {
  await frame.waitForFunction(
    ([d, ks]) => ks.includes(document.querySelector(`#grid [data-date="${d}"]`)?.getAttribute('data-kind') ?? ''),
    [date, kinds] as const,
    { timeout: timeoutMs, polling: 250 },
  );
  return (await cell(frame, date).getAttribute('data-kind')) ?? '';
}

/** The palette lists our commands once the extension host has read the extension: on a busy machine, later. */
export async function runCommandWhenListed(h: Harness, title: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await h.runCommand(title, 10_000);
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await h.page.keyboard.press('Escape');
      await h.page.waitForTimeout(1000);
    }
  }
}

export async function goToMonth(frame: Frame, month: string): Promise<void> {
  await frame.locator('#month-input').fill(month);
  await frame.locator('#month-input').dispatchEvent('change');
  await frame.waitForFunction((m) => document.querySelector(`#grid [data-date^="${m}-"]`) !== null, month, {
    timeout: 30_000,
  });
}
