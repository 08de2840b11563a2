import * as assert from 'node:assert/strict';
import { getLanguage, setLanguage } from '../../../src/core/i18n';
import { monthTitle } from '../../../src/vscode/calendar/monthView';

describe('calendar month title', () => {
  const before = getLanguage();
  after(() => setLanguage(before));

  it('capitalizes only the first word in Spanish', () => {
    setLanguage('es');
    assert.equal(monthTitle('2026-11'), 'Noviembre de 2026');
  });

  it('reads as an English heading in English', () => {
    setLanguage('en');
    assert.equal(monthTitle('2020-06'), 'June 2020');
  });
});
