// Access to the running extension from extension-host suites: its exported services (activate() returns them).
import * as vscode from 'vscode';
import type { AdatrapServices } from '../../../src/vscode/services';
import type { TreeNode } from '../../../src/vscode/trees/treeNode';

const EXTENSION_ID = 'adatrap.adatrap-miner';

export async function extensionServices(): Promise<AdatrapServices> {
  const extension = vscode.extensions.getExtension<AdatrapServices>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export interface RenderedNode {
  node: TreeNode;
  label: string;
  description: string;
  contextValue: string;
}

function render(node: TreeNode): RenderedNode {
  const item = node.getTreeItem();
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return {
    node,
    label,
    description: typeof item.description === 'string' ? item.description : '',
    contextValue: item.contextValue ?? '',
  };
}

export async function children(provider: vscode.TreeDataProvider<TreeNode>, node?: TreeNode): Promise<RenderedNode[]> {
  return ((await provider.getChildren(node)) ?? []).map(render);
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
