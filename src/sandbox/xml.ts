// Tiny XML writer for the AWS wire formats the sandbox speaks; element names come from code, text from callers.
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

type XmlValue = string | number | boolean | undefined | XmlNode | XmlNode[];
export interface XmlNode {
  [name: string]: XmlValue;
}

/** Renders `{ a: '1', b: [{ c: 'x' }] }` as `<a>1</a><b><c>x</c></b>`; undefined members are omitted. */
export function toXml(node: XmlNode): string {
  let out = '';
  for (const [name, value] of Object.entries(node)) {
    if (value === undefined) continue;
    out += `<${name}>${valueToXml(value)}</${name}>`;
  }
  return out;
}

function valueToXml(value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map(toXml).join('');
  if (typeof value === 'object') return toXml(value);
  return escapeXml(String(value));
}

/** A list the EC2 way: each element wrapped in `<item>`. */
export function items(list: XmlNode[]): XmlNode[] {
  return list.map((item) => ({ item }));
}

export function xmlDocument(root: string, body: string, xmlns?: string): string {
  const ns = xmlns ? ` xmlns="${xmlns}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${body}</${root}>`;
}

/** Text of every `<tag>` element in order; enough for the few small XML bodies clients send (multipart, delete). */
export function elementTexts(xml: string, tag: string): string[] {
  const re = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g');
  const out: string[] = [];
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(unescapeXml(m[1] ?? ''));
  return out;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}
