// `npm start` names the views of the ADATRAP activity-bar container in its hint: all of them, as VS Code shows them.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '..', '..', '..', '..');
// The script is ESM; `new Function` keeps the compiled CommonJS from turning import() into require().
const dynamicImport = new Function('s', 'return import(s)') as (specifier: string) => Promise<unknown>;

interface ViewsModule {
  activityBarViews(root: string): string[];
  viewList(names: readonly string[]): string;
}

describe('npm start: the hint naming the ADATRAP views', () => {
  let views: ViewsModule;

  before(async () => {
    views = (await dynamicImport(
      pathToFileURL(path.join(root, 'scripts', 'activityBarViews.mjs')).href,
    )) as ViewsModule;
  });

  it('names every view package.json contributes to the ADATRAP container, in its order and English name', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { views: Record<string, { id: string }[]> };
    };
    assert.deepEqual(
      pkg.contributes.views.adatrap?.map((v) => v.id),
      ['adatrap.runs', 'adatrap.data', 'adatrap.logs', 'adatrap.batches'],
    );
    assert.deepEqual(views.activityBarViews(root), ['Runs', 'Data', 'Logs', 'Batches']);
  });

  it('joins the names as a sentence', () => {
    assert.equal(views.viewList(['Runs', 'Data', 'Logs', 'Batches']), 'Runs, Data, Logs and Batches');
    assert.equal(views.viewList(['Runs']), 'Runs');
  });

  it('is what start.mjs prints, not a list of its own', () => {
    const start = readFileSync(path.join(root, 'scripts', 'start.mjs'), 'utf8');
    assert.match(start, /activity bar shows \$\{viewList\(activityBarViews\(root\)\)\}\./);
  });
});
