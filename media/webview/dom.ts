// The one DOM helper of the webviews. Building DOM without innerHTML: every text goes in as a text node, so nothing from a `.env` can become markup.
import { format } from '../../src/vscode/webview/protocol';

type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

export function button(
  text: string,
  kind: 'primary' | 'secondary' | 'link' | undefined,
  onClick: () => void,
  id?: string,
): HTMLButtonElement {
  const b = h('button', { type: 'button', class: kind, id }, text);
  b.addEventListener('click', onClick);
  return b;
}

export function plural(count: number, none: string, one: string, many: string): string {
  return count === 0 ? none : count === 1 ? one : format(many, { count });
}
