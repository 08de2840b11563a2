// The Run calendar's month (issue 12): is pricing the month's runs cheap enough to do in the same round as the
// grid? On the sandbox, a month with one run of ours per day (half with the price recorded at launch, half Spot
// machines without it, so each needs a DescribeSpotPriceHistory at its launch instant): the grid's read
// (CalendarSource.read: listings + DescribeInstances) against the costs with fresh prices (the first open of a
// session) and with the session's cached prices (every refresh after). The extension shows the grid first and
// the cost when it arrives; this says how long that wait is.
import { RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { CalendarSource } from '../src/aws/calendarSource';
import { createClients } from '../src/aws/clients';
import { costsOfMonthRuns } from '../src/aws/monthCosts';
import { AwsPrices } from '../src/aws/prices';
import { Ec2Runs } from '../src/aws/runs';
import { S3Storage } from '../src/aws/storage';
import { loadConfig } from '../src/core/config';
import { monthDates } from '../src/core/dates';
import { startSandbox } from '../src/sandbox';
import { atMost, info, type Figure } from './report';

const MONTH = '2020-07';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function measureCalendar(rounds: number): Promise<Figure[]> {
  const sb = await startSandbox({ timings: { pendingMs: 20, shuttingDownMs: 20 } });
  const loaded = loadConfig(sb.envText(), {});
  if (!loaded.config) throw new Error(`sandbox .env: ${JSON.stringify(loaded.problems)}`);
  const config = loaded.config;
  const clients = createClients(config);
  try {
    const dates = monthDates(MONTH);
    // Each machine ends at once (the account's running-instance quota; a month's runs are mostly over anyway).
    for (const [i, date] of dates.entries()) {
      const recorded = i % 2 === 0;
      const launched = await clients.ec2.send(
        new RunInstancesCommand({
          ImageId: config.amiId,
          InstanceType: 'm5.xlarge',
          MinCount: 1,
          MaxCount: 1,
          ...(recorded ? {} : { InstanceMarketOptions: { MarketType: 'spot' } }),
          TagSpecifications: [
            {
              ResourceType: 'instance',
              Tags: [
                { Key: 'adatrap:date', Value: date },
                ...(recorded ? [{ Key: 'adatrap:price', Value: 'spot:0.150400' }] : []),
              ],
            },
          ],
        }),
      );
      const id = launched.Instances?.[0]?.InstanceId;
      if (id) await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    }
    const source = new CalendarSource(new S3Storage(clients.s3), new Ec2Runs(clients.ec2), config);
    const grid: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    let unpriced = 0;
    for (let r = 0; r < rounds; r++) {
      let t = performance.now();
      const { runs } = await source.read(MONTH);
      grid.push(performance.now() - t);
      const prices = new AwsPrices(clients.pricing, clients.ec2);
      t = performance.now();
      const first = await costsOfMonthRuns(MONTH, runs, prices, config);
      cold.push(performance.now() - t);
      t = performance.now();
      await costsOfMonthRuns(MONTH, runs, prices, config);
      warm.push(performance.now() - t);
      unpriced = Math.max(unpriced, runs.length - first.size);
    }
    const gridMs = median(grid);
    return [
      info({
        group: 'calendar',
        name: `month grid read, ${dates.length} runs (median of ${rounds})`,
        value: gridMs,
        unit: 'ms',
      }),
      atMost(
        {
          group: 'calendar',
          name: `month cost, fresh prices (${dates.length} runs, ${Math.floor(dates.length / 2)} Spot lookups)`,
          value: median(cold),
          unit: 'ms',
          baseline: gridMs,
        },
        5000,
        '≤ 5000 ms (the bound)',
      ),
      atMost({ group: 'calendar', name: 'month runs left unpriced (fresh prices)', value: unpriced, unit: '' }, 0, '0'),
      atMost(
        {
          group: 'calendar',
          name: "month cost, the session's cached prices",
          value: median(warm),
          unit: 'ms',
          baseline: gridMs,
        },
        0.1 * gridMs,
        '≤ 0.1× grid read',
      ),
    ];
  } finally {
    clients.destroy();
    await sb.close();
  }
}
