// The texts a test asserts are one catalogue's: the enclosing describe runs in that language and gives back the
// language it found, so no other file's tests depend on the order mocha loads them in.
import { getLanguage, setLanguage, type Lang } from '../../src/core/i18n';

/** Call inside a describe: its tests run in `lang`; the language before it is restored after them. */
export function inLanguage(lang: Lang): void {
  let saved: Lang;
  before(() => {
    saved = getLanguage();
    setLanguage(lang);
  });
  after(() => setLanguage(saved));
}
