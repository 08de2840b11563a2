// Tail channels: events arrive live, and stopping then resuming neither repeats nor loses any.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AdatrapServices } from '../../../src/vscode/services';
import { extensionServices, waitFor } from './services';

describe('tail log stream', () => {
  let services: AdatrapServices;
  const stream = 'e2e-tail';

  before(async () => {
    services = await extensionServices();
  });

  after(async () => {
    await vscode.commands.executeCommand('adatrap.stopTail', stream);
  });

  it('follows a stream in its own log channel, then stops and resumes without duplicates or gaps', async () => {
    const { logGroup } = services.config.aws().config;
    const logs = services.config.aws().logs;
    const put = (from: number, count: number) =>
      logs.put(
        logGroup,
        stream,
        Array.from({ length: count }, (_, i) => ({ timestamp: Date.now(), message: `tail event ${from + i}` })),
      );

    await put(0, 3);
    const channel = await vscode.commands.executeCommand<string>('adatrap.tailLogStream', stream);
    assert.equal(channel, `ADATRAP log ${stream}`);
    assert.equal(services.tails.isTailing(stream), true);
    await waitFor('the 3 events already in the stream', () =>
      services.tails.eventCount(logGroup, stream) === 3 ? true : undefined,
    );

    await put(3, 4);
    await waitFor('4 live events', () => (services.tails.eventCount(logGroup, stream) === 7 ? true : undefined));

    assert.equal(await vscode.commands.executeCommand('adatrap.stopTail', stream), true);
    assert.equal(services.tails.isTailing(stream), false);
    await put(7, 5); // written while nobody follows: must show after the resume, once

    await vscode.commands.executeCommand('adatrap.tailLogStream', stream);
    await waitFor('the 5 events written while stopped', () =>
      services.tails.eventCount(logGroup, stream) === 12 ? true : undefined,
    );
    await put(12, 2);
    await waitFor('2 more live events', () => (services.tails.eventCount(logGroup, stream) === 14 ? true : undefined));
    // A marker written last arrives after anything the resume could repeat (a tail delivers in order): once it
    // is there, the count is final.
    await put(14, 1);
    await waitFor('the marker event', () => (services.tails.eventCount(logGroup, stream) >= 15 ? true : undefined));
    assert.equal(services.tails.eventCount(logGroup, stream), 15);
  });

  it('marks the tailed stream in the Logs view so the menu offers Stop', async () => {
    services.trees.logs.reset();
    const roots = (await services.trees.logs.provider.getChildren()) ?? [];
    const row = roots.map((n) => n.getTreeItem()).find((i) => i.label === stream);
    assert.equal(row?.contextValue, 'logStream.other.tailing');
  });
});
