// The views the ADATRAP activity-bar container shows, by their English names, read from package.json and
// package.nls.json: `npm start` names them in its hint, which then stays true when a view is added.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @returns {string[]} the names of the views of the `adatrap` container, in the order VS Code shows them */
export function activityBarViews(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
  return pkg.contributes.views.adatrap.map((view) => {
    const key = /^%(.+)%$/.exec(view.name)?.[1];
    return key ? (nls[key] ?? view.name) : view.name;
  });
}

/** "Runs, Data, Logs and Batches". */
export function viewList(names) {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
}
