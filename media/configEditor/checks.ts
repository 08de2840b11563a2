// The two checklists under the form: Test connection and Check inputs for a date. Each runs a request on the
// host, shows "Checking…" while it waits, then one row per check, green or red, each red row saying what to fix.
import {
  ApplyFix,
  CheckInputs,
  TestConnection,
  type CheckItem,
  type ConnectionReport,
  type InputsReport,
  type WebviewStrings,
} from '../../src/vscode/configEditor/protocol';
import { format } from '../../src/vscode/webview/protocol';
import { button, h, plural } from '../webview/dom';
import type { FormHostLink as HostLink } from './hostLink';

const STATUS_GLYPH: Record<CheckItem['status'], string> = { ok: '✓', fail: '✕', warn: '!', skipped: '–' };

/** A run button, a status line and a list, kept together so a check and its fixes update the same place. */
class Checklist {
  readonly status: HTMLElement;
  readonly list: HTMLElement;
  readonly run: HTMLButtonElement;

  constructor(
    private readonly s: WebviewStrings,
    name: string,
    runLabel: string,
    private readonly runningText: string,
    onRun: () => void,
  ) {
    this.status = h('p', { class: 'check-status', id: `${name}-status`, role: 'status' });
    this.list = h('ul', { class: 'checklist', id: `${name}-results` });
    this.run = button(runLabel, 'primary', onRun, `${name}-button`);
  }

  async perform<R>(ask: () => Promise<R>, show: (r: R) => void): Promise<void> {
    this.run.disabled = true;
    this.list.setAttribute('aria-busy', 'true');
    this.setStatus('running', this.runningText);
    try {
      show(await ask());
    } catch (e) {
      this.setStatus(
        'has-problems',
        format(this.s.requestFailed, { message: e instanceof Error ? e.message : String(e) }),
      );
      this.list.replaceChildren();
    } finally {
      this.run.disabled = false;
      this.list.removeAttribute('aria-busy');
    }
  }

  setStatus(kind: 'ok' | 'has-problems' | 'running', text: string): void {
    this.status.className = `check-status ${kind}`;
    this.status.textContent = text;
  }

  showItems(items: readonly CheckItem[], fixButton: (item: CheckItem) => HTMLButtonElement | undefined): void {
    this.list.replaceChildren(...items.map((item) => this.row(item, fixButton(item))));
  }

  private row(item: CheckItem, fix: HTMLButtonElement | undefined): HTMLElement {
    const s = this.s;
    const statusName = { ok: s.statusOk, fail: s.statusFail, warn: s.statusWarn, skipped: s.statusSkipped }[
      item.status
    ];
    return h(
      'li',
      { class: `check ${item.status}`, 'data-check': item.id },
      h('span', { class: 'check-icon', 'aria-hidden': 'true' }, STATUS_GLYPH[item.status]),
      h(
        'div',
        { class: 'check-body' },
        h('span', { class: 'check-title' }, h('span', { class: 'visually-hidden' }, `${statusName}: `), item.title),
        item.detail && h('span', { class: 'check-detail' }, item.detail),
      ),
      fix,
    );
  }
}

/** Called before a check runs, so edits still waiting for the typing pause reach the document first. */
type BeforeCheck = () => void;

export function connectionSection(s: WebviewStrings, host: HostLink, beforeCheck: BeforeCheck): HTMLElement {
  const checklist: Checklist = new Checklist(s, 'test-connection', s.testButton, s.testRunning, () => {
    beforeCheck();
    void checklist.perform(() => host.request(TestConnection, {}), show);
  });
  const show = (r: ConnectionReport) => {
    host.remember({ connection: r });
    const failed = r.items.filter((i) => i.status === 'fail').length;
    checklist.setStatus(
      failed === 0 ? 'ok' : 'has-problems',
      plural(failed, s.testAllGood, s.testOneFailed, s.testSomeFailed),
    );
    checklist.showItems(r.items, (item) => {
      const fix = item.fix;
      if (!fix) return undefined;
      const label = fix === 'createLogGroup' ? s.fixCreateLogGroup : s.fixCreateLogStream;
      return button(
        label,
        'secondary',
        () => void checklist.perform(() => host.request(ApplyFix, { fix }), show),
        `fix-${fix}`,
      );
    });
  };
  const last = host.remembered.connection;
  if (last) show(last);
  return h(
    'section',
    { id: 'test-connection', class: 'group checks', 'aria-labelledby': 'test-connection-title' },
    h('h2', { id: 'test-connection-title' }, s.testTitle),
    h('p', { class: 'group-description' }, s.testHelp),
    h('div', { class: 'check-actions' }, checklist.run),
    checklist.status,
    checklist.list,
  );
}

export function inputsSection(s: WebviewStrings, host: HostLink, beforeCheck: BeforeCheck): HTMLElement {
  const dateInput = h('input', {
    type: 'text',
    id: 'inputs-date',
    placeholder: 'YYYY-MM-DD',
    inputmode: 'numeric',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'inputs-help',
  });
  dateInput.value = host.remembered.date ?? '';
  const checklist: Checklist = new Checklist(s, 'check-inputs', s.inputsButton, s.inputsRunning, () => {
    const date = dateInput.value.trim();
    host.remember({ date });
    beforeCheck();
    void checklist.perform(() => host.request(CheckInputs, { date }), show);
  });
  const show = (r: InputsReport) => {
    host.remember({ inputs: r });
    checklist.setStatus(
      r.ready ? 'ok' : 'has-problems',
      format(r.ready ? s.inputsReady : s.inputsNotReady, { date: r.date }),
    );
    checklist.showItems(r.items, () => undefined);
  };
  dateInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') checklist.run.click();
  });
  const last = host.remembered.inputs;
  if (last) show(last);
  return h(
    'section',
    { id: 'check-inputs', class: 'group checks', 'aria-labelledby': 'check-inputs-title' },
    h('h2', { id: 'check-inputs-title' }, s.inputsTitle),
    h('p', { class: 'group-description', id: 'inputs-help' }, s.inputsHelp),
    h(
      'div',
      { class: 'check-actions' },
      h('label', { for: 'inputs-date', class: 'sub-label' }, s.inputsDateLabel),
      dateInput,
      checklist.run,
    ),
    checklist.status,
    checklist.list,
  );
}
