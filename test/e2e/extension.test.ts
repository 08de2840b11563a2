// Extension-host tests: the suites under extensionHost/ run inside code-server's extension host, against a
// workspace whose .env points at a fresh sandbox (see harness/index.ts).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Harness, startHarness } from './harness';

describe('extension host (code-server + sandbox)', function () {
  this.timeout(300_000);
  let harness: Harness | undefined;

  before(async () => {
    harness = await startHarness({ name: 'extension-host', install: 'development', open: false });
  });

  after(async () => {
    await harness?.close();
  });

  it('passes the extension-host suites (commands, trees, log documents, tails, saving)', async () => {
    const h = harness as Harness;
    const result = await h.runExtensionHostTests(path.join(__dirname, 'extensionHost', 'index.js'), 240_000);
    assert.equal(result.exitCode, 0, `extension-host tests failed:\n${result.report}`);
    assert.match(result.report, /✓/, 'no extension-host test ran');
  });
});
