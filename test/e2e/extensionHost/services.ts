// Access to the running extension from extension-host suites: its exported services (activate() returns them).
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { EnvFile } from '../../../src/core/envFile';
import { sandboxControlFromEnv } from '../../../src/sandbox/control';
import { batchesOf } from '../../../src/vscode/batchesModel';
import type { AdatrapServices } from '../../../src/vscode/services';
import type { TreeNode } from '../../../src/vscode/trees/treeNode';

const EXTENSION_ID = 'adatrap.adatrap-miner';

export async function extensionServices(): Promise<AdatrapServices> {
  const extension = vscode.extensions.getExtension<AdatrapServices>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  return extension.activate();
}

/** The extension's services and the workspace `.env` as a suite found it, to give back in its `after`. */
export interface SuiteWorkspace {
  services: AdatrapServices;
  envPath: string;
  original: string;
}

/**
 * For a suite that changes the workspace `.env` or adds sandbox faults: the services, with the `.env` text as it
 * was (after `firstLine`, when given, is put in front of it) and the configuration reloaded from it.
 */
export async function openSuiteWorkspace(firstLine?: string): Promise<SuiteWorkspace> {
  const services = await extensionServices();
  const uri = services.config.envUri;
  assert.ok(uri, 'no workspace .env');
  const envPath = uri.fsPath;
  const original = readFileSync(envPath, 'utf8');
  if (firstLine !== undefined) writeFileSync(envPath, `${firstLine}\n${original}`);
  await services.config.reload();
  return { services, envPath, original };
}

/**
 * Leaves the account and the workspace as the suite found them, so the suites after it (run in name order) do
 * not see its batch, its faults or its `.env`: stops the batch it started (if any), clears the sandbox's faults,
 * writes the original `.env` back and reloads the configuration.
 */
export async function restoreSuiteWorkspace(workspace: SuiteWorkspace, executionArn: string): Promise<void> {
  const { services, envPath, original } = workspace;
  if (executionArn)
    await batchesOf(services.config.aws())
      .stop(executionArn)
      .catch(() => undefined);
  await sandboxControlFromEnv(EnvFile.parse(original).values()).clearFaults();
  writeFileSync(envPath, original);
  await services.config.reload();
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
