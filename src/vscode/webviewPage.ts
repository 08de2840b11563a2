// The page of every webview of ours (configuration editor, run calendar): one security policy, one shape.
// Pure (no vscode import) so the policy is unit-tested.
import { randomBytes } from 'node:crypto';

interface WebviewPage {
  /** `webview.cspSource`: the only origin styles and scripts may come from. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly lang: string;
  readonly title: string;
  readonly nonce?: string;
}

export function newNonce(): string {
  return randomBytes(18)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

/** Content-Security-Policy: nothing by default; styles from the extension; scripts only with this page's nonce. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function webviewHtml(page: WebviewPage): string {
  const nonce = page.nonce ?? newNonce();
  // The body stays empty until the host has sent its strings and state: every word the user reads comes from it.
  return `<!DOCTYPE html>
<html lang="${escapeAttr(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(page.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(page.styleUri)}">
<title>${escapeText(page.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${escapeAttr(page.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
