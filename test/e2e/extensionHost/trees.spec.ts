// The three views against the sandbox's seeded account (days 2020-06-29..2020-07-02, no runs yet).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AdatrapServices } from '../../../src/vscode/services';
import { children, extensionServices } from './services';

describe('trees against the sandbox', () => {
  let services: AdatrapServices;

  before(async () => {
    services = await extensionServices();
    await services.config.reload();
    await services.runs.refresh();
  });

  it('reads the workspace .env and reaches the sandbox', () => {
    assert.equal(services.config.state.kind, 'ready');
    assert.equal(services.connection.state, 'ok');
    assert.equal(services.runs.error, undefined);
  });

  it('shows every configured bucket under its role in Data', async () => {
    const roots = await children(services.trees.data.provider);
    assert.deepEqual(
      roots.map((r) => r.label),
      [
        'GPS',
        '1.96 report',
        'Bip! transactions',
        'Service dictionary (PO)',
        'Service detail',
        'Executables',
        'Outputs',
      ],
    );
    assert.deepEqual(
      roots.map((r) => r.description),
      [
        'adatrap-sandbox-gps',
        'adatrap-sandbox-196',
        'adatrap-sandbox-trx',
        'adatrap-sandbox-po',
        'adatrap-sandbox-service-detail',
        'adatrap-sandbox-executables',
        'adatrap-sandbox-output',
      ],
    );
  });

  it('groups daily inputs by date, and offers Check Inputs on each date', async () => {
    const [gps, , trx] = (await services.trees.data.provider.getChildren()) ?? [];
    const gpsDates = await children(services.trees.data.provider, gps);
    assert.deepEqual(
      gpsDates.map((d) => d.label),
      ['2020-06-29', '2020-06-30', '2020-07-01', '2020-07-02'],
    );
    assert.ok(gpsDates.every((d) => d.contextValue === 'inputDate'));
    assert.match(gpsDates[0].description, /^GPS · \d/);
    // 2020-07-02 lacks its transactions file in the seed.
    const trxDates = await children(services.trees.data.provider, trx);
    assert.deepEqual(
      trxDates.map((d) => d.label),
      ['2020-06-29', '2020-06-30', '2020-07-01'],
    );
  });

  it('knows the parent of each row, which TreeView.reveal needs', async () => {
    const provider = services.trees.data.provider;
    const [gps] = (await provider.getChildren()) ?? [];
    assert.ok(gps);
    assert.equal(provider.getParent(gps), undefined, 'a bucket is a root');
    const dates = (await provider.getChildren(gps)) ?? [];
    assert.ok(dates.length > 0);
    assert.ok(dates.every((d) => provider.getParent(d) === gps));
    await services.trees.dataView.reveal(dates[dates.length - 1], { select: false, focus: false });
  });

  it('shows service dictionaries by validity start', async () => {
    const po = (await services.trees.data.provider.getChildren())?.[3];
    const rows = await children(services.trees.data.provider, po);
    assert.deepEqual(
      rows.map((r) => r.label),
      ['from 2020-06-01', 'from 2020-06-30'],
    );
  });

  it('pages a large bucket in Data: 100 objects, then "Load more" brings the rest', async () => {
    const { executablesBucket } = services.config.aws().config;
    const storage = services.config.aws().storage;
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        storage.upload(executablesBucket, `e2e-paging/${String(i).padStart(3, '0')}.txt`, 'x'),
      ),
    );
    services.trees.data.reset();
    const executables = (await services.trees.data.provider.getChildren())?.[5];
    const first = await children(services.trees.data.provider, executables);
    assert.equal(first[first.length - 1].contextValue, 'loadMore');
    assert.equal(first.length, 101);
    await vscode.commands.executeCommand('adatrap.loadMore', first[first.length - 1].node);
    const all = await children(services.trees.data.provider, executables);
    assert.notEqual(all[all.length - 1].contextValue, 'loadMore');
    assert.equal(all.filter((r) => r.label.startsWith('e2e-paging/')).length, 120);
  });

  it('pins the general stream on top of Logs', async () => {
    const roots = await children(services.trees.logs.provider);
    assert.equal(roots[0].label, 'general');
    assert.match(roots[0].contextValue, /^logStream\.general/);
  });

  it('pages the Logs view: "Load more" brings the streams beyond the first page', async () => {
    const { logGroup } = services.config.aws().config;
    const logs = services.config.aws().logs;
    for (let i = 0; i < 60; i++) await logs.ensureStream(logGroup, `e2e-paging-${String(i).padStart(2, '0')}`);
    services.trees.logs.reset();
    const first = await children(services.trees.logs.provider);
    const more = first[first.length - 1];
    assert.equal(more.contextValue, 'loadMore');
    assert.ok(first.length <= 52, `first page has ${first.length} rows`);
    await vscode.commands.executeCommand('adatrap.loadMore', more.node);
    const all = await children(services.trees.logs.provider);
    assert.notEqual(all[all.length - 1].contextValue, 'loadMore');
    assert.equal(all.filter((r) => r.label.startsWith('e2e-paging-')).length, 60);
    assert.equal(new Set(all.map((r) => r.label)).size, all.length, 'a stream is listed twice');
  });
});
