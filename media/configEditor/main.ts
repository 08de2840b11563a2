// The configuration editor's page: renders the host's EditorState as a settings form and reports edits back.
// It never holds the document: the host owns the text, and every change comes back as a new state.
import {
  ApplyFix,
  CheckInputs,
  ClearSecret,
  OpenAsText,
  Ready,
  ReplaceSecret,
  SetAuthMode,
  SetValue,
  State,
  Strings,
  TestConnection,
  PendingRequests,
  format,
  isIpcMessage,
  type CheckItem,
  type ConnectionReport,
  type EditorState,
  type FieldView,
  type GroupView,
  type InputsReport,
  type IpcCommand,
  type IpcMessage,
  type IpcRequest,
  type WebviewStrings,
} from '../../src/vscode/configEditor/protocol';

interface VsCodeApi {
  postMessage(message: IpcMessage): void;
  getState(): unknown;
  setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Survives the webview being hidden and shown again (the reports are not in the document). */
interface PersistedState {
  connection?: ConnectionReport;
  inputs?: InputsReport;
  date?: string;
}

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let strings: WebviewStrings | undefined;
let state: EditorState | undefined;
let renderedShape = '';
let persisted: PersistedState = (vscode.getState() as PersistedState | undefined) ?? {};
const requests = new PendingRequests((m) => vscode.postMessage(m));
/** Keys the user has typed into but whose edit has not reached the host yet: their inputs are not overwritten. */
const pendingEdits = new Map<string, number>();
const EDIT_DELAY_MS = 250;

// --------------------------------------------------------------------------------------------- messaging

function send<P>(command: IpcCommand<P>, params: P): void {
  vscode.postMessage(command.message(requests.newId(), params));
}

function request<P, R>(req: IpcRequest<P, R>, params: P): Promise<R> {
  return requests.send(req, params);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isIpcMessage(message)) return;
  if (requests.settle(message)) return;
  if (Strings.is(message)) {
    strings = message.params;
    render();
  } else if (State.is(message)) {
    state = message.params;
    render();
  }
});

// --------------------------------------------------------------------------------------------- DOM helpers

type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

function fieldId(key: string): string {
  return `field-${key}`;
}

// --------------------------------------------------------------------------------------------- rendering

/** The structure changes only with the set of fields, the auth mode or the profile list; values are patched. */
function shapeOf(s: EditorState): string {
  return JSON.stringify([s.authMode, s.profiles, s.otherKeys, s.groups.map((g) => g.fields.map((f) => [f.key, f.kind, f.isSet]))]);
}

function render(): void {
  if (!strings || !state) return;
  const shape = shapeOf(state);
  if (shape !== renderedShape) {
    const focusedId = document.activeElement?.id;
    const scrolled = window.scrollY;
    app.replaceChildren(...page(strings, state));
    window.scrollTo(0, scrolled);
    app.removeAttribute('aria-busy');
    renderedShape = shape;
    if (focusedId) document.getElementById(focusedId)?.focus();
  }
  patch(strings, state);
}

function page(s: WebviewStrings, st: EditorState): Node[] {
  const header = h(
    'header',
    { class: 'page-header' },
    h('div', { class: 'title-row' }, h('h1', {}, s.title), h('span', { class: 'file-name' }, st.fileName)),
    h(
      'div',
      { class: 'header-actions' },
      h('p', { id: 'summary', class: 'summary', role: 'status' }),
      headerTestButton(s),
      button(s.openAsText, 'secondary', () => send(OpenAsText, {})),
    ),
  );
  const toc = h(
    'nav',
    { class: 'toc', 'aria-label': s.onThisPage },
    h(
      'ul',
      {},
      ...st.groups.map((g) => h('li', {}, h('a', { href: `#group-${g.id}`, 'data-group': g.id }, g.title, h('span', { class: 'toc-count' })))),
      h('li', {}, h('a', { href: '#test-connection' }, s.testTitle)),
      h('li', {}, h('a', { href: '#check-inputs' }, s.inputsTitle)),
    ),
  );
  const content = h(
    'div',
    { class: 'content' },
    ...st.groups.map((g) => groupSection(s, st, g)),
    st.otherKeys.length > 0 && h('p', { class: 'other-keys' }, s.otherKeys, ' ', ...st.otherKeys.flatMap((k, i) => [i ? ', ' : '', h('code', {}, k)])),
    connectionSection(s),
    inputsSection(s),
  );
  return [header, h('div', { class: 'layout' }, toc, content)];
}

/** The check a new user looks for first, reachable without scrolling: it runs the checklist below and shows it. */
function headerTestButton(s: WebviewStrings): HTMLButtonElement {
  const b = button(s.testButton, 'secondary', () => {
    const run = document.getElementById('test-connection-button');
    document.getElementById('test-connection')?.scrollIntoView({ block: 'start' });
    run?.click();
    run?.focus();
  });
  b.id = 'header-test-connection';
  return b;
}

function groupSection(s: WebviewStrings, st: EditorState, group: GroupView): HTMLElement {
  return h(
    'section',
    { id: `group-${group.id}`, class: 'group', 'aria-labelledby': `group-${group.id}-title` },
    h('h2', { id: `group-${group.id}-title` }, group.title),
    group.description && h('p', { class: 'group-description' }, group.description),
    group.id === 'credentials' && authModeChooser(s, st),
    ...group.fields.map((f) => setting(s, st, f)),
  );
}

function authModeChooser(s: WebviewStrings, st: EditorState): HTMLElement {
  const radio = (mode: 'keys' | 'profile', label: string) => {
    const input = h('input', { type: 'radio', name: 'auth-mode', id: `auth-${mode}`, value: mode, checked: st.authMode === mode });
    input.addEventListener('change', () => send(SetAuthMode, { mode }));
    return h('div', { class: 'radio' }, input, h('label', { for: `auth-${mode}` }, label));
  };
  return h(
    'fieldset',
    { class: 'setting auth-mode', 'aria-describedby': 'auth-help' },
    h('legend', { class: 'setting-label' }, s.authLegend),
    h('p', { class: 'help', id: 'auth-help' }, s.authProfileHelp),
    h('div', { class: 'radios' }, radio('keys', s.authKeys), radio('profile', s.authProfile)),
  );
}

function setting(s: WebviewStrings, st: EditorState, f: FieldView): HTMLElement {
  const helpId = `help-${f.key}`;
  const errorId = `error-${f.key}`;
  const describedBy = `${helpId} ${errorId}`;
  const label = h(
    'label',
    { class: 'setting-label', for: f.kind === 'secret' ? undefined : fieldId(f.key), id: `label-${f.key}` },
    h('span', { class: 'label-text' }, f.label),
    h('code', { class: 'key' }, f.key),
    !f.required && h('span', { class: 'badge' }, s.optional),
  );
  const control = f.kind === 'secret' ? secretControl(s, f, describedBy) : valueControl(s, st, f, describedBy);
  return h(
    'div',
    { class: 'setting', 'data-key': f.key },
    label,
    h('p', { class: 'help', id: helpId }, f.help),
    control,
    h('p', { class: 'overridden', id: `env-${f.key}`, hidden: true }, s.overridden),
    h('p', { class: 'error', id: errorId, 'aria-live': 'polite' }),
  );
}

function valueControl(s: WebviewStrings, st: EditorState, f: FieldView, describedBy: string): HTMLElement {
  if (f.kind === 'region') {
    const select = h(
      'select',
      { id: fieldId(f.key), 'aria-describedby': describedBy, 'data-key': f.key },
      h('option', { value: '' }, s.chooseRegion),
      ...st.regions.map((r) => h('option', { value: r.code }, `${r.code} — ${r.name}`)),
    );
    select.addEventListener('change', () => send(SetValue, { key: f.key, value: select.value }));
    return select;
  }
  if (f.kind === 'profile' && st.profiles.length > 0) {
    const select = h(
      'select',
      { id: fieldId(f.key), 'aria-describedby': describedBy, 'data-key': f.key },
      h('option', { value: '' }, s.chooseProfile),
      ...st.profiles.map((p) => h('option', { value: p }, p)),
    );
    select.addEventListener('change', () => send(SetValue, { key: f.key, value: select.value }));
    return select;
  }
  const input = h('input', {
    type: 'text',
    id: fieldId(f.key),
    'aria-describedby': f.kind === 'profile' ? `${describedBy} noprofiles-${f.key}` : describedBy,
    'data-key': f.key,
    placeholder: f.placeholder,
    inputmode: f.kind === 'number' ? 'decimal' : undefined,
    spellcheck: 'false',
    autocomplete: 'off',
  });
  input.addEventListener('input', () => scheduleEdit(f.key, input));
  input.addEventListener('change', () => flushEdit(f.key, input));
  if (f.kind === 'profile') {
    return h('div', {}, input, h('p', { class: 'help', id: `noprofiles-${f.key}` }, s.noProfilesFound));
  }
  return input;
}

function scheduleEdit(key: string, input: HTMLInputElement): void {
  window.clearTimeout(pendingEdits.get(key));
  pendingEdits.set(
    key,
    window.setTimeout(() => flushEdit(key, input), EDIT_DELAY_MS),
  );
}

function flushEdit(key: string, input: HTMLInputElement): void {
  if (!pendingEdits.has(key)) return;
  window.clearTimeout(pendingEdits.get(key));
  pendingEdits.delete(key);
  send(SetValue, { key, value: input.value });
}

function secretControl(s: WebviewStrings, f: FieldView, describedBy: string): HTMLElement {
  const stateText = h('span', { class: `secret-state ${f.isSet ? 'is-set' : 'not-set'}`, id: `secret-state-${f.key}` }, f.isSet ? s.secretSet : s.secretNotSet);
  const replaceButton = button(f.isSet ? s.secretReplace : s.secretNewLabel, 'secondary', () => {
    row.hidden = true;
    editor.hidden = false;
    secretInput.focus();
  });
  replaceButton.id = `secret-replace-${f.key}`;
  replaceButton.setAttribute('aria-describedby', `label-${f.key} ${describedBy}`);
  const clearButton = f.isSet ? button(s.secretClear, 'secondary', () => send(ClearSecret, { key: f.key })) : undefined;
  if (clearButton) {
    clearButton.id = `secret-clear-${f.key}`;
    clearButton.setAttribute('aria-describedby', `label-${f.key}`);
  }
  const row = h('div', { class: 'secret-row' }, stateText, replaceButton, clearButton);

  // A password input: its value lives in the element's property only, never in the page's HTML.
  const secretInput = h('input', { type: 'password', id: fieldId(f.key), autocomplete: 'off', 'aria-describedby': describedBy });
  const save = () => {
    const value = secretInput.value;
    if (value.trim() === '') return;
    send(ReplaceSecret, { key: f.key, value });
    cancel();
  };
  const cancel = () => {
    secretInput.value = '';
    editor.hidden = true;
    row.hidden = false;
    replaceButton.focus();
  };
  secretInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') save();
    if (e.key === 'Escape') cancel();
  });
  const saveButton = button(s.secretSave, 'primary', save);
  saveButton.id = `secret-save-${f.key}`;
  const editor = h(
    'div',
    { class: 'secret-editor', hidden: true },
    h('label', { for: fieldId(f.key), class: 'sub-label' }, s.secretNewLabel),
    h('div', { class: 'secret-row' }, secretInput, saveButton, button(s.secretCancel, 'secondary', cancel)),
  );
  return h('div', { class: 'secret' }, row, editor);
}

function plural(count: number, none: string, one: string, many: string): string {
  return count === 0 ? none : count === 1 ? one : format(many, { count });
}

function button(text: string, kind: 'primary' | 'secondary', onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: kind }, text);
  b.addEventListener('click', onClick);
  return b;
}

/** Values, problems and counts change on every keystroke: update them in place so focus and caret stay put. */
function patch(s: WebviewStrings, st: EditorState): void {
  const summary = document.getElementById('summary');
  if (summary) {
    summary.textContent = plural(st.problemCount, s.problemsNone, s.problemsOne, s.problemsSome);
    summary.className = `summary ${st.problemCount === 0 ? 'ok' : 'has-problems'}`;
  }
  for (const group of st.groups) {
    const count = group.fields.filter((f) => f.problem).length;
    const badge = document.querySelector(`a[data-group="${group.id}"] .toc-count`);
    if (badge) badge.textContent = count ? String(count) : '';
    for (const f of group.fields) patchField(f);
  }
}

function patchField(f: FieldView): void {
  const container = document.querySelector<HTMLElement>(`.setting[data-key="${f.key}"]`);
  if (!container) return;
  container.classList.toggle('invalid', Boolean(f.problem));
  const error = document.getElementById(`error-${f.key}`);
  if (error && error.textContent !== (f.problem ?? '')) error.textContent = f.problem ?? '';
  const env = document.getElementById(`env-${f.key}`);
  if (env) env.hidden = !f.overriddenByEnvironment;
  if (f.kind === 'secret') {
    document.getElementById(fieldId(f.key))?.setAttribute('aria-invalid', String(Boolean(f.problem)));
    return;
  }
  const control = document.getElementById(fieldId(f.key)) as HTMLInputElement | HTMLSelectElement | null;
  if (!control) return;
  control.setAttribute('aria-invalid', String(Boolean(f.problem)));
  if (pendingEdits.has(f.key)) return;
  const value = f.value ?? '';
  if (control instanceof HTMLSelectElement && value !== '' && !Array.from(control.options).some((o) => o.value === value)) {
    // A value typed in the text view that the picker does not list is still shown, and still validated.
    control.append(h('option', { value }, value));
  }
  if (control.value !== value) control.value = value;
}

// --------------------------------------------------------------------------------------------- checks

function connectionSection(s: WebviewStrings): HTMLElement {
  const status = h('p', { class: 'check-status', id: 'test-status', role: 'status' });
  const list = h('ul', { class: 'checklist', id: 'test-results', 'aria-labelledby': 'test-connection-title' });
  const run = button(s.testButton, 'primary', () => {
    void runCheck(run, status, list, () => request(TestConnection, {}), (r) => {
      persisted = { ...persisted, connection: r };
      vscode.setState(persisted);
      showConnection(s, r, status, list, run);
    });
  });
  run.id = 'test-connection-button';
  if (persisted.connection) queueMicrotask(() => showConnection(s, persisted.connection as ConnectionReport, status, list, run));
  return h(
    'section',
    { id: 'test-connection', class: 'group checks', 'aria-labelledby': 'test-connection-title' },
    h('h2', { id: 'test-connection-title' }, s.testTitle),
    h('p', { class: 'group-description' }, s.testHelp),
    h('div', { class: 'check-actions' }, run),
    status,
    list,
  );
}

function showConnection(s: WebviewStrings, r: ConnectionReport, status: HTMLElement, list: HTMLElement, run: HTMLButtonElement): void {
  const failed = r.items.filter((i) => i.status === 'fail').length;
  status.textContent = plural(failed, s.testAllGood, s.testOneFailed, s.testSomeFailed);
  status.className = `check-status ${failed === 0 ? 'ok' : 'has-problems'}`;
  list.replaceChildren(...r.items.map((item) => checkRow(s, item, status, list, run)));
}

function inputsSection(s: WebviewStrings): HTMLElement {
  const dateInput = h('input', {
    type: 'text',
    id: 'inputs-date',
    placeholder: 'YYYY-MM-DD',
    inputmode: 'numeric',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'inputs-help',
  });
  dateInput.value = persisted.date ?? '';
  const status = h('p', { class: 'check-status', id: 'inputs-status', role: 'status' });
  const list = h('ul', { class: 'checklist', id: 'inputs-results', 'aria-labelledby': 'check-inputs-title' });
  const show = (r: InputsReport) => {
    status.textContent = format(r.ready ? s.inputsReady : s.inputsNotReady, { date: r.date });
    status.className = `check-status ${r.ready ? 'ok' : 'has-problems'}`;
    list.replaceChildren(...r.items.map((item) => checkRow(s, item, status, list, undefined)));
  };
  const run = button(s.inputsButton, 'primary', () => {
    const date = dateInput.value.trim();
    persisted = { ...persisted, date };
    vscode.setState(persisted);
    void runCheck(run, status, list, () => request(CheckInputs, { date }), (r) => {
      persisted = { ...persisted, inputs: r };
      vscode.setState(persisted);
      show(r);
    });
  });
  run.id = 'check-inputs-button';
  dateInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') run.click();
  });
  if (persisted.inputs) queueMicrotask(() => show(persisted.inputs as InputsReport));
  return h(
    'section',
    { id: 'check-inputs', class: 'group checks', 'aria-labelledby': 'check-inputs-title' },
    h('h2', { id: 'check-inputs-title' }, s.inputsTitle),
    h('p', { class: 'group-description', id: 'inputs-help' }, s.inputsHelp),
    h('div', { class: 'check-actions' }, h('label', { for: 'inputs-date', class: 'sub-label' }, s.inputsDateLabel), dateInput, run),
    status,
    list,
  );
}

async function runCheck<R>(run: HTMLButtonElement, status: HTMLElement, list: HTMLElement, ask: () => Promise<R>, show: (r: R) => void): Promise<void> {
  if (!strings) return;
  run.disabled = true;
  list.setAttribute('aria-busy', 'true');
  status.className = 'check-status running';
  status.textContent = run.id === 'check-inputs-button' ? strings.inputsRunning : strings.testRunning;
  try {
    show(await ask());
  } catch (e) {
    status.className = 'check-status has-problems';
    status.textContent = format(strings.requestFailed, { message: e instanceof Error ? e.message : String(e) });
    list.replaceChildren();
  } finally {
    run.disabled = false;
    list.removeAttribute('aria-busy');
  }
}

const STATUS_GLYPH: Record<CheckItem['status'], string> = { ok: '✓', fail: '✕', warn: '!', skipped: '–' };

function checkRow(s: WebviewStrings, item: CheckItem, status: HTMLElement, list: HTMLElement, run: HTMLButtonElement | undefined): HTMLElement {
  const statusName = { ok: s.statusOk, fail: s.statusFail, warn: s.statusWarn, skipped: s.statusSkipped }[item.status];
  let fixButton: HTMLButtonElement | undefined;
  if (item.fix && run) {
    const fix = item.fix;
    fixButton = button(fix === 'createLogGroup' ? s.fixCreateLogGroup : s.fixCreateLogStream, 'secondary', () => {
      void runCheck(run, status, list, () => request(ApplyFix, { fix }), (r) => {
        persisted = { ...persisted, connection: r };
        vscode.setState(persisted);
        showConnection(s, r, status, list, run);
      });
    });
  }
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
    fixButton,
  );
}

send(Ready, {});
