// Extension-host tests: the suites under extensionHost/ run inside code-server's extension host, against a
// workspace whose .env points at a fresh sandbox (see harness/index.ts). Each of their tests is reported here
// as its own test (passed, failed with the extension host's stack, or pending), so the runner counts them.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Test } from 'mocha';
import { Harness, startHarness, type ExtensionHostResult, type ExtensionHostTestResult } from './harness';

function reported(result: ExtensionHostTestResult): Test {
  return new Test(result.title, function (this: Mocha.Context) {
    if (result.state === 'pending') this.skip();
    if (result.state === 'failed') throw new Error(result.error ?? 'failed in the extension host');
  });
}

describe('extension host (code-server + sandbox)', function () {
  this.timeout(300_000);
  let harness: Harness | undefined;
  let result: ExtensionHostResult | undefined;

  before(async function () {
    harness = await startHarness({ name: 'extension-host', install: 'development', open: false });
    result = await harness.runExtensionHostTests(path.join(__dirname, 'extensionHost', 'index.js'), 240_000);
    // Tests added before this suite's tests run are run with them (mocha copies the list after `before`).
    const suite = this.test?.parent;
    assert.ok(suite, 'the hook belongs to this suite');
    for (const test of result.tests) suite.addTest(reported(test));
  });

  after(async () => {
    await harness?.close();
  });

  it('passes the extension-host suites (commands, trees, log documents, tails, saving, diagnose)', () => {
    const r = result as ExtensionHostResult;
    assert.equal(r.exitCode, 0, `extension-host tests failed:\n${r.report}`);
    assert.match(r.report, /✓/, 'no extension-host test ran');
    assert.ok(r.tests.length >= 10, `only ${r.tests.length} extension-host tests reported`);
  });
});
