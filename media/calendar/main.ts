// The Run calendar page: lays out the host's MonthView as a keyboard-navigable grid and sends the user's
// choices back. It holds no AWS state; every text comes from the host in the user's language.
import {
  // What the host sends this page:
  Init,
  Loading,
  Month,
  LoadFailed,
  Batch,
  // what this page sends the host:
  Ready,
  Navigate,
  RunDayAction,
  BatchControl,
  type BatchView,
  type CalendarInit,
  type CellView,
  type DayAction,
  type MonthView,
  type Navigation,
} from '../../src/vscode/calendar/protocol';
import { button as domButton, h } from '../webview/dom';
import { HostLink } from '../webview/hostLink';

/** Kept by VS Code, so a window reload reopens the calendar on this month (the host's panel serializer). */
interface CalendarState {
  month: string;
}

const host = new HostLink<CalendarState>();
const app = document.getElementById('app') as HTMLElement;

let init: CalendarInit | undefined;
let month: MonthView | undefined;
let batch: BatchView | null = null;
/** The roving-tabindex cell, and the other end of the selected range (both dates of the shown month). */
let focusDate: string | undefined;
let anchorDate: string | undefined;
let selectionActive = false;
let busy = false;
let statusText = '';

// --------------------------------------------------------------------------------------------- messaging

function request(action: DayAction, dates: string[]): Promise<{ message: string }> {
  return host.request(RunDayAction, { action, dates });
}

function navigate(to: Navigation, month?: string): void {
  host.send(Navigate, month ? { to, month } : { to });
}

host.listen(Ready, (message) => {
  if (Init.is(message)) {
    init = message.params;
    document.documentElement.lang = init.locale;
    renderShell();
  } else if (Loading.is(message)) {
    showLoading(message.params.title);
  } else if (Month.is(message)) {
    const changedMonth = month?.month !== message.params.month;
    month = message.params;
    // Kept by VS Code so a window reload reopens the calendar on this month.
    host.remember({ month: month.month });
    if (changedMonth) resetSelection();
    renderMonth();
  } else if (LoadFailed.is(message)) {
    showLoadFailed(message.params.title, message.params.error);
  } else if (Batch.is(message)) {
    batch = message.params.batch;
    renderBatch();
  }
});

// --------------------------------------------------------------------------------------------- selection

function resetSelection(): void {
  if (!month) return;
  const today = month.cells.find((c) => c.isToday);
  const firstReady = month.cells.find((c) => c.kind === 'ready');
  focusDate = (firstReady ?? today ?? month.cells[0])?.date;
  anchorDate = focusDate;
  selectionActive = false;
}

function selectedCells(): CellView[] {
  if (!month || !selectionActive || !focusDate || !anchorDate) return [];
  const [from, to] = focusDate < anchorDate ? [focusDate, anchorDate] : [anchorDate, focusDate];
  return month.cells.filter((c) => c.date >= from && c.date <= to);
}

function moveFocus(delta: number, extend: boolean): void {
  if (!month || !focusDate) return;
  const index = month.cells.findIndex((c) => c.date === focusDate);
  const target = month.cells[Math.min(month.cells.length - 1, Math.max(0, index + delta))];
  setFocus(target.date, extend);
}

function setFocus(date: string, extend: boolean): void {
  if (extend) {
    if (!selectionActive) anchorDate = focusDate;
    selectionActive = true;
  }
  focusDate = date;
  updateGridState(true);
}

function selectFocused(extend: boolean): void {
  if (!extend || !selectionActive) anchorDate = focusDate;
  selectionActive = true;
  updateGridState(true);
}

// --------------------------------------------------------------------------------------------- rendering

function button(label: string, id: string, onClick: () => void): HTMLButtonElement {
  return domButton(label, undefined, onClick, id);
}

function renderShell(): void {
  if (!init) return;
  const s = init.strings;
  app.replaceChildren();
  app.removeAttribute('aria-busy');

  const header = h('header', { class: 'toolbar' });
  const title = h('h1', { id: 'month-title' }, s.loading);
  const nav = h('div', { class: 'nav', role: 'group', 'aria-label': s.title });
  nav.append(
    button(s.previous, 'nav-previous', () => navigate('previous')),
    button(s.today, 'nav-today', () => navigate('today')),
    button(s.next, 'nav-next', () => navigate('next')),
    button(s.refresh, 'nav-refresh', () => navigate('refresh')),
  );
  const monthInput = h('input', { id: 'month-input', type: 'month', 'aria-label': s.goToMonth, title: s.goToMonth });
  monthInput.addEventListener('change', () => {
    if (/^\d{4}-\d{2}$/.test(monthInput.value)) navigate('month', monthInput.value);
  });
  nav.append(monthInput);
  header.append(title, nav);

  const summary = h('p', { id: 'summary', class: 'summary', 'aria-live': 'polite' });
  const cost = h('p', { id: 'cost', class: 'cost', hidden: '' });
  const next = h('p', { id: 'next', class: 'next' });

  const layout = h('div', { class: 'layout' });
  const gridWrap = h('section', { class: 'grid-wrap' });
  const grid = h('div', {
    id: 'grid',
    role: 'grid',
    'aria-labelledby': 'month-title',
    'aria-multiselectable': 'true',
    'aria-describedby': 'grid-help',
  });
  grid.addEventListener('keydown', onGridKey);
  const help = h('p', { id: 'grid-help', class: 'help' }, s.gridHelp);
  gridWrap.append(grid, help);

  const side = h('aside', { class: 'side' });
  const actions = h('section', { id: 'actions', class: 'actions', 'aria-labelledby': 'actions-title' });
  const actionsTitle = h('h2', { id: 'actions-title' }, s.noSelection);
  const buttons = h('div', { class: 'buttons' });
  buttons.append(
    button(s.launch, 'action-launch', () => void act('launch')),
    button(s.checkInputs, 'action-checkInputs', () => void act('checkInputs')),
    button(s.openLogs, 'action-openLogs', () => void act('openLogs')),
    button(s.openOutputs, 'action-openOutputs', () => void act('openOutputs')),
    button(s.downloadOutputs, 'action-downloadOutputs', () => void act('downloadOutputs')),
  );
  buttons.querySelector('#action-launch')?.classList.add('primary');
  const status = h('p', { id: 'action-status', class: 'status', role: 'status' });
  const details = h('ul', { id: 'details', class: 'details' });
  actions.append(actionsTitle, buttons, status, details);

  const batchSection = h('section', { id: 'batch', class: 'batch', 'aria-labelledby': 'batch-title', hidden: '' });
  const legend = h('section', { class: 'legend', 'aria-labelledby': 'legend-title' });
  legend.append(h('h2', { id: 'legend-title' }, s.legend));
  const legendList = h('ul');
  for (const item of init.legend) {
    const li = h('li', { class: `kind-${item.kind}` });
    li.append(h('span', { class: 'swatch', 'aria-hidden': 'true' }, item.symbol), h('span', {}, item.label));
    legendList.append(li);
  }
  legend.append(legendList);
  side.append(actions, batchSection, legend);

  layout.append(gridWrap, side);
  app.append(header, summary, cost, next, layout);
  if (month) renderMonth();
  renderBatch();
}

function showLoading(title: string): void {
  const heading = document.getElementById('month-title');
  if (heading) heading.textContent = title;
  document.getElementById('grid')?.setAttribute('aria-busy', 'true');
  app.classList.add('loading');
}

function showLoadFailed(title: string, error: string): void {
  showLoading(title);
  app.classList.remove('loading');
  const summary = document.getElementById('summary');
  if (summary) {
    summary.textContent = error;
    summary.classList.add('error');
  }
}

function weekdayNames(locale: string): string[] {
  // 2024-01-01 was a Monday; the grid is Monday-first, as calendars in Chile are.
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return Array.from(
    { length: 7 },
    (_, i) => `${format.format(Date.UTC(2024, 0, 1 + i))}|${long.format(Date.UTC(2024, 0, 1 + i))}`,
  );
}

function renderMonth(): void {
  if (!init || !month) return;
  app.classList.remove('loading');
  const heading = document.getElementById('month-title');
  if (heading) heading.textContent = month.title;
  const monthInput = document.getElementById('month-input') as HTMLInputElement | null;
  if (monthInput && document.activeElement !== monthInput) monthInput.value = month.month;
  const summary = document.getElementById('summary');
  if (summary) {
    summary.classList.remove('error');
    summary.textContent = `${month.summary} · ${month.updated}`;
  }
  const cost = document.getElementById('cost');
  if (cost) {
    cost.textContent = month.cost ?? '';
    cost.hidden = month.cost === undefined;
  }
  const next = document.getElementById('next');
  if (next) next.textContent = month.next;

  const grid = document.getElementById('grid');
  if (!grid) return;
  grid.removeAttribute('aria-busy');
  const rows: HTMLElement[] = [];
  const head = h('div', { role: 'row', class: 'row head' });
  for (const name of weekdayNames(init.locale)) {
    const [short, long] = name.split('|');
    head.append(h('div', { role: 'columnheader', class: 'weekday', title: long, 'aria-label': long }, short));
  }
  rows.push(head);

  let row = h('div', { role: 'row', class: 'row' });
  const lead = month.cells[0]?.column ?? 0;
  for (let i = 0; i < lead; i++) row.append(h('div', { role: 'gridcell', class: 'cell blank', 'aria-hidden': 'true' }));
  for (const cell of month.cells) {
    if (cell.column === 0 && row.childElementCount > 0) {
      rows.push(row);
      row = h('div', { role: 'row', class: 'row' });
    }
    row.append(renderCell(cell));
  }
  while (row.childElementCount < 7)
    row.append(h('div', { role: 'gridcell', class: 'cell blank', 'aria-hidden': 'true' }));
  rows.push(row);
  const hadFocus = grid.contains(document.activeElement);
  grid.replaceChildren(...rows);
  updateGridState(hadFocus);
}

function renderCell(cell: CellView): HTMLElement {
  const node = h('div', {
    role: 'gridcell',
    class: `cell kind-${cell.kind}${cell.isToday ? ' today' : ''}`,
    'data-date': cell.date,
    'data-kind': cell.kind,
    tabindex: '-1',
    title: cell.details.join('\n'),
    'aria-label': [...cell.details, cell.batch ?? ''].filter(Boolean).join('. '),
  });
  const top = h('div', { class: 'top' });
  top.append(
    h('span', { class: 'day' }, String(cell.dayOfMonth)),
    h('span', { class: 'symbol', 'aria-hidden': 'true' }, cell.symbol),
  );
  node.append(top, h('div', { class: 'text' }, cell.text));
  if (cell.batch) node.append(h('div', { class: 'batch-note' }, cell.batch));
  node.addEventListener('click', (e) => {
    focusDate = cell.date;
    if (!e.shiftKey) anchorDate = cell.date;
    selectionActive = true;
    updateGridState(true);
  });
  return node;
}

/** Roving tabindex, aria-selected and the side panel, without rebuilding the grid. */
function updateGridState(moveDomFocus: boolean): void {
  if (!month) return;
  const selected = new Set(selectedCells().map((c) => c.date));
  document.querySelectorAll<HTMLElement>('#grid [data-date]').forEach((node) => {
    const date = node.dataset.date ?? '';
    node.tabIndex = date === focusDate ? 0 : -1;
    node.setAttribute('aria-selected', selected.has(date) ? 'true' : 'false');
    node.classList.toggle('selected', selected.has(date));
    if (date === focusDate && moveDomFocus) node.focus();
  });
  renderActions();
}

function renderActions(): void {
  if (!init || !month) return;
  const s = init.strings;
  const cells = selectedCells();
  const title = document.getElementById('actions-title');
  if (title) {
    const first = cells[0]?.date;
    const last = cells[cells.length - 1]?.date;
    if (cells.length === 0) title.textContent = s.noSelection;
    else if (cells.length === 1) title.textContent = first;
    else
      title.textContent = s.actionsFor
        .replace('{dates}', `${first} – ${last}`)
        .replace('{count}', String(cells.length));
  }
  const enabled: Record<DayAction, boolean> = {
    // A failed day is a retry; a day with missing inputs would only be refused by the pre-flight.
    launch: cells.some((c) => c.kind === 'ready' || c.kind === 'failed'),
    checkInputs: cells.length > 0,
    openLogs: cells.some((c) => c.hasLogs),
    openOutputs: cells.some((c) => c.hasOutput),
    downloadOutputs: cells.some((c) => c.hasOutput),
  };
  for (const [action, on] of Object.entries(enabled)) {
    const b = document.getElementById(`action-${action}`) as HTMLButtonElement | null;
    if (b) b.disabled = busy || !on;
  }
  const status = document.getElementById('action-status');
  if (status) status.textContent = busy ? s.working : statusText;
  const details = document.getElementById('details');
  const focused = month.cells.find((c) => c.date === focusDate);
  if (details) details.replaceChildren(...(focused?.details ?? []).map((line) => h('li', {}, line)));
}

function renderBatch(): void {
  const section = document.getElementById('batch');
  if (!section || !init) return;
  if (!batch) {
    section.hidden = true;
    section.replaceChildren();
    return;
  }
  section.hidden = false;
  const list = h('ol', { class: 'batch-items' });
  for (const item of batch.items) {
    const li = h('li', { class: `batch-${item.status}`, 'data-date': item.date, 'data-status': item.status });
    li.append(h('span', { class: 'batch-date' }, item.date), h('span', { class: 'batch-text' }, item.text));
    list.append(li);
  }
  const op = batch.finished ? 'dismiss' : 'cancel';
  const control = button(batch.finished ? init.strings.batchDismiss : init.strings.batchCancel, 'batch-control', () =>
    host.send(BatchControl, { op }),
  );
  section.replaceChildren(
    h('h2', { id: 'batch-title' }, batch.title),
    h('p', { class: 'batch-summary', role: 'status' }, batch.summary),
    list,
    control,
  );
}

// --------------------------------------------------------------------------------------------- input

function onGridKey(e: KeyboardEvent): void {
  if (!month || !focusDate) return;
  const focused = month.cells.find((c) => c.date === focusDate);
  const column = focused?.column ?? 0;
  const moves: Record<string, number> = {
    ArrowLeft: -1,
    ArrowRight: 1,
    ArrowUp: -7,
    ArrowDown: 7,
    Home: -column,
    End: 6 - column,
  };
  if (e.key in moves) {
    if ((e.key === 'Home' || e.key === 'End') && e.ctrlKey) {
      const edge = e.key === 'Home' ? month.cells[0] : month.cells[month.cells.length - 1];
      setFocus(edge.date, e.shiftKey);
    } else {
      moveFocus(moves[e.key], e.shiftKey);
    }
  } else if (e.key === 'Enter' || e.key === ' ') {
    selectFocused(e.shiftKey);
  } else if (e.key === 'PageUp' || e.key === 'PageDown') {
    navigate(e.key === 'PageUp' ? 'previous' : 'next');
  } else if (e.key === 'Escape') {
    selectionActive = false;
    updateGridState(true);
  } else {
    return;
  }
  e.preventDefault();
}

async function act(action: DayAction): Promise<void> {
  const dates = selectedCells().map((c) => c.date);
  if (dates.length === 0 || busy) return;
  busy = true;
  statusText = '';
  renderActions();
  try {
    const result = await request(action, dates);
    statusText = result.message;
  } catch (e) {
    statusText = e instanceof Error ? e.message : String(e);
  } finally {
    busy = false;
    renderActions();
  }
}
