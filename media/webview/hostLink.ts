// The page's side of the webview protocol, for every webview: the one acquireVsCodeApi() call, commands,
// requests awaiting their responses, the host's messages (each checked by isIpcMessage before anything reads
// it), and the little state VS Code keeps while the page is hidden or the window reloads.
import {
  PendingRequests,
  isIpcMessage,
  type IpcCommand,
  type IpcMessage,
  type IpcRequest,
} from '../../src/vscode/webview/protocol';

interface VsCodeApi<S> {
  postMessage(message: IpcMessage): void;
  getState(): S | undefined;
  setState(state: S): void;
}
declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

export class HostLink<S extends object> {
  private readonly api = acquireVsCodeApi<Partial<S>>();
  private readonly requests = new PendingRequests((m) => this.api.postMessage(m));
  private state: Partial<S> = this.api.getState() ?? {};

  send<P>(command: IpcCommand<P>, params: P): void {
    this.api.postMessage(command.message(this.requests.newId(), params));
  }

  request<P, R>(request: IpcRequest<P, R>, params: P): Promise<R> {
    return this.requests.send(request, params);
  }

  /**
   * Hands every other protocol message from the host to `handler` (responses settle their requests here), then
   * sends `ready`: the host sends nothing before it, so nothing is posted to a page not yet listening.
   */
  listen(ready: IpcCommand<Record<string, never>>, handler: (message: IpcMessage) => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = event.data;
      if (!isIpcMessage(message) || this.requests.settle(message)) return;
      handler(message);
    });
    this.send(ready, {});
  }

  get remembered(): Partial<S> {
    return this.state;
  }

  remember(update: Partial<S>): void {
    this.state = { ...this.state, ...update };
    this.api.setState(this.state);
  }
}
