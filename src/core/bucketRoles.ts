// The seven buckets a configuration names, one table: which role each plays, the .env key and the
// AdatrapConfig setting naming it, how its keys are read and whether runs write to it. The Data view, Test
// Connection and the cross-region warning all walk this list; each gives a role its own label.
import type { AdatrapConfig } from './config';

/** The roles, in the order every list of buckets shows them. */
export const BUCKET_ROLE_IDS = [
  'gps',
  'file196',
  'transactions',
  'opProgram',
  'serviceDetail',
  'executables',
  'outputs',
] as const;
export type BucketRoleId = (typeof BUCKET_ROLE_IDS)[number];

export type BucketSetting = Extract<
  keyof AdatrapConfig,
  | 'gpsBucket'
  | 'file196Bucket'
  | 'transactionBucket'
  | 'opProgramBucket'
  | 'serviceDetailBucket'
  | 'executablesBucket'
  | 'outputBucket'
>;

/** How a bucket's keys are read: daily inputs by date, PO zips, service details, executables, run outputs. */
type BucketKind = 'daily' | 'po' | 'serviceDetail' | 'executables' | 'outputs';

export interface BucketRole {
  readonly id: BucketRoleId;
  readonly kind: BucketKind;
  readonly envKey: string;
  readonly setting: BucketSetting;
  /** Runs write their results here; every other bucket is only read. */
  readonly written: boolean;
}

const role = (id: BucketRoleId, kind: BucketKind, envKey: string, setting: BucketSetting): BucketRole => ({
  id,
  kind,
  envKey,
  setting,
  written: kind === 'outputs',
});

export const BUCKET_ROLES: readonly BucketRole[] = [
  role('gps', 'daily', 'GPS_BUCKET_NAME', 'gpsBucket'),
  role('file196', 'daily', 'FILE_196_BUCKET_NAME', 'file196Bucket'),
  role('transactions', 'daily', 'TRANSACTION_BUCKET_NAME', 'transactionBucket'),
  role('opProgram', 'po', 'OP_PROGRAM_BUCKET_NAME', 'opProgramBucket'),
  role('serviceDetail', 'serviceDetail', 'SERVICE_DETAIL_BUCKET_NAME', 'serviceDetailBucket'),
  role('executables', 'executables', 'EXECUTABLES_BUCKET', 'executablesBucket'),
  role('outputs', 'outputs', 'OUTPUT_DATA_BUCKET_NAME', 'outputBucket'),
];
