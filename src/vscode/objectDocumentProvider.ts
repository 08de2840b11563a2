// Read-only documents of small S3 objects (a run's manifest), `adatrap-s3:/<bucket>/<key>`.
import * as vscode from 'vscode';
import { UserError } from '../core/errors';
import { formatBytes } from './format';
import type { WorkspaceConfig } from './workspaceConfig';

const OBJECT_SCHEME = 'adatrap-s3';
const MAX_DOCUMENT_BYTES = 5_000_000;

export function toObjectUri(bucket: string, key: string): vscode.Uri {
  return vscode.Uri.from({ scheme: OBJECT_SCHEME, path: `/${bucket}/${key}` });
}

export function registerObjectDocuments(context: vscode.ExtensionContext, config: WorkspaceConfig): void {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const [, bucket, ...rest] = uri.path.split('/');
      const key = rest.join('/');
      const storage = config.aws().storage;
      const info = await storage.head(bucket, key);
      if (!info) throw new UserError(vscode.l10n.t('s3://{0}/{1} does not exist (any more).', bucket, key));
      if (info.size > MAX_DOCUMENT_BYTES)
        throw new UserError(
          vscode.l10n.t(
            's3://{0}/{1} is too large to open ({2}): download it instead.',
            bucket,
            key,
            formatBytes(info.size),
          ),
        );
      return (await storage.getBytes(bucket, key)).toString('utf8');
    },
  };
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(OBJECT_SCHEME, provider));
}
