// The core's own catalogue areas: both languages complete, keys in their area, and actually translated.
import * as assert from 'node:assert/strict';
import { catalogKeys, tIn, type MessageKey } from '../../../src/core/i18n';
import * as config from '../../../src/core/i18n/catalog/config';
import * as dates from '../../../src/core/i18n/catalog/dates';
import * as inputs from '../../../src/core/i18n/catalog/inputs';
import * as par from '../../../src/core/i18n/catalog/par';
import * as machine from '../../../src/core/i18n/catalog/machine';

const AREAS: Record<string, { en: Record<string, string>; es: Record<string, string> }> = {
  config,
  dates,
  inputs,
  par,
  machine,
};
// Texts that are the same word in both languages.
const SAME_IN_BOTH = new Set(['inputs.kind.gps']);

describe('core catalogue areas (config, dates, inputs, par)', () => {
  for (const [area, catalog] of Object.entries(AREAS)) {
    it(`${area}: same keys in English and Spanish, all named ${area}.*, none empty or left untranslated`, () => {
      assert.deepEqual(Object.keys(catalog.es).sort(), Object.keys(catalog.en).sort());
      for (const key of Object.keys(catalog.en)) {
        assert.ok(key.startsWith(`${area}.`), key);
        assert.notEqual(catalog.en[key].trim(), '', `${key} (en)`);
        assert.notEqual(catalog.es[key].trim(), '', `${key} (es)`);
        if (!SAME_IN_BOTH.has(key)) assert.notEqual(catalog.es[key], catalog.en[key], `${key} is not translated`);
      }
    });

    it(`${area}: registered in the shared catalogue`, () => {
      const { en, es } = catalogKeys();
      for (const key of Object.keys(catalog.en)) {
        assert.ok(en.includes(key) && es.includes(key), key);
        assert.equal(tIn('es', key as MessageKey), catalog.es[key]);
      }
    });
  }
});
