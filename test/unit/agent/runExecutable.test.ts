// The executable's output reaches the log line by line, stderr counts, and a timeout kills the whole tree.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runExecutable, splitCommand } from '../../../agent/runExecutable';

const node = process.execPath;

/** Running, and not a zombie waiting for a reaper (containers often have none as PID 1). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe('runExecutable', function () {
  this.timeout(15_000);

  it('hands every stdout and stderr line over as it comes, and counts stderr lines', async () => {
    const lines: string[] = [];
    const script =
      "console.log('uno'); console.error('malo'); console.log('dos\\r'); console.error(''); process.exit(0)";
    const r = await runExecutable({
      command: [node, '-e', script],
      cwd: process.cwd(),
      timeoutMs: 10_000,
      onLine: (l, s) => lines.push(`${s}:${l}`),
    });
    assert.equal(r.code, 0);
    assert.equal(r.stderrLines, 1, 'blank stderr lines do not count');
    assert.equal(r.firstStderrLine, 'malo');
    assert.deepEqual(
      lines.filter((l) => l.startsWith('stdout')),
      ['stdout:uno', 'stdout:dos'],
    );
    assert.ok(!r.timedOut);
  });

  it('decodes output as windows-1252 by default: 0x80-0x9F are € ‘ ’ “ ” – —, not C1 controls as latin1 would', async () => {
    const lines: string[] = [];
    // Bytes a Spanish Windows program writes: "€ ‘a’ “b” – — Ñandú"
    const bytes = [0x80, 0x20, 0x91, 0x61, 0x92, 0x20, 0x93, 0x62, 0x94, 0x20, 0x96, 0x20, 0x97, 0x20];
    const script = `process.stdout.write(Buffer.from([${bytes.join(',')}, 0xd1, 0x61, 0x6e, 0x64, 0xfa, 0x0d, 0x0a]))`;
    await runExecutable({
      command: [node, '-e', script],
      cwd: process.cwd(),
      timeoutMs: 10_000,
      onLine: (l) => lines.push(l),
    });
    assert.deepEqual(lines, ['€ ‘a’ “b” – — Ñandú']);
  });

  it('decodes with the configured code page, a character split across chunks included', async () => {
    const lines: string[] = [];
    // "Ñuñoa €" in UTF-8, written one byte at a time so multi-byte characters arrive in pieces.
    const script =
      "const b = Buffer.from('Ñuñoa €\\n', 'utf8'); let i = 0; const t = setInterval(() => { process.stdout.write(b.subarray(i, i + 1)); if (++i === b.length) clearInterval(t); }, 2);";
    await runExecutable({
      command: [node, '-e', script],
      cwd: process.cwd(),
      timeoutMs: 10_000,
      codePage: 'utf-8',
      onLine: (l) => lines.push(l),
    });
    assert.deepEqual(lines, ['Ñuñoa €']);
  });

  it('reports the exit code of a crash', async () => {
    const r = await runExecutable({
      command: [node, '-e', 'process.exit(7)'],
      cwd: process.cwd(),
      timeoutMs: 10_000,
      onLine: () => undefined,
    });
    assert.equal(r.code, 7);
  });

  it('kills the whole process tree when the time limit passes', async function () {
    if (process.platform === 'win32') this.skip();
    const script = `const c = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); console.log(c.pid); setInterval(() => {}, 1000);`;
    let grandchild = 0;
    const r = await runExecutable({
      command: [node, '-e', script],
      cwd: process.cwd(),
      timeoutMs: 4000,
      onLine: (l) => (grandchild = Number(l)),
    });
    assert.ok(r.timedOut);
    assert.ok(grandchild > 0);
    await new Promise((res) => setTimeout(res, 200));
    assert.ok(!alive(grandchild), "the executable's own child survived the timeout");
  });

  it('says so when the command cannot start', async () => {
    const r = await runExecutable({
      command: ['/nonexistent/pvmtsc_v0.2.exe', 'D.par'],
      cwd: process.cwd(),
      timeoutMs: 5000,
      onLine: () => undefined,
    });
    assert.match(r.startError ?? '', /ENOENT/);
  });

  it('splits a configured command keeping quoted paths whole', () => {
    assert.deepEqual(splitCommand('"C:\\Program Files\\node.exe" "C:\\a b\\sim.js" --x'), [
      'C:\\Program Files\\node.exe',
      'C:\\a b\\sim.js',
      '--x',
    ]);
    assert.deepEqual(splitCommand('node /abs/dist/pvmtsc-sim.js'), ['node', '/abs/dist/pvmtsc-sim.js']);
  });
});
