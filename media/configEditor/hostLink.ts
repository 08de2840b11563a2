// What the configuration form keeps while hidden (VS Code discards hidden webviews; the checklists are not in
// the document), on the shared page link.
import type { ConnectionReport, InputsReport } from '../../src/vscode/configEditor/protocol';
import type { HostLink } from '../webview/hostLink';

export interface RememberedState {
  connection?: ConnectionReport;
  inputs?: InputsReport;
  date?: string;
}

export type FormHostLink = HostLink<RememberedState>;
