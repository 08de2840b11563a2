// The webview's side of the protocol: commands, requests awaiting their responses, and the little state the
// page keeps across being hidden (VS Code discards hidden webviews; the checklists are not in the document).
import {
  PendingRequests,
  type ConnectionReport,
  type InputsReport,
  type IpcCommand,
  type IpcMessage,
  type IpcRequest,
} from '../../src/vscode/configEditor/protocol';

interface VsCodeApi {
  postMessage(message: IpcMessage): void;
  getState(): unknown;
  setState(state: RememberedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface RememberedState {
  connection?: ConnectionReport;
  inputs?: InputsReport;
  date?: string;
}

export class HostLink {
  private readonly api = acquireVsCodeApi();
  private readonly requests = new PendingRequests((m) => this.api.postMessage(m));
  private state: RememberedState = (this.api.getState() as RememberedState | undefined) ?? {};

  send<P>(command: IpcCommand<P>, params: P): void {
    this.api.postMessage(command.message(this.requests.newId(), params));
  }

  request<P, R>(request: IpcRequest<P, R>, params: P): Promise<R> {
    return this.requests.send(request, params);
  }

  /** True when the message answered one of our requests (and is dealt with). */
  settle(message: IpcMessage): boolean {
    return this.requests.settle(message);
  }

  get remembered(): RememberedState {
    return this.state;
  }

  remember(update: Partial<RememberedState>): void {
    this.state = { ...this.state, ...update };
    this.api.setState(this.state);
  }
}
