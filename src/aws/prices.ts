// What a machine costs per hour and its root volume per GB-month, asked of AWS once per session.
//
// Documentation these lookups follow:
// - On-demand: the Price List Query API (`pricing:GetProducts`), served from us-east-1, eu-central-1 and
//   ap-south-1 only ("Using the AWS Price List Query API", Billing User Guide; clients.ts pins us-east-1).
//   ServiceCode AmazonEC2 with TERM_MATCH filters on the product attributes DescribeServices lists: instanceType,
//   regionCode, operatingSystem=Windows, tenancy=Shared, preInstalledSw=NA (no SQL Server), capacitystatus=Used
//   (not a capacity reservation), licenseModel="No License required" (the licence is included, as on Amazon's
//   Windows AMIs). The price is the OnDemand term's priceDimension in USD per `Hrs`.
// - EBS: the same API, productFamily=Storage, volumeApiName=gp3, regionCode; USD per `GB-Mo`.
// - Spot: EC2 DescribeSpotPriceHistory with StartTime = EndTime = the moment asked about; AWS "also returns the
//   last price change before the start time, which is the effective price as of the start time" (EC2 API
//   Reference, DescribeSpotPriceHistory). ProductDescription "Windows" (the "(Amazon VPC)" variants belong to
//   EC2-Classic, retired). Spot prices differ per Availability Zone; without a zone we do not know where EC2 will
//   place the machine, so we take the dearest zone: the estimate is never below what the launch pays.
import type { PricingClient, Filter } from '@aws-sdk/client-pricing';
import type { EC2Client, _InstanceType } from '@aws-sdk/client-ec2';
import { ec2Sdk } from './ec2Sdk';
import { pricingSdk } from './sdk';
import { awsErrorName, httpStatus } from './awsErrors';
import { errorMessage } from '../core/errors';
import type { PriceQuote } from '../core/costEstimate';

export interface Prices {
  /** USD per hour of an on-demand Windows machine of this type in this region. */
  onDemandHourly(region: string, instanceType: string): Promise<PriceQuote>;
  /** USD per hour of a Windows Spot machine at `at` (default now), in `availabilityZone` or the dearest zone. */
  spotHourly(region: string, instanceType: string, at?: Date, availabilityZone?: string): Promise<PriceQuote>;
  /** USD per GB-month of a gp3 volume in this region. */
  gp3GbMonth(region: string): Promise<PriceQuote>;
  /** The Availability Zone of a subnet (DescribeSubnets), or undefined when it cannot be read. */
  subnetZone?(subnetId: string): Promise<string | undefined>;
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);

/** An error becomes an unknown price naming what to fix; a price lookup never fails a command. */
function unknownPrice(e: unknown, permission: string): PriceQuote {
  const name = awsErrorName(e);
  if (DENIED.has(name) || httpStatus(e) === 403) return { known: false, needs: permission };
  return { known: false, reason: errorMessage(e) };
}

interface PriceListItem {
  product?: { attributes?: Record<string, string> };
  terms?: {
    OnDemand?: Record<string, { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }>;
  };
}

/** The USD price per `unit` of the first OnDemand dimension in a PriceList entry, or undefined. */
function priceOf(item: string, unit: string): number | undefined {
  let parsed: PriceListItem;
  try {
    parsed = JSON.parse(item) as PriceListItem;
  } catch {
    return undefined;
  }
  for (const term of Object.values(parsed.terms?.OnDemand ?? {})) {
    for (const dimension of Object.values(term.priceDimensions ?? {})) {
      const usd = Number(dimension.pricePerUnit?.USD);
      if (dimension.unit === unit && Number.isFinite(usd) && usd >= 0) return usd;
    }
  }
  return undefined;
}

const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });

function windowsOnDemandFilters(region: string, instanceType: string): Filter[] {
  return [
    term('instanceType', instanceType),
    term('regionCode', region),
    term('operatingSystem', 'Windows'),
    term('tenancy', 'Shared'),
    term('preInstalledSw', 'NA'),
    term('capacitystatus', 'Used'),
    term('licenseModel', 'No License required'),
  ];
}

function gp3Filters(region: string): Filter[] {
  return [term('productFamily', 'Storage'), term('volumeApiName', 'gp3'), term('regionCode', region)];
}

export class AwsPrices implements Prices {
  private readonly cache = new Map<string, Promise<PriceQuote>>();

  constructor(
    private readonly pricing: PricingClient,
    private readonly ec2: EC2Client,
  ) {}

  onDemandHourly(region: string, instanceType: string): Promise<PriceQuote> {
    return this.cached(`od|${region}|${instanceType}`, () =>
      this.listPrice(windowsOnDemandFilters(region, instanceType), 'Hrs'),
    );
  }

  gp3GbMonth(region: string): Promise<PriceQuote> {
    return this.cached(`ebs|${region}`, () => this.listPrice(gp3Filters(region), 'GB-Mo'));
  }

  spotHourly(region: string, instanceType: string, at?: Date, availabilityZone?: string): Promise<PriceQuote> {
    // Current prices are cached per minute; a price at a past instant never changes.
    const when = at ?? new Date(Math.floor(Date.now() / 60_000) * 60_000);
    return this.cached(`spot|${region}|${instanceType}|${when.toISOString()}|${availabilityZone ?? ''}`, () =>
      this.spotPrice(instanceType, when, availabilityZone),
    );
  }

  async subnetZone(subnetId: string): Promise<string | undefined> {
    try {
      const out = await this.ec2.send(new (ec2Sdk().DescribeSubnetsCommand)({ SubnetIds: [subnetId] }));
      return out.Subnets?.[0]?.AvailabilityZone || undefined;
    } catch {
      return undefined;
    }
  }

  private cached(key: string, fetch: () => Promise<PriceQuote>): Promise<PriceQuote> {
    let hit = this.cache.get(key);
    if (!hit) {
      hit = fetch();
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async listPrice(filters: Filter[], unit: string): Promise<PriceQuote> {
    try {
      const prices: number[] = [];
      let token: string | undefined;
      do {
        const page = await this.pricing.send(
          new (pricingSdk().GetProductsCommand)({
            ServiceCode: 'AmazonEC2',
            FormatVersion: 'aws_v1',
            Filters: filters,
            NextToken: token,
          }),
        );
        for (const item of page.PriceList ?? []) {
          const usd = priceOf(String(item), unit);
          if (usd !== undefined) prices.push(usd);
        }
        token = page.NextToken;
      } while (token);
      if (prices.length === 0) return { known: false, reason: 'no price listed' };
      // Several matching products would be a product variant we did not filter out: the dearest is the safe bound.
      return { known: true, usd: Math.max(...prices) };
    } catch (e) {
      return unknownPrice(e, 'pricing:GetProducts');
    }
  }

  private async spotPrice(instanceType: string, at: Date, availabilityZone: string | undefined): Promise<PriceQuote> {
    try {
      const newest = new Map<string, { at: number; usd: number }>();
      let token: string | undefined;
      do {
        const page = await this.ec2.send(
          new (ec2Sdk().DescribeSpotPriceHistoryCommand)({
            InstanceTypes: [instanceType as _InstanceType],
            ProductDescriptions: ['Windows'],
            StartTime: at,
            EndTime: at,
            ...(availabilityZone ? { AvailabilityZone: availabilityZone } : {}),
            NextToken: token,
          }),
        );
        for (const p of page.SpotPriceHistory ?? []) {
          const zone = p.AvailabilityZone ?? '';
          const when = p.Timestamp?.getTime() ?? 0;
          const usd = Number(p.SpotPrice);
          if (!Number.isFinite(usd) || when > at.getTime()) continue;
          const seen = newest.get(zone);
          if (!seen || when > seen.at) newest.set(zone, { at: when, usd });
        }
        token = page.NextToken || undefined;
      } while (token);
      if (newest.size === 0) return { known: false, reason: 'no Spot price history' };
      return { known: true, usd: Math.max(...[...newest.values()].map((v) => v.usd)) };
    } catch (e) {
      return unknownPrice(e, 'ec2:DescribeSpotPriceHistory');
    }
  }
}
