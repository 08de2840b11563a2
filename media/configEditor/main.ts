// The configuration editor's page: renders the host's EditorState as a settings form and reports edits back.
// It never holds the document: the host owns the text, and every change comes back as a new state.
import {
  OpenAsText,
  Ready,
  State,
  Strings,
  type EditorState,
  type WebviewStrings,
} from '../../src/vscode/configEditor/protocol';
import { connectionSection, inputsSection } from './checks';
import { button, h, plural } from '../webview/dom';
import { HostLink } from '../webview/hostLink';
import type { RememberedState } from './hostLink';
import { SettingsForm, fieldId } from './settings';

const host = new HostLink<RememberedState>();
const form = new SettingsForm(host);
const app = document.getElementById('app') as HTMLElement;
let strings: WebviewStrings | undefined;
let state: EditorState | undefined;
let renderedShape = '';

host.listen(Ready, (message) => {
  if (Strings.is(message)) {
    strings = message.params;
    renderedShape = '';
    render();
  } else if (State.is(message)) {
    state = message.params;
    render();
  }
});

/** The structure changes only with the set of fields, the auth mode or the profile list; values are patched. */
function shapeOf(s: EditorState): string {
  return JSON.stringify([
    s.authMode,
    s.profiles,
    s.otherKeys,
    s.groups.map((g) => g.fields.map((f) => [f.key, f.kind, f.isSet])),
  ]);
}

function render(): void {
  if (!strings || !state) return;
  const shape = shapeOf(state);
  if (shape !== renderedShape) {
    const focusedId = document.activeElement?.id;
    const scrolled = window.scrollY;
    const query = (document.getElementById('settings-search') as HTMLInputElement | null)?.value ?? '';
    app.replaceChildren(...page(strings, state, query));
    app.removeAttribute('aria-busy');
    renderedShape = shape;
    applySearch(strings, query);
    window.scrollTo(0, scrolled);
    if (focusedId) document.getElementById(focusedId)?.focus();
  }
  patchSummary(strings, state);
  form.patch(state);
}

function page(s: WebviewStrings, st: EditorState, query: string): Node[] {
  const search = h('input', {
    type: 'search',
    id: 'settings-search',
    placeholder: s.searchPlaceholder,
    'aria-label': s.searchPlaceholder,
    spellcheck: 'false',
    autocomplete: 'off',
  });
  search.value = query;
  search.addEventListener('input', () => applySearch(s, search.value));
  const header = h(
    'header',
    { class: 'page-header' },
    h('div', { class: 'title-row' }, h('h1', {}, s.title), h('span', { class: 'file-name' }, st.fileName)),
    h(
      'div',
      { class: 'header-actions' },
      h('p', { id: 'summary', class: 'summary', role: 'status' }),
      button(s.goToProblem, 'link', goToFirstProblem, 'go-to-problem'),
      button(s.testButton, 'secondary', runTestFromHeader, 'header-test-connection'),
      button(s.openAsText, 'secondary', () => host.send(OpenAsText, {})),
    ),
    h('div', { class: 'search-row' }, search, h('p', { class: 'search-empty', id: 'search-empty', role: 'status' })),
  );
  const toc = h(
    'nav',
    { class: 'toc', 'aria-label': s.onThisPage },
    h(
      'ul',
      {},
      ...st.groups.map((g) =>
        h('li', {}, h('a', { href: `#group-${g.id}`, 'data-group': g.id }, g.title, h('span', { class: 'toc-count' }))),
      ),
      h('li', {}, h('a', { href: '#test-connection' }, s.testTitle)),
      h('li', {}, h('a', { href: '#check-inputs' }, s.inputsTitle)),
    ),
  );
  const content = h(
    'div',
    { class: 'content' },
    ...st.groups.map((g) => form.groupSection(s, st, g)),
    st.otherKeys.length > 0 &&
      h(
        'p',
        { class: 'other-keys' },
        s.otherKeys,
        ' ',
        ...st.otherKeys.flatMap((k, i) => [i ? ', ' : '', h('code', {}, k)]),
      ),
    connectionSection(s, host, () => form.flushAll()),
    inputsSection(s, host, () => form.flushAll()),
  );
  return [header, h('div', { class: 'layout' }, toc, content)];
}

function patchSummary(s: WebviewStrings, st: EditorState): void {
  const summary = document.getElementById('summary');
  if (summary) {
    summary.textContent = plural(st.problemCount, s.problemsNone, s.problemsOne, s.problemsSome);
    const anyInvalid = st.groups.some((g) => g.fields.some((f) => f.problemKind === 'invalid'));
    summary.className = `summary ${st.problemCount === 0 ? 'ok' : 'has-problems'} ${anyInvalid ? 'has-invalid' : ''}`;
  }
  const go = document.getElementById('go-to-problem');
  if (go) go.hidden = !st.groups.some((g) => g.fields.some((f) => f.problem));
}

/** From "3 settings to fix" straight to the first one, as the Problems panel does for code. */
function goToFirstProblem(): void {
  const field = state?.groups.flatMap((g) => g.fields).find((f) => f.problem);
  if (!field) return;
  const search = document.getElementById('settings-search') as HTMLInputElement | null;
  if (search?.value && strings) {
    search.value = '';
    applySearch(strings, '');
  }
  document.querySelector(`.setting[data-key="${field.key}"]`)?.scrollIntoView({ block: 'center' });
  const control = document.getElementById(fieldId(field.key)) ?? document.getElementById(`secret-replace-${field.key}`);
  control?.focus();
}

/** The check a new user looks for first, reachable without scrolling: it runs the checklist below and shows it. */
function runTestFromHeader(): void {
  const run = document.getElementById('test-connection-button');
  document.getElementById('test-connection')?.scrollIntoView({ block: 'start' });
  run?.click();
  run?.focus();
}

/** Like the Settings editor's search: only matching settings stay visible (label, key, help or value). */
function applySearch(s: WebviewStrings, raw: string): void {
  const query = raw.trim().toLowerCase();
  let shown = 0;
  for (const setting of Array.from(document.querySelectorAll<HTMLElement>('.content .setting'))) {
    const control = setting.querySelector<HTMLInputElement | HTMLSelectElement>(
      'input:not([type=password]):not([type=radio]), select',
    );
    const text = `${setting.textContent ?? ''} ${control?.value ?? ''}`.toLowerCase();
    setting.hidden = query !== '' && !text.includes(query);
    if (!setting.hidden) shown++;
  }
  for (const section of Array.from(document.querySelectorAll<HTMLElement>('.content section.group'))) {
    section.hidden =
      query !== '' && (section.classList.contains('checks') || !section.querySelector('.setting:not([hidden])'));
  }
  const otherKeys = document.querySelector<HTMLElement>('.other-keys');
  if (otherKeys) otherKeys.hidden = query !== '';
  const empty = document.getElementById('search-empty');
  if (empty) empty.textContent = query !== '' && shown === 0 ? s.searchNoResults : '';
}
