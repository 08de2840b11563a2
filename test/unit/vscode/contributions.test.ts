// package.json and the code agree: every contributed command is in the registry and the other way round, every
// menu and welcome link names a registered command, and every `viewItem` clause matches a context value some
// tree node produces.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS, mergeCommandTables, type CommandId } from '../../../src/vscode/commands/commandIds';
import { allContextValues } from '../../../src/vscode/trees/contextValues';

const root = path.resolve(__dirname, '..', '..', '..', '..');

interface MenuItem {
  command: string;
  when?: string;
}
interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus: Record<string, MenuItem[]>;
    views: Record<string, { id: string }[]>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const menuItems = Object.entries(manifest.contributes.menus).flatMap(([menu, items]) =>
  items.map((item) => ({ menu, ...item })),
);

/** The `viewItem` tests of a when-clause, as predicates over a context value. */
function viewItemTests(when: string): { text: string; test: (value: string) => boolean }[] {
  const tests: { text: string; test: (value: string) => boolean }[] = [];
  for (const m of when.matchAll(/viewItem\s*=~\s*\/((?:\\.|[^/\\])+)\/([imsu]*)/g)) {
    const re = new RegExp(m[1], m[2]);
    tests.push({ text: m[0], test: (v) => re.test(v) });
  }
  for (const m of when.matchAll(/viewItem\s*(==|!=)\s*'?([\w.-]+)'?/g)) {
    const [, op, expected] = m;
    tests.push({ text: m[0], test: (v) => (op === '==' ? v === expected : v !== expected) });
  }
  return tests;
}

describe('package.json contributions', () => {
  it('contributes exactly the commands of the registry', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.deepEqual(new Set(contributed).size, contributed.length, 'a command is contributed twice');
    assert.deepEqual([...contributed].sort(), [...COMMAND_IDS].sort());
  });

  it('menus name registered commands only', () => {
    const unknown = menuItems.filter((item) => !(COMMAND_IDS as readonly string[]).includes(item.command));
    assert.deepEqual(unknown, []);
  });

  it('welcome and tooltip links run registered commands only', () => {
    for (const file of ['package.nls.json', 'package.nls.es.json']) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const linked = [...text.matchAll(/command:(adatrap\.[\w.]+)/g)].map((m) => m[1]);
      assert.ok(linked.length > 0, `${file} links no command: the check would be vacuous`);
      for (const id of linked) assert.ok((COMMAND_IDS as readonly string[]).includes(id), `${file}: ${id}`);
    }
  });

  it('every viewItem clause matches a context value some node produces', () => {
    const values = allContextValues();
    const clauses = menuItems.flatMap((item) => viewItemTests(item.when ?? '').map((t) => ({ item, ...t })));
    assert.ok(clauses.length >= 10, `only ${clauses.length} viewItem clauses found: the parser missed some`);
    const dead = clauses.filter((c) => !values.some(c.test)).map((c) => `${c.item.command}: ${c.text}`);
    assert.deepEqual(dead, []);
  });

  it('every view a clause names is contributed', () => {
    const views = Object.values(manifest.contributes.views).flatMap((list) => list.map((v) => v.id));
    const named = menuItems.flatMap((item) =>
      [...(item.when ?? '').matchAll(/\bview\s*==\s*([\w.]+)/g)].map((m) => m[1]),
    );
    assert.ok(named.length > 0);
    for (const view of named) assert.ok(views.includes(view), view);
  });
});

describe('command registry', () => {
  const all = Object.fromEntries(COMMAND_IDS.map((id) => [id, id])) as Record<CommandId, string>;

  it('merges the modules into one handler per id', () => {
    const [first, ...rest] = COMMAND_IDS;
    const merged = mergeCommandTables([{ [first]: 'a' }, Object.fromEntries(rest.map((id) => [id, 'b']))]);
    assert.equal(merged[first], 'a');
    assert.deepEqual(Object.keys(merged).sort(), [...COMMAND_IDS].sort());
  });

  it('refuses an id registered twice, naming it', () => {
    assert.throws(
      () => mergeCommandTables([all, { 'adatrap.refresh': 'again' }]),
      /registered twice: adatrap\.refresh/,
    );
  });

  it('refuses a registry with an id no module handles, naming it', () => {
    const { 'adatrap.stopTail': _dropped, ...partial } = all;
    assert.throws(() => mergeCommandTables([partial]), /no handler: adatrap\.stopTail/);
  });

  it('refuses a handler for an id outside COMMANDS', () => {
    const stray = { ...all, 'adatrap.nope': 'x' } as Record<CommandId, string>;
    assert.throws(() => mergeCommandTables([stray]), /not in COMMANDS: adatrap\.nope/);
  });
});
