// "Check inputs for a date" from the form: the CLI's pre-flight check of one date, shown as a checklist of
// what was found and what is missing (each missing item names its bucket and file).
import { loadConfig } from '../../core/config';
import { parseIsoDate } from '../../core/dates';
import { InputError } from '../../core/errors';
import { t } from '../../core/i18n';
import type { DateReadiness } from '../../core/preflight';
import { checkDateInputs } from '../../aws/connectionCheck';
import type { CheckItem, InputsReport } from './protocol';

export async function checkInputsReport(envText: string, dateText: string): Promise<InputsReport> {
  const date = parseIsoDate(dateText);
  const loaded = loadConfig(envText, process.env);
  if (!loaded.config) throw new InputError(loaded.problems[0]?.message ?? t('connection.inputs.notConfigured'));
  const readiness = await checkDateInputs(loaded.config, date);
  return inputsReport(readiness, {
    gps: loaded.config.gpsBucket,
    file196: loaded.config.file196Bucket,
    transactions: loaded.config.transactionBucket,
    po: loaded.config.opProgramBucket,
    serviceDetail: loaded.config.serviceDetailBucket,
  });
}

interface InputBuckets {
  gps: string;
  file196: string;
  transactions: string;
  po: string;
  serviceDetail: string;
}

/** What was found first (green), then every problem (red), each problem's message being the CLI's. */
export function inputsReport(r: DateReadiness, buckets: InputBuckets): InputsReport {
  const problemKeys = new Set(r.problems.map((p) => p.key).filter((k): k is string => k !== undefined));
  const found: CheckItem[] = [];
  for (const kind of ['gps', 'file196', 'transactions'] as const) {
    const key = r.daily[kind];
    if (!problemKeys.has(key))
      found.push({
        id: `daily:${kind}`,
        status: 'ok',
        title: key,
        detail: t('connection.inputs.found', { bucket: buckets[kind] }),
      });
  }
  const poBroken = r.problems.some((p) => p.kind.startsWith('po') || p.kind === 'noPo');
  if (r.po && !poBroken) {
    found.push({
      id: 'po',
      status: 'ok',
      title: r.po.key,
      detail: t('connection.inputs.poFound', { date: r.po.date, bucket: buckets.po }),
    });
  }
  if (r.serviceDetail) {
    const sd = r.serviceDetail;
    found.push({
      id: 'serviceDetail',
      status: 'ok',
      title: sd.key,
      detail: t('connection.inputs.serviceDetailFound', { from: sd.from, to: sd.to, bucket: buckets.serviceDetail }),
    });
  }
  const problems: CheckItem[] = r.problems.map((p, i) => ({
    id: `problem:${i}`,
    status: 'fail',
    title: p.key ?? p.bucket,
    detail: p.message,
  }));
  return { date: r.date, ready: r.ready, items: [...found, ...problems] };
}
