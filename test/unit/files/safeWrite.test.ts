import * as assert from 'node:assert/strict';
import { lstat, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeWrite, TargetExistsError } from '../../../src/files/safeWrite';
import { tempDirEach } from '../../helpers/tempDir';

describe('safeWrite', () => {
  const dir = tempDirEach('safe-write-');

  it('creates a new file and leaves no temporary file', async () => {
    await safeWrite(join(dir(), 'a.log'), ['one\n', 'two\n']);
    assert.equal(await readFile(join(dir(), 'a.log'), 'utf8'), 'one\ntwo\n');
    assert.deepEqual(await readdir(dir()), ['a.log']);
  });

  it('leaves an existing file byte for byte without replace', async () => {
    const target = join(dir(), 'results.log');
    const original = Buffer.from([0, 1, 2, 255, 10]);
    await writeFile(target, original);
    await assert.rejects(safeWrite(target, 'new content'), (e) => e instanceof TargetExistsError && !e.symlink);
    assert.deepEqual(await readFile(target), original);
    assert.deepEqual(await readdir(dir()), ['results.log']);
  });

  it('replaces an existing file when the user confirmed', async () => {
    const target = join(dir(), 'results.log');
    await writeFile(target, 'old');
    await safeWrite(target, 'new', { replace: true });
    assert.equal(await readFile(target, 'utf8'), 'new');
    assert.deepEqual(await readdir(dir()), ['results.log']);
  });

  it('refuses a symbolic link at the target, even with replace, and never writes through it', async function () {
    if (process.platform === 'win32') this.skip();
    const victim = join(dir(), 'victim.txt');
    await writeFile(victim, 'keep me');
    const target = join(dir(), 'out.log');
    await symlink(victim, target);
    for (const replace of [false, true])
      await assert.rejects(safeWrite(target, 'evil', { replace }), (e) => e instanceof TargetExistsError && e.symlink);
    assert.equal(await readFile(victim, 'utf8'), 'keep me');
    assert.ok((await lstat(target)).isSymbolicLink());
    assert.deepEqual((await readdir(dir())).sort(), ['out.log', 'victim.txt']);
  });

  it('removes the partial file when the content fails midway', async () => {
    async function* failing(): AsyncIterable<string> {
      yield 'first page\n';
      throw new Error('network down');
    }
    await assert.rejects(safeWrite(join(dir(), 'a.log'), failing()), /network down/);
    assert.deepEqual(await readdir(dir()), []);
  });

  it('removes the partial file on abort and never creates the target', async () => {
    const controller = new AbortController();
    async function* slow(): AsyncIterable<string> {
      yield 'first page\n';
      controller.abort();
      yield 'second page\n';
    }
    await assert.rejects(safeWrite(join(dir(), 'a.log'), slow(), { signal: controller.signal }), {
      name: 'AbortError',
    });
    assert.deepEqual(await readdir(dir()), []);
  });

  it('writes a private key with mode 0600', async function () {
    if (process.platform === 'win32') this.skip();
    await safeWrite(join(dir(), 'k.pem'), 'KEY', { mode: 0o600, ownerOnly: true });
    assert.equal((await lstat(join(dir(), 'k.pem'))).mode & 0o777, 0o600);
  });

  it('gives a .pem an owner-only ACL on Windows with icacls, before it is in place', async () => {
    const calls: { command: string; args: readonly string[]; tempExists: boolean }[] = [];
    const target = join(dir(), 'k.pem');
    await safeWrite(target, 'KEY', {
      mode: 0o600,
      ownerOnly: true,
      platform: 'win32',
      user: 'analyst',
      run: async (command, args) => {
        calls.push({ command, args, tempExists: (await readdir(dir())).some((f) => f.endsWith('.part')) });
        return 0;
      },
    });
    assert.equal(calls.length, 1);
    assert.equal(calls[0].command, 'icacls');
    assert.deepEqual(calls[0].args.slice(1), ['/inheritance:r', '/grant:r', 'analyst:F']);
    assert.match(calls[0].args[0], /[\\/]\.k\.pem\.[0-9a-f]{12}\.part$/);
    assert.ok(calls[0].tempExists);
    assert.equal(await readFile(target, 'utf8'), 'KEY');
  });

  it('does not put the file in place when icacls fails', async () => {
    const target = join(dir(), 'k.pem');
    await assert.rejects(
      safeWrite(target, 'KEY', { ownerOnly: true, platform: 'win32', user: 'analyst', run: () => Promise.resolve(5) }),
      /icacls/,
    );
    assert.deepEqual(await readdir(dir()), []);
  });

  it('does not run icacls off Windows', async () => {
    let ran = false;
    await safeWrite(join(dir(), 'k.pem'), 'KEY', {
      ownerOnly: true,
      platform: 'linux',
      run: () => {
        ran = true;
        return Promise.resolve(0);
      },
    });
    assert.equal(ran, false);
  });
});
