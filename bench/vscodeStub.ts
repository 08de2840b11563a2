// A stand-in `vscode` module for measuring the extension's own work outside VS Code. The classes whose
// behaviour the code relies on (events, tree items, URIs, l10n) are real enough; every other API is a
// permissive proxy that accepts any call, so the measured time is ours and not the stub's.
import { readFile } from 'node:fs/promises';
import Module from 'node:module';
import * as path from 'node:path';

type Listener<T> = (e: T) => unknown;

function disposable(): { dispose(): void } {
  return { dispose: () => undefined };
}

/** Any property, any call, any `new`: returns another such value. Never thenable, so `await` passes. */
function anything(): unknown {
  const target = function (): void {
    // callable target for apply/construct traps
  };
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      if (prop === 'dispose') return () => undefined;
      return anything();
    },
    apply: () => anything(),
    construct: () => anything() as object,
    set: () => true,
  });
}

class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    readonly query = '',
  ) {}
  get fsPath(): string {
    return this.path;
  }
  static file(p: string): Uri {
    return new Uri('file', path.resolve(p));
  }
  static parse(text: string): Uri {
    const u = new URL(text);
    return new Uri(u.protocol.replace(/:$/, ''), decodeURIComponent(u.pathname), u.search.replace(/^\?/, ''));
  }
  static from(parts: { scheme: string; path?: string; query?: string }): Uri {
    return new Uri(parts.scheme, parts.path ?? '/', parts.query ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, path.posix.join(base.path, ...segments), base.query);
  }
  with(change: { scheme?: string; path?: string; query?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path, change.query ?? this.query);
  }
  toString(): string {
    return `${this.scheme}://${this.path}${this.query ? `?${this.query}` : ''}`;
  }
}

class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  accessibilityInformation?: unknown;
  constructor(
    readonly label: unknown,
    readonly collapsibleState = 0,
  ) {}
}

class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class MarkdownString {
  supportThemeIcons = false;
  isTrusted = false;
  constructor(public value = '') {}
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
  appendText(text: string): this {
    this.value += text;
    return this;
  }
}

class Disposable {
  constructor(private readonly onDispose: () => void = () => undefined) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

class RelativePattern {
  constructor(
    readonly base: unknown,
    readonly pattern: string,
  ) {}
}

/** `vscode.l10n.t('Log stream {0} of group {1}', a, b)` with the English text, as VS Code does without a bundle. */
function l10nT(message: string | { message: string }, ...args: unknown[]): string {
  const text = typeof message === 'string' ? message : message.message;
  return text.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));
}

function treeView(): unknown {
  const visibility = new EventEmitter<{ visible: boolean }>();
  return {
    visible: false,
    message: undefined,
    onDidChangeVisibility: visibility.event,
    dispose: () => visibility.dispose(),
    reveal: async () => undefined,
  };
}

/** The module object `require('vscode')` returns; `workspaceRoot` is the folder holding the workspace's `.env`. */
export function createVscodeStub(workspaceRoot: string | undefined): Record<string, unknown> {
  const permissive = (known: Record<string, unknown>): unknown =>
    new Proxy(known, {
      get: (t, prop) =>
        prop in t ? t[prop as string] : typeof prop === 'symbol' || prop === 'then' ? undefined : anything(),
    });
  const workspace = permissive({
    workspaceFolders: workspaceRoot
      ? [{ uri: Uri.file(workspaceRoot), name: path.basename(workspaceRoot), index: 0 }]
      : undefined,
    fs: permissive({ readFile: async (uri: Uri) => new Uint8Array(await readFile(uri.fsPath)) }),
    createFileSystemWatcher: () =>
      permissive({ onDidCreate: disposable, onDidChange: disposable, onDidDelete: disposable }),
    onDidChangeWorkspaceFolders: disposable,
    onDidChangeTextDocument: disposable,
    onDidCloseTextDocument: disposable,
    onDidChangeConfiguration: disposable,
  });
  const window = permissive({
    createTreeView: treeView,
    createOutputChannel: () => anything(),
    createStatusBarItem: () => anything(),
    activeTextEditor: undefined,
    visibleTextEditors: [],
  });
  return permissive({
    EventEmitter,
    Uri,
    TreeItem,
    ThemeIcon,
    ThemeColor,
    MarkdownString,
    Disposable,
    RelativePattern,
    CancellationError: class CancellationError extends Error {},
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    TextEditorRevealType: { Default: 0, InCenter: 1 },
    l10n: { t: l10nT },
    env: permissive({ language: 'en' }),
    window,
    workspace,
    commands: permissive({ executeCommand: async () => undefined, registerCommand: () => disposable() }),
  }) as Record<string, unknown>;
}

interface ModuleWithLoad {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/** Makes `require('vscode')` return the stub from now on in this process. */
export function installVscodeStub(stub: Record<string, unknown>): void {
  const mod = Module as unknown as ModuleWithLoad;
  const original = mod._load.bind(Module);
  mod._load = (request, parent, isMain) => (request === 'vscode' ? stub : original(request, parent, isMain));
}

/** An ExtensionContext with the fields activation touches; anything else is permissive. */
export function fakeContext(
  extensionRoot: string,
): { subscriptions: Array<{ dispose(): unknown }> } & Record<string, unknown> {
  const known: Record<string, unknown> = {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    extensionUri: Uri.file(extensionRoot),
    extensionPath: extensionRoot,
    globalStorageUri: Uri.file(path.join(extensionRoot, '.cache', 'bench', 'globalStorage')),
    storageUri: undefined,
  };
  return new Proxy(known, {
    get: (t, prop) =>
      prop in t ? t[prop as string] : typeof prop === 'symbol' || prop === 'then' ? undefined : anything(),
  }) as { subscriptions: Array<{ dispose(): unknown }> } & Record<string, unknown>;
}
