// When views refresh (after microsoft/vscode-containers' RefreshManager): a view polls only while visible,
// a burst of refresh requests becomes one refresh, and a `.env` change refreshes everything. The poll interval
// comes from the view's source each time, so Runs polls fast while a machine is pending or running.
import * as vscode from 'vscode';

export interface RefreshSource {
  readonly view: vscode.TreeView<unknown>;
  /** Reloads the data and fires the tree's change event. */
  refresh(): Promise<void>;
  /** Milliseconds until the next poll while the view is visible; undefined: no polling. */
  pollIntervalMs(): number | undefined;
  /** Milliseconds until the next poll while hidden (e.g. for the status bar); undefined: none. */
  hiddenPollIntervalMs?(): number | undefined;
}

const DEBOUNCE_MS = 250;

class SourceState {
  timer: NodeJS.Timeout | undefined;
  debounce: NodeJS.Timeout | undefined;
  running: Promise<void> | undefined;
  again = false;
}

export class RefreshManager implements vscode.Disposable {
  private readonly states = new Map<RefreshSource, SourceState>();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(private readonly sources: readonly RefreshSource[]) {
    for (const source of sources) {
      this.states.set(source, new SourceState());
      this.disposables.push(
        source.view.onDidChangeVisibility((e) => (e.visible ? this.request(source) : this.schedule(source))),
      );
    }
  }

  /** Starts polling the visible views (and the hidden ones that ask for it). */
  start(): void {
    for (const source of this.sources) this.request(source);
  }

  refreshAll(): void {
    for (const source of this.sources) this.request(source);
  }

  /** Debounced: several calls within a moment give one refresh; a call during a refresh gives one more after. */
  request(source: RefreshSource): void {
    const state = this.state(source);
    clearTimeout(state.debounce);
    state.debounce = setTimeout(() => void this.run(source), DEBOUNCE_MS);
  }

  /** Refreshes now and resolves when done (commands that just changed something wait for the new state). */
  async refreshNow(source: RefreshSource): Promise<void> {
    const state = this.state(source);
    clearTimeout(state.debounce);
    await this.run(source, true);
  }

  private state(source: RefreshSource): SourceState {
    const state = this.states.get(source);
    if (!state) throw new Error('unknown refresh source');
    return state;
  }

  private async run(source: RefreshSource, force = false): Promise<void> {
    const state = this.state(source);
    if (this.disposed) return;
    if (state.running) {
      state.again = true;
      return state.running;
    }
    clearTimeout(state.timer);
    const visible = source.view.visible;
    const hiddenInterval = source.hiddenPollIntervalMs?.();
    if (!force && !visible && hiddenInterval === undefined) return;
    // Sources report their own failures (view message, welcome view); polling must go on regardless.
    state.running = source
      .refresh()
      .catch(() => undefined)
      .finally(() => {
        state.running = undefined;
        if (state.again) {
          state.again = false;
          this.request(source);
        } else {
          this.schedule(source);
        }
      });
    return state.running;
  }

  private schedule(source: RefreshSource): void {
    const state = this.state(source);
    clearTimeout(state.timer);
    if (this.disposed) return;
    const interval = source.view.visible ? source.pollIntervalMs() : source.hiddenPollIntervalMs?.();
    if (interval !== undefined) state.timer = setTimeout(() => void this.run(source), interval);
  }

  dispose(): void {
    this.disposed = true;
    for (const state of this.states.values()) {
      clearTimeout(state.timer);
      clearTimeout(state.debounce);
    }
    for (const d of this.disposables) d.dispose();
  }
}
