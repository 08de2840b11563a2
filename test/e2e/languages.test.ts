// Issue 8: the same user-facing failure in Spanish and in English, from the CLI and from the extension in a
// real VS Code whose display language is Spanish (through a test language pack, see harness/languagePack.ts).
import * as assert from 'node:assert/strict';
import { runCli, type CliResult } from '../helpers/cli';
import { startHarness, Harness, REPO_ROOT } from './harness';

function cli(args: string[], lang: string): Promise<CliResult> {
  return runCli(REPO_ROOT, args, { ADATRAP_LANG: lang });
}

describe('languages: Spanish and English', function () {
  this.timeout(300_000);

  describe('the command line', () => {
    it('says a date is not a calendar date in Spanish and in English, exit 2', async () => {
      const es = await cli(['check-inputs', '2021-02-30'], 'es');
      const en = await cli(['check-inputs', '2021-02-30'], 'en');
      assert.equal(es.code, 2);
      assert.equal(en.code, 2);
      assert.match(es.stderr, /2021-02-30 no es una fecha del calendario/);
      assert.match(en.stderr, /2021-02-30 is not a calendar date/);
      assert.notEqual(es.stderr, en.stderr);
    });

    it('shows its help in Spanish, headings included, and in English', async () => {
      const es = await cli(['check-inputs', '--help'], 'es');
      const en = await cli(['check-inputs', '--help'], 'en');
      assert.match(es.stdout, /^Uso: adatrap-miner check-inputs/m);
      assert.match(es.stdout, /^Opciones:/m);
      assert.match(es.stdout, /mostrar la ayuda del comando/);
      assert.doesNotMatch(es.stdout, /^(Usage|Options):/m);
      assert.match(en.stdout, /^Usage: adatrap-miner check-inputs/m);
      assert.match(en.stdout, /display help for command/);
    });
  });

  for (const lang of ['es', 'en'] as const) {
    describe(`the extension in a VS Code displayed in ${lang === 'es' ? 'Spanish' : 'English'}`, () => {
      let h: Harness;
      const text = {
        es: {
          runs: /EJECUCIONES/,
          data: /DATOS/,
          check: 'ADATRAP: Revisar entradas para fecha(s)',
          notReady: /1 de 1 fecha\(s\) no están listas.*2020-07-02\.trx\.gz/s,
          calendar: 'ADATRAP: Abrir calendario de ejecuciones',
        },
        en: {
          runs: /RUNS/,
          data: /DATA/,
          check: 'ADATRAP: Check Inputs for Date(s)',
          notReady: /1 of 1 date\(s\) are not ready.*2020-07-02\.trx\.gz/s,
          calendar: 'ADATRAP: Open Run Calendar',
        },
      }[lang];

      before(async () => {
        h = await startHarness({ name: `languages-${lang}`, locale: lang });
      });
      after(async () => {
        await h?.close();
      });

      it('names the views in the display language', async () => {
        await h.openView('ADATRAP');
        const sidebar = await h.page.locator('.sidebar').innerText();
        assert.match(sidebar, text.runs);
        assert.match(sidebar, text.data);
        await h.screenshot('views');
      });

      it('reports a date with missing inputs in the display language', async () => {
        await h.runCommand(text.check);
        await h.answerQuickInput('2020-07-02');
        await h.waitForNotification(text.notReady, 60_000);
        await h.screenshot('check-inputs-notification');
      });

      it('opens the run calendar in the display language', async () => {
        await h.runCommand(text.calendar);
        const frame = h.page.frameLocator('iframe.webview').frameLocator('iframe');
        const heading = frame.locator('h1, h2').first();
        await heading.waitFor({ timeout: 60_000 });
        const month = await heading.innerText();
        // The calendar opens on the current month: its heading names it in the display language.
        assert.match(month, lang === 'es' ? /^[A-ZÁÉÍÓÚ][a-záéíóú]+ de \d{4}$/ : /^[A-Z][a-z]+ \d{4}$/);
        if (lang === 'es')
          assert.doesNotMatch(
            month,
            /January|February|March|April|May|June|July|August|September|October|November|December/,
          );
        await h.screenshot('calendar');
      });
    });
  }
});
