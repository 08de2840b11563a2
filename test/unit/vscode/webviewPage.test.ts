// The webview page's security policy (configuration editor and run calendar).
import * as assert from 'node:assert/strict';
import { webviewHtml as configEditorHtml, contentSecurityPolicy, newNonce } from '../../../src/vscode/webviewPage';

const page = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/configEditor/main.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/configEditor/main.css',
  lang: 'es',
  title: 'Configuración de ADATRAP',
};

describe('webview page', () => {
  it('denies everything by default and allows scripts only with its nonce', () => {
    const html = configEditorHtml({ ...page, nonce: 'abc123' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.match(csp, new RegExp(`style-src ${page.cspSource.replace(/[.+]/g, '\\$&')}(;|$)`));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /nonce="abc123"/);
    assert.match(scripts[0], /src="https:\/\/file\+\.vscode-resource/);
  });

  it('has no inline handlers, inline styles or inline script code', () => {
    const html = configEditorHtml(page);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /<style|style="/);
    assert.match(html, /<script [^>]*><\/script>/);
    assert.match(html, /<html lang="es">/);
  });

  it('uses a fresh unguessable nonce for each page', () => {
    const a = newNonce();
    const b = newNonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9]{16,}$/);
    assert.match(contentSecurityPolicy('x', a), new RegExp(`'nonce-${a}'`));
  });
});
