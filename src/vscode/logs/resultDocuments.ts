// Read-only documents for search results (`adatrap-log` language: highlighted like a log) and Insights tables
// (Markdown). The text and its links are made once by the command and kept while the document is open; the
// DocumentLinkProvider turns each stream heading and each hit into a link to its run's log stream
// (https://code.visualstudio.com/api/references/vscode-api#DocumentLinkProvider).
import * as vscode from 'vscode';

const RESULTS_SCHEME = 'adatrap-results';

export interface ResultLink {
  line: number;
  start: number;
  end: number;
  target: vscode.Uri;
  tooltip?: string;
}

interface Result {
  text: string;
  links: ResultLink[];
}

export class ResultDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
  private readonly results = new Map<string, Result>();
  private next = 1;
  /** Results whose tab is not shown yet: a tab closing meanwhile must not forget them. */
  private readonly opening = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(RESULTS_SCHEME, this),
      vscode.languages.registerDocumentLinkProvider({ scheme: RESULTS_SCHEME }, this),
      // Forgotten when its last tab closes. Not on onDidCloseTextDocument: setTextDocumentLanguage (which open()
      // calls) fires it for the very document it retypes, and VS Code also fires it when it unloads a document
      // that is still in a tab; either would leave the tab without its links.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        if (e.closed.length) this.forgetClosed();
      }),
    ];
  }

  /** Opens a new result document (never reusing one: each search keeps its own tab) in the given language. */
  async open(title: string, extension: 'log' | 'md', text: string, links: ResultLink[] = []): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({
      scheme: RESULTS_SCHEME,
      path: `/${title.replace(/[/\\:*?"<>|]+/g, '_')}.${extension}`,
      query: `n=${this.next++}`,
    });
    const key = uri.toString();
    this.results.set(key, { text, links });
    this.opening.add(key);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const typed = await vscode.languages.setTextDocumentLanguage(
        doc,
        extension === 'md' ? 'markdown' : 'adatrap-log',
      );
      await vscode.window.showTextDocument(typed, { preview: false });
    } finally {
      this.opening.delete(key);
    }
    return uri;
  }

  /** The links of an open result (for tests). */
  linksOf(uri: vscode.Uri): readonly ResultLink[] {
    return this.results.get(uri.toString())?.links ?? [];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.results.get(uri.toString())?.text ?? '';
  }

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    return (this.results.get(doc.uri.toString())?.links ?? []).map((l) => {
      const link = new vscode.DocumentLink(new vscode.Range(l.line, l.start, l.line, l.end), l.target);
      link.tooltip = l.tooltip;
      return link;
    });
  }

  private forgetClosed(): void {
    const open = new Set<string>();
    for (const group of vscode.window.tabGroups.all)
      for (const tab of group.tabs)
        if (tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === RESULTS_SCHEME)
          open.add(tab.input.uri.toString());
    for (const key of [...this.results.keys()]) if (!open.has(key) && !this.opening.has(key)) this.results.delete(key);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.results.clear();
  }
}
