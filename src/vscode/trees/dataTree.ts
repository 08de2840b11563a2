// The Data view: every configured bucket under its role. Daily inputs are grouped by date, service
// dictionaries and details show their validity, outputs are grouped per date with size and manifest. Each
// bucket lists page by page ("Load more"), so a bucket with years of days opens at once.
import * as vscode from 'vscode';
import { bucketError } from '../../aws/awsErrors';
import type { ObjectInfo } from '../../aws/storage';
import { BUCKET_ROLES, type BucketRole, type BucketRoleId } from '../../core/bucketRoles';
import type { AdatrapConfig } from '../../core/config';
import { parseDailyKey, parsePoKey, parseServiceDetailKey, type DailyKind } from '../../core/inputs';
import { formatBytes, formatTime } from '../format';
import { describeFailure } from '../notify';
import type { WorkspaceConfig } from '../workspaceConfig';
import { PagedList } from './pagedList';
import { bucketContextValue, CONTEXT } from './contextValues';
import { LoadMoreNode, MessageNode, NodeTreeProvider, TreeNode, treeItem } from './treeNode';

const PAGE_SIZE = 100;

interface Role extends BucketRole {
  bucket(config: AdatrapConfig): string;
  label(): string;
}

// Functions, so a label is translated when the node is drawn, in the language then in force.
const ROLE_LABELS: Record<BucketRoleId, () => string> = {
  gps: () => vscode.l10n.t('GPS'),
  file196: () => vscode.l10n.t('1.96 report'),
  transactions: () => vscode.l10n.t('Bip! transactions'),
  opProgram: () => vscode.l10n.t('Service dictionary (PO)'),
  serviceDetail: () => vscode.l10n.t('Service detail'),
  executables: () => vscode.l10n.t('Executables'),
  outputs: () => vscode.l10n.t('Outputs'),
};

const ROLES: readonly Role[] = BUCKET_ROLES.map((r) => ({
  ...r,
  bucket: (c: AdatrapConfig) => c[r.setting],
  label: ROLE_LABELS[r.id],
}));

const DAILY_LABEL: Record<DailyKind, string> = { gps: 'GPS', file196: '1.96', transactions: 'trx' };
const OUTPUT_KEY = /^(\d{4}-\d{2}-\d{2})\.(zip|manifest\.json)$/;

class ObjectNode extends TreeNode {
  constructor(
    readonly bucket: string,
    readonly object: ObjectInfo,
    private readonly label?: string,
    private readonly extra?: string,
  ) {
    super();
  }

  getTreeItem(): vscode.TreeItem {
    return treeItem({
      label: this.label ?? this.object.key,
      id: `object:${this.bucket}/${this.object.key}`,
      description: [this.extra, formatBytes(this.object.size)].filter(Boolean).join(' · '),
      tooltip: `s3://${this.bucket}/${this.object.key}\n${formatBytes(this.object.size)}${this.object.lastModified ? `\n${formatTime(this.object.lastModified)}` : ''}`,
      icon: 'file',
      contextValue: CONTEXT.object,
    });
  }
}

/** One date of a daily input bucket; `inputDate` offers Check Inputs and Launch Run. */
export class InputDateNode extends TreeNode {
  constructor(
    readonly bucket: string,
    readonly date: string,
    private readonly files: { kind: DailyKind; object: ObjectInfo }[],
  ) {
    super();
  }

  readonly contextValue = CONTEXT.inputDate;

  getTreeItem(): vscode.TreeItem {
    const size = this.files.reduce((sum, f) => sum + f.object.size, 0);
    return treeItem({
      label: this.date,
      id: `inputDate:${this.bucket}:${this.date}`,
      description: `${this.files.map((f) => DAILY_LABEL[f.kind]).join(', ')} · ${formatBytes(size)}`,
      tooltip: this.files.map((f) => `s3://${this.bucket}/${f.object.key} (${formatBytes(f.object.size)})`).join('\n'),
      icon: 'calendar',
      contextValue: this.contextValue,
    });
  }
}

/** The results of one date: `D.zip` and its `D.manifest.json`. */
export class OutputDateNode extends TreeNode {
  constructor(
    readonly bucket: string,
    readonly date: string,
    readonly zip: ObjectInfo | undefined,
    readonly manifest: ObjectInfo | undefined,
  ) {
    super();
  }

  readonly contextValue = CONTEXT.outputDate;

  getTreeItem(): vscode.TreeItem {
    const parts = [
      this.zip ? formatBytes(this.zip.size) : vscode.l10n.t('no zip'),
      this.manifest ? vscode.l10n.t('manifest') : vscode.l10n.t('no manifest'),
    ];
    return treeItem({
      label: this.date,
      expandable: true,
      id: `outputDate:${this.bucket}:${this.date}`,
      description: parts.join(' · '),
      icon: this.zip ? 'package' : 'warning',
      contextValue: this.contextValue,
      tooltip: vscode.l10n.t('Outputs of {0} in s3://{1}', this.date, this.bucket),
    });
  }

  protected override async children(): Promise<TreeNode[]> {
    return [this.zip, this.manifest]
      .filter((o): o is ObjectInfo => o !== undefined)
      .map((o) => new ObjectNode(this.bucket, o));
  }
}

class BucketNode extends TreeNode {
  private paged: PagedList<ObjectInfo> | undefined;

  constructor(
    readonly role: Role,
    readonly bucket: string,
    private readonly source: DataTreeSource,
    private readonly list: (bucket: string) => AsyncIterable<ObjectInfo>,
  ) {
    super();
  }

  getTreeItem(): vscode.TreeItem {
    return treeItem({
      label: this.role.label(),
      expandable: true,
      id: `bucket:${this.role.id}`,
      description: this.bucket,
      tooltip: `${this.role.envKey}=${this.bucket}`,
      icon: this.role.kind === 'outputs' ? 'archive' : 'database',
      contextValue: bucketContextValue(this.role.id),
    });
  }

  reset(): void {
    this.paged?.reset();
  }

  override dispose(): void {
    this.paged?.reset();
    super.dispose();
  }

  loadMore(): void {
    this.paged?.more();
    this.source.provider.refresh(this);
  }

  protected override async children(): Promise<TreeNode[]> {
    this.paged ??= new PagedList(() => this.list(this.bucket), PAGE_SIZE);
    let page: { items: readonly ObjectInfo[]; hasMore: boolean };
    try {
      page = await this.paged.load();
    } catch (e) {
      this.paged = undefined;
      return [new MessageNode(describeFailure(bucketError(e, this.bucket, this.role.envKey)), 'error')];
    }
    const nodes = this.group(page.items);
    if (nodes.length === 0 && !page.hasMore) return [new MessageNode(vscode.l10n.t('Empty bucket.'))];
    if (page.hasMore) nodes.push(new LoadMoreNode(this));
    return nodes;
  }

  private group(objects: readonly ObjectInfo[]): TreeNode[] {
    switch (this.role.kind) {
      case 'daily':
        return this.groupDaily(objects);
      case 'outputs':
        return this.groupOutputs(objects);
      case 'po':
        return objects.map((o) => {
          const po = parsePoKey(o.key);
          return new ObjectNode(
            this.bucket,
            o,
            po ? vscode.l10n.t('from {0}', po.date) : o.key,
            po ? o.key : undefined,
          );
        });
      case 'serviceDetail':
        return objects.map((o) => {
          const sd = parseServiceDetailKey(o.key);
          return new ObjectNode(this.bucket, o, sd ? `${sd.from} → ${sd.to}` : o.key, sd ? o.key : undefined);
        });
      case 'executables':
        return objects.map((o) => new ObjectNode(this.bucket, o));
    }
  }

  private groupDaily(objects: readonly ObjectInfo[]): TreeNode[] {
    const byDate = new Map<string, { kind: DailyKind; object: ObjectInfo }[]>();
    const others: TreeNode[] = [];
    for (const o of objects) {
      const parsed = parseDailyKey(o.key);
      if (!parsed) {
        others.push(new ObjectNode(this.bucket, o));
        continue;
      }
      const files = byDate.get(parsed.date) ?? [];
      files.push({ kind: parsed.kind, object: o });
      byDate.set(parsed.date, files);
    }
    return [...[...byDate].map(([date, files]) => new InputDateNode(this.bucket, date, files)), ...others];
  }

  private groupOutputs(objects: readonly ObjectInfo[]): TreeNode[] {
    const byDate = new Map<string, { zip?: ObjectInfo; manifest?: ObjectInfo }>();
    const others: TreeNode[] = [];
    for (const o of objects) {
      const m = OUTPUT_KEY.exec(o.key);
      // history/ keeps replaced results; it is not the day's output.
      if (o.key.includes('/')) continue;
      if (!m) {
        others.push(new ObjectNode(this.bucket, o));
        continue;
      }
      const entry = byDate.get(m[1]) ?? {};
      if (m[2] === 'zip') entry.zip = o;
      else entry.manifest = o;
      byDate.set(m[1], entry);
    }
    return [...[...byDate].map(([date, e]) => new OutputDateNode(this.bucket, date, e.zip, e.manifest)), ...others];
  }
}

export class DataTreeSource {
  private buckets: BucketNode[] = [];
  private configKey: string | undefined;
  readonly provider: NodeTreeProvider;

  constructor(
    private readonly config: WorkspaceConfig,
    private readonly connectionFailed: () => boolean,
  ) {
    this.provider = new NodeTreeProvider(async () => this.roots());
  }

  reset(): void {
    for (const b of this.buckets) b.reset();
  }

  bucketNode(roleId: BucketRoleId): BucketNode | undefined {
    return this.buckets.find((b) => b.role.id === roleId);
  }

  private roots(): TreeNode[] {
    const state = this.config.state;
    if (state.kind !== 'ready' || this.connectionFailed()) return [];
    const key = JSON.stringify(ROLES.map((r) => r.bucket(state.config)));
    if (key !== this.configKey) {
      // Nodes live as long as the configuration, so paging and "Load more" survive refreshes.
      const storage = (): ReturnType<WorkspaceConfig['aws']>['storage'] => this.config.aws().storage;
      this.buckets = ROLES.map(
        (role) => new BucketNode(role, role.bucket(state.config), this, (bucket) => storage().list(bucket)),
      );
      this.configKey = key;
    }
    return this.buckets;
  }
}
