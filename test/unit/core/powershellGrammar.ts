// Parses PowerShell with tree-sitter-powershell. The grammar package is ESM-only; `new Function` keeps the
// compiled CommonJS from turning import() into require().
import type Parser from 'tree-sitter';

export interface SyntaxNodeLike {
  type: string;
  text: string;
  isMissing: boolean;
  children: SyntaxNodeLike[];
}

const dynamicImport = new Function('s', 'return import(s)') as (specifier: string) => Promise<{ default: unknown }>;

let parser: Parser | undefined;

export async function parsePowerShell(script: string): Promise<SyntaxNodeLike> {
  if (!parser) {
    const { default: ParserClass } = (await dynamicImport('tree-sitter')) as { default: typeof Parser };
    const { default: language } = await dynamicImport('tree-sitter-powershell');
    parser = new ParserClass();
    parser.setLanguage(language as Parser.Language);
  }
  return parser.parse(script).rootNode as unknown as SyntaxNodeLike;
}

/** Every ERROR or MISSING node, with its text, so a failing test shows where the script broke. */
export function syntaxProblems(root: SyntaxNodeLike): string[] {
  const out: string[] = [];
  const visit = (n: SyntaxNodeLike) => {
    if (n.type === 'ERROR' || n.isMissing)
      out.push(`${n.type}${n.isMissing ? ' (missing)' : ''}: ${n.text.slice(0, 80)}`);
    for (const c of n.children) visit(c);
  };
  visit(root);
  return out;
}

/** The tree's node types, without texts: two scripts with the same shape ran the same statements. */
export function shape(root: SyntaxNodeLike): string {
  const parts: string[] = [];
  const visit = (n: SyntaxNodeLike, depth: number) => {
    parts.push(`${depth}:${n.type}`);
    for (const c of n.children) visit(c, depth + 1);
  };
  visit(root, 0);
  return parts.join(' ');
}
