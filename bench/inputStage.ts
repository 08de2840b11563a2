// The agent's input stage (download + gunzip through agent/transfer.ts) beside a bare GET | gunzip of the
// same object, alternated (ABBA) so a burst of load on this shared machine hits both sides.
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Sandbox } from '../src/sandbox';
import { presignS3Url } from '../src/sandbox/auth/presign';
import { INPUT_BUCKET } from './inputData';
import { atMost, info, type Figure } from './report';
import { benchJsDir, runChild } from './runChild';

interface InputSample {
  key: string;
  gzBytes: number;
  agentMs: number;
  agentRssMb: number;
  plainMs: number;
  plainRssMb: number;
}

export async function measureInput(
  sb: Sandbox,
  key: string,
  gzBytes: number,
  workDir: string,
  rounds: number,
): Promise<InputSample> {
  mkdirSync(workDir, { recursive: true });
  const out = path.join(workDir, 'out.bin');
  const env = { ...sb.env };
  const sample: InputSample = { key, gzBytes, agentMs: Infinity, agentRssMb: 0, plainMs: Infinity, plainRssMb: 0 };
  const agent = async (): Promise<void> => {
    const r = await runChild<{ ms: number }>(
      path.join(benchJsDir(), 'children', 'agentInput.js'),
      [sb.endpoint, INPUT_BUCKET, key, out],
      { env, timeoutMs: 600_000 },
    );
    sample.agentMs = Math.min(sample.agentMs, r.result.ms);
    sample.agentRssMb = Math.max(sample.agentRssMb, r.maxRssMb);
    rmSync(out, { force: true });
  };
  const plain = async (): Promise<void> => {
    // Every sandbox request must be signed: a presigned URL keeps the baseline a bare HTTP GET.
    const url = presignS3Url(sb.endpoint, INPUT_BUCKET, key, { expiresSeconds: 3600 });
    const r = await runChild<{ ms: number }>(path.join(benchJsDir(), 'children', 'plainGunzip.js'), [url, out], {
      env,
      timeoutMs: 600_000,
    });
    sample.plainMs = Math.min(sample.plainMs, r.result.ms);
    sample.plainRssMb = Math.max(sample.plainRssMb, r.maxRssMb);
    rmSync(out, { force: true });
  };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      await plain();
      await agent();
    } else {
      await agent();
      await plain();
    }
  }
  return sample;
}

export function inputFigures(big: InputSample, small: InputSample): Figure[] {
  const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
  const gb = (big.gzBytes / 1e9).toFixed(2);
  const group = 'agent input';
  return [
    atMost(
      {
        group,
        name: `download+gunzip ${gb} GB .gz, time`,
        value: big.agentMs / 1000,
        unit: 's',
        baseline: big.plainMs / 1000,
      },
      (1.5 * big.plainMs) / 1000,
      '≤ 1.5× baseline',
    ),
    info({
      group,
      name: 'throughput (compressed MB/s)',
      value: mbps(big.gzBytes, big.agentMs),
      unit: 'MB/s',
      baseline: mbps(big.gzBytes, big.plainMs),
    }),
    info(
      { group, name: `peak RSS, ${gb} GB`, value: big.agentRssMb, unit: 'MB', baseline: big.plainRssMb },
      'info (loads the SDK clients)',
    ),
    atMost(
      {
        group,
        name: `peak RSS growth ${(small.gzBytes / 1e6).toFixed(0)} MB→${gb} GB`,
        value: big.agentRssMb / small.agentRssMb,
        unit: '×',
        baseline: big.plainRssMb / small.plainRssMb,
      },
      1.25,
      '≤ 1.25× (flat)',
    ),
  ];
}
