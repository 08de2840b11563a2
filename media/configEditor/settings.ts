// The settings part of the page: one group per section, one row per key (label, key name, help, control,
// error), updated in place as states arrive so the caret never jumps while the user types.
import {
  ClearSecret,
  ReplaceSecret,
  SetAuthMode,
  SetValue,
  type EditorState,
  type FieldView,
  type GroupView,
  type WebviewStrings,
} from '../../src/vscode/configEditor/protocol';
import { button, h } from '../webview/dom';
import type { FormHostLink as HostLink } from './hostLink';

/** Typing is sent after this pause (or on leaving the field), so one word is one edit and one undo step. */
const EDIT_DELAY_MS = 250;

export function fieldId(key: string): string {
  return `field-${key}`;
}

export class SettingsForm {
  /** Keys typed into but not yet sent: their inputs are not overwritten by a state that predates the typing. */
  private readonly pendingEdits = new Map<string, { timer: number; input: HTMLInputElement }>();

  constructor(private readonly host: HostLink) {}

  groupSection(s: WebviewStrings, st: EditorState, group: GroupView): HTMLElement {
    return h(
      'section',
      { id: `group-${group.id}`, class: 'group', 'aria-labelledby': `group-${group.id}-title` },
      h('h2', { id: `group-${group.id}-title` }, group.title),
      group.description && h('p', { class: 'group-description' }, group.description),
      group.id === 'credentials' && this.authModeChooser(s, st),
      ...group.fields.map((f) => this.setting(s, st, f)),
    );
  }

  /** Values, problems and counts change on every keystroke: update them in place so focus and caret stay put. */
  patch(st: EditorState): void {
    for (const group of st.groups) {
      const count = group.fields.filter((f) => f.problem).length;
      const badge = document.querySelector(`a[data-group="${group.id}"] .toc-count`);
      if (badge) {
        badge.textContent = count ? String(count) : '';
        badge.classList.toggle(
          'has-invalid',
          group.fields.some((f) => f.problemKind === 'invalid'),
        );
      }
      for (const f of group.fields) this.patchField(f);
    }
  }

  private authModeChooser(s: WebviewStrings, st: EditorState): HTMLElement {
    const radio = (mode: 'keys' | 'profile', label: string) => {
      const input = h('input', {
        type: 'radio',
        name: 'auth-mode',
        id: `auth-${mode}`,
        value: mode,
        checked: st.authMode === mode,
      });
      input.addEventListener('change', () => this.host.send(SetAuthMode, { mode }));
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

  private setting(s: WebviewStrings, st: EditorState, f: FieldView): HTMLElement {
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
    const control =
      f.kind === 'secret' ? this.secretControl(s, f, describedBy) : this.valueControl(s, st, f, describedBy);
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

  private valueControl(s: WebviewStrings, st: EditorState, f: FieldView, describedBy: string): HTMLElement {
    if (f.kind === 'region') {
      return this.picker(
        f,
        describedBy,
        s.chooseRegion,
        st.regions.map((r) => [r.code, `${r.code} — ${r.name}`]),
      );
    }
    if (f.kind === 'profile' && st.profiles.length > 0) {
      return this.picker(
        f,
        describedBy,
        s.chooseProfile,
        st.profiles.map((p) => [p, p]),
      );
    }
    const input = h('input', {
      type: 'text',
      id: fieldId(f.key),
      'aria-describedby': f.kind === 'profile' ? `${describedBy} noprofiles-${f.key}` : describedBy,
      'data-key': f.key,
      inputmode: f.kind === 'number' ? 'decimal' : undefined,
      spellcheck: 'false',
      autocomplete: 'off',
    });
    input.addEventListener('input', () => this.scheduleEdit(f.key, input));
    input.addEventListener('change', () => this.flushEdit(f.key, input));
    if (f.kind === 'profile') {
      return h('div', {}, input, h('p', { class: 'help', id: `noprofiles-${f.key}` }, s.noProfilesFound));
    }
    return input;
  }

  private picker(f: FieldView, describedBy: string, prompt: string, options: [string, string][]): HTMLSelectElement {
    const select = h(
      'select',
      { id: fieldId(f.key), 'aria-describedby': describedBy, 'data-key': f.key },
      h('option', { value: '' }, prompt),
      ...options.map(([value, text]) => h('option', { value }, text)),
    );
    select.addEventListener('change', () => this.host.send(SetValue, { key: f.key, value: select.value }));
    return select;
  }

  /** Sends what is still waiting for the typing pause: a check must see the value on screen, not the one before. */
  flushAll(): void {
    for (const [key, pending] of [...this.pendingEdits]) this.flushEdit(key, pending.input);
  }

  private scheduleEdit(key: string, input: HTMLInputElement): void {
    window.clearTimeout(this.pendingEdits.get(key)?.timer);
    this.pendingEdits.set(key, { input, timer: window.setTimeout(() => this.flushEdit(key, input), EDIT_DELAY_MS) });
  }

  private flushEdit(key: string, input: HTMLInputElement): void {
    const pending = this.pendingEdits.get(key);
    if (!pending) return;
    window.clearTimeout(pending.timer);
    this.pendingEdits.delete(key);
    this.host.send(SetValue, { key, value: input.value });
  }

  private secretControl(s: WebviewStrings, f: FieldView, describedBy: string): HTMLElement {
    const stateText = h(
      'span',
      { class: `secret-state ${f.isSet ? 'is-set' : 'not-set'}`, id: `secret-state-${f.key}` },
      f.isSet ? s.secretSet : s.secretNotSet,
    );
    const open = () => {
      row.hidden = true;
      editor.hidden = false;
      secretInput.focus();
    };
    const replaceButton = button(
      f.isSet ? s.secretReplace : s.secretEnter,
      'secondary',
      open,
      `secret-replace-${f.key}`,
    );
    replaceButton.setAttribute('aria-describedby', `label-${f.key} ${describedBy}`);
    const clearButton = f.isSet
      ? button(s.secretClear, 'secondary', () => this.host.send(ClearSecret, { key: f.key }), `secret-clear-${f.key}`)
      : undefined;
    clearButton?.setAttribute('aria-describedby', `label-${f.key}`);
    const row = h('div', { class: 'secret-row' }, stateText, replaceButton, clearButton);

    // A password input: its value lives in the element's property only, never in the page's HTML, and it is
    // emptied as soon as it has been handed to the host.
    const secretInput = h('input', {
      type: 'password',
      id: fieldId(f.key),
      autocomplete: 'off',
      'aria-describedby': describedBy,
    });
    const close = () => {
      secretInput.value = '';
      editor.hidden = true;
      row.hidden = false;
      replaceButton.focus();
    };
    const save = () => {
      const value = secretInput.value;
      if (value.trim() === '') return;
      this.host.send(ReplaceSecret, { key: f.key, value });
      close();
    };
    secretInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') save();
      if (e.key === 'Escape') close();
    });
    const editor = h(
      'div',
      { class: 'secret-editor', hidden: true },
      h('label', { for: fieldId(f.key), class: 'sub-label' }, s.secretNewLabel),
      h(
        'div',
        { class: 'secret-row' },
        secretInput,
        button(s.secretSave, 'primary', save, `secret-save-${f.key}`),
        button(s.secretCancel, 'secondary', close),
      ),
    );
    return h('div', { class: 'secret' }, row, editor);
  }

  private patchField(f: FieldView): void {
    const container = document.querySelector<HTMLElement>(`.setting[data-key="${f.key}"]`);
    if (!container) return;
    container.classList.toggle('invalid', f.problemKind === 'invalid');
    container.classList.toggle('missing', f.problemKind === 'missing');
    const error = document.getElementById(`error-${f.key}`);
    if (error && error.textContent !== (f.problem ?? '')) error.textContent = f.problem ?? '';
    const env = document.getElementById(`env-${f.key}`);
    if (env) env.hidden = !f.overriddenByEnvironment;
    const control = document.getElementById(fieldId(f.key)) as HTMLInputElement | HTMLSelectElement | null;
    if (!control) return;
    control.setAttribute('aria-invalid', String(Boolean(f.problem)));
    if (f.kind === 'secret' || this.pendingEdits.has(f.key)) return;
    const value = f.value ?? '';
    if (
      control instanceof HTMLSelectElement &&
      value !== '' &&
      !Array.from(control.options).some((o) => o.value === value)
    ) {
      // A value typed in the text view that the picker does not list is still shown, and still validated.
      control.append(h('option', { value }, value));
    }
    if (control.value !== value) control.value = value;
  }
}
