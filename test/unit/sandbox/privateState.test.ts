// The sandbox keeps bounded state in memory and its machines' folders private.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { machinesRoot } from '../../../src/sandbox/agentLauncher';
import { LogsError, LogsStore, MAX_EVENTS_PER_STREAM } from '../../../src/sandbox/logs/store';

describe('sandbox: bounded and private state', () => {
  describe('events per log stream', () => {
    it('refuses a batch that would pass the cap (LimitExceededException) and keeps what it had', () => {
      const store = new LogsStore(5);
      store.createGroup('g');
      store.createStream('g', 's');
      const at = Date.now();
      store.put(
        'g',
        's',
        [0, 1, 2, 3].map((i) => ({ timestamp: at + i, message: `e${i}` })),
      );
      assert.throws(
        () =>
          store.put('g', 's', [
            { timestamp: at + 4, message: 'a' },
            { timestamp: at + 5, message: 'b' },
          ]),
        (e: unknown) =>
          e instanceof LogsError && e.code === 'LimitExceededException' && /at most 5 events/.test(e.message),
      );
      assert.equal(store.stream('g', 's').events.length, 4);
      // Exactly up to the cap is fine; one more is not.
      store.put('g', 's', [{ timestamp: at + 4, message: 'e4' }]);
      assert.equal(store.stream('g', 's').events.length, 5);
      assert.throws(() => store.put('g', 's', [{ timestamp: at + 5, message: 'e5' }]), LogsError);
    });

    it('defaults to a million events per stream', () => {
      assert.equal(MAX_EVENTS_PER_STREAM, 1_000_000);
    });
  });

  describe('machine folders', () => {
    const made: string[] = [];
    after(() => {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });

    it('live under a private per-launcher folder (mkdtemp, mode 0700), never a fixed /tmp path', async function () {
      if (process.platform === 'win32') this.skip(); // POSIX modes; Windows uses the user's own TEMP ACL.
      const first = machinesRoot();
      const second = machinesRoot();
      const a = await first();
      const b = await second();
      made.push(a, b);
      assert.notEqual(a, b);
      assert.equal(await first(), a, 'the same launcher keeps its folder');
      for (const dir of [a, b]) {
        assert.equal(dirname(dir), tmpdir());
        assert.match(basename(dir), /^adatrap-sandbox-machines-.{6}$/);
        assert.equal(statSync(dir).mode & 0o777, 0o700);
      }
    });

    it('creates a configured workRoot private (0700)', async function () {
      if (process.platform === 'win32') this.skip();
      const parent = mkdtempSync(join(tmpdir(), 'adatrap-machines-test-'));
      made.push(parent);
      const root = join(parent, 'machines');
      assert.equal(await machinesRoot(root)(), root);
      assert.ok(existsSync(root));
      assert.equal(statSync(root).mode & 0o777, 0o700);
    });
  });
});
