// Extension activation as VS Code does it: load the bundle, call activate(context). Run with the vscode stub
// preloaded, in a fresh process, so module loading is cold as it is in a new extension host.
import { fakeContext } from '../vscodeStub';
import { args, reportResult } from '../childReport';

interface ExtensionModule {
  activate(context: unknown): unknown;
}

async function main(): Promise<void> {
  const { module, extensionRoot } = args(['module', 'extensionRoot']);
  const t0 = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle under test is loaded at run time, by path
  const ext = require(module) as ExtensionModule;
  const t1 = process.hrtime.bigint();
  const context = fakeContext(extensionRoot);
  await ext.activate(context);
  const t2 = process.hrtime.bigint();
  reportResult({
    loadMs: Number(t1 - t0) / 1e6,
    activateMs: Number(t2 - t1) / 1e6,
    subscriptions: context.subscriptions.length,
  });
  for (const d of context.subscriptions) d.dispose();
  // Timers the extension started (polling) must not keep the measurement alive.
  process.exit(0);
}

void main();
