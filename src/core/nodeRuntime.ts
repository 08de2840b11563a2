// The Node runtime the Windows machines run the agent with. Pinned: a machine must never run code it did not
// verify. The hash is the one nodejs.org publishes for this file in SHASUMS256.txt; change all three together.
export interface NodeRuntimePin {
  version: string;
  /** Where the launcher's team may keep a copy, in EXECUTABLES_BUCKET (preferred: no internet needed). */
  s3Key: string;
  /** The official download, used only when the bucket has no copy. */
  url: string;
  sha256: string;
  /** The folder the zip unpacks to. */
  folder: string;
}

const VERSION = '20.20.2';

export const NODE_RUNTIME: NodeRuntimePin = {
  version: VERSION,
  s3Key: `runtime/node-v${VERSION}-win-x64.zip`,
  url: `https://nodejs.org/dist/v${VERSION}/node-v${VERSION}-win-x64.zip`,
  sha256: 'dc3700fdd57a63eedb8fd7e3c7baaa32e6a740a1b904167ff4204bc68ed8bf77',
  folder: `node-v${VERSION}-win-x64`,
};

/** The content-addressed key of an agent bundle: the machine verifies the file against the same hash. */
export function agentBundleKey(sha256: string): string {
  return `agent/agent-${sha256}.js`;
}
