// The calendar page's security policy, the protocol's guards and the month view handed to the webview.
import * as assert from 'node:assert/strict';
import { computeMonth, priceMonth, type MonthListings } from '../../../src/core/calendar';
import { toMonthView, legendItems } from '../../../src/vscode/calendar/monthView';
import { Navigate, RunDayAction } from '../../../src/vscode/calendar/protocol';
import { isIpcMessage } from '../../../src/vscode/webview/protocol';
import { contentSecurityPolicy as calendarCsp, webviewHtml as calendarHtml } from '../../../src/vscode/webviewPage';
import { inLanguage } from '../../helpers/language';
import { dailyKeys, monthListings } from '../../helpers/listings';

const NOW = Date.parse('2020-07-20T16:00:00Z');

/** 1 July has its inputs; the .par reads one PO file. */
function listings(over: Partial<MonthListings> = {}): MonthListings {
  return monthListings({
    parTemplate: '{po_path}/Diccionario/Servicios_PO{po_date}.csv\t* servicios',
    ...dailyKeys('2020-07-01'),
    ...over,
  });
}

describe('calendar webview', () => {
  inLanguage('en');

  describe('page', () => {
    const html = calendarHtml({
      cspSource: 'https://webview.example',
      scriptUri: 'https://webview.example/main.js',
      styleUri: 'https://webview.example/main.css',
      lang: 'es-CL',
      title: 'Calendario <x>',
      nonce: 'abc123',
    });

    it('allows nothing by default, styles from the extension, and only the nonced script', () => {
      const csp = calendarCsp('https://webview.example', 'abc123');
      assert.match(csp, /^default-src 'none'; /);
      assert.match(csp, /script-src 'nonce-abc123'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
      assert.ok(html.includes(`content="${csp}"`), 'the page carries exactly this policy');
      assert.match(html, /<script nonce="abc123" src="https:\/\/webview\.example\/main\.js"><\/script>/);
    });

    it('has no inline script or handler, and escapes what it prints', () => {
      assert.equal((html.match(/<script/g) ?? []).length, 1);
      assert.doesNotMatch(html, /\son[a-z]+=/i);
      assert.match(html, /<title>Calendario &lt;x&gt;<\/title>/);
      assert.match(html, /<html lang="es-CL">/);
    });
  });

  describe('protocol guards', () => {
    it('accepts a day action on real-looking dates only', () => {
      assert.ok(RunDayAction.is(RunDayAction.message('1', { action: 'launch', dates: ['2020-06-29'] })));
      assert.ok(
        RunDayAction.is(RunDayAction.message('2', { action: 'downloadOutputs', dates: ['2020-06-29', '2020-07-01'] })),
        'the selection can be downloaded',
      );
      assert.equal(RunDayAction.is({ id: '1', method: 'dayAction', params: { action: 'launch', dates: [] } }), false);
      assert.equal(
        RunDayAction.is({ id: '1', method: 'dayAction', params: { action: 'terminateAll', dates: ['2020-06-29'] } }),
        false,
      );
      assert.equal(
        RunDayAction.is({ id: '1', method: 'dayAction', params: { action: 'launch', dates: ['2020-06-29; rm -rf'] } }),
        false,
      );
      assert.equal(isIpcMessage({ method: 'ready' }), false);
    });

    it('navigates to a month only when it is YYYY-MM', () => {
      assert.ok(Navigate.is(Navigate.message('1', { to: 'month', month: '2020-06' })));
      assert.equal(Navigate.is({ id: '1', method: 'navigate', params: { to: 'month' } }), false);
      assert.equal(Navigate.is({ id: '1', method: 'navigate', params: { to: 'month', month: 'June' } }), false);
      assert.ok(Navigate.is(Navigate.message('1', { to: 'previous' })));
    });
  });

  describe('month view', () => {
    it('offers the logs of an output whose manifest names its machine', () => {
      const outputs = [
        { key: '2020-07-03.zip', size: 10, lastModified: NOW },
        { key: '2020-07-03.manifest.json', size: 10, lastModified: NOW },
      ];
      const view = toMonthView(computeMonth('2020-07', listings({ outputs }), NOW), NOW, (t) => t);
      assert.deepEqual([view.cells[2].hasRun, view.cells[2].hasLogs], [false, true]);
    });

    it('gives each day its column, symbol, words and sentences, and notes batch days', () => {
      const calendar = computeMonth(
        '2020-07',
        listings({ outputs: [{ key: '2020-07-03.zip', size: 3_200_000, lastModified: NOW }] }),
        NOW,
      );
      const view = toMonthView(calendar, NOW, (time) => `updated ${time}`, new Map([['2020-07-02', 'batch: queued']]));
      assert.equal(view.title, 'July 2020');
      assert.equal(view.cells.length, 31);
      const [first, second, third] = view.cells;
      assert.deepEqual([first.column, first.kind, first.symbol, first.text], [2, 'ready', '●', 'ready']);
      assert.equal(second.batch, 'batch: queued');
      assert.equal(first.batch, undefined);
      assert.deepEqual(
        [third.kind, third.hasOutput, third.hasRun, third.hasLogs],
        ['earlierOutput', true, false, false],
      );
      assert.ok(third.details.some((d) => d.includes('2020-07-03.zip')));
      assert.equal(view.cells.find((c) => c.date === '2020-07-20')?.isToday, true);
      assert.match(view.summary, /^1 ready to launch, /);
      assert.equal(view.next, 'Next to launch: 2020-07-01');
      assert.match(view.updated, /^updated /);
      assert.deepEqual(
        legendItems()
          .map((l) => l.kind)
          .slice(0, 4),
        ['ready', 'running', 'queued', 'failed'],
      );
      assert.equal(view.cost, undefined, 'no runs, no cost line');
    });

    it('carries the month cost line and each day cost in its details once the runs are priced', () => {
      const calendar = computeMonth(
        '2020-07',
        listings({
          runs: [{ instanceId: 'i-1', date: '2020-07-01', state: 'terminated', launchTime: NOW, status: 'succeeded' }],
          outputs: [{ key: '2020-07-01.zip', size: 10, lastModified: NOW }],
        }),
        NOW,
      );
      const cost = { hours: 2, machineUsd: 0.6, volumeUsd: 0.01, usd: 0.61, market: 'spot' as const };
      const priced = priceMonth(
        calendar,
        new Map([['i-1', { ...cost, usdPerHour: 0.3, recorded: true, running: false }]]),
      );
      const view = toMonthView(priced, NOW, (time) => time);
      assert.equal(view.cost, 'Cost of the runs of this month: USD 0.61 (1 run(s)).');
      assert.ok(view.cells[0].details.includes('cost of its runs: USD 0.61'), view.cells[0].details.join('\n'));
    });
  });
});
