// The Price List Query API (JSON 1.1, `X-Amz-Target: AWSPriceListService.<Operation>`): GetProducts and
// DescribeServices over the sandbox's fixed prices (ec2/prices.ts). The API is served from us-east-1,
// eu-central-1 and ap-south-1 only (https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html):
// a request signed for another region finds no endpoint, so the sandbox drops the connection as DNS would fail.
// PriceList items are JSON strings in the aws_v1 shape (product.attributes, terms.OnDemand.*.priceDimensions).
import { createHash } from 'node:crypto';
import { AwsJsonProtocol } from '../awsJson';
import type { ErrorKind, Exchange, WireError } from '../exchange';
import type { Faults } from '../faults';
import { EBS_USD_PER_GB_MONTH, ON_DEMAND_USD_PER_HOUR, onDemandPrice, REGION_PRICING } from '../ec2/prices';

export const PRICING_TARGET = 'AWSPriceListService.';
const PRICING_REGIONS = ['us-east-1', 'eu-central-1', 'ap-south-1'];
const PROTOCOL = new AwsJsonProtocol('1.1');
const FILTER_TYPES = ['TERM_MATCH', 'EQUALS', 'CONTAINS', 'ANY_OF', 'NONE_OF'];

class PricingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Product {
  sku: string;
  productFamily: string;
  attributes: Record<string, string>;
  price: number;
  unit: string;
  description: string;
}

export class PricingHandler {
  private readonly products = buildProducts();

  constructor(private readonly faults: Faults) {}

  async handle(ex: Exchange, operation: string): Promise<void> {
    const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(ex.header('authorization') ?? '')?.[1] ?? 'us-east-1';
    if (!PRICING_REGIONS.includes(region)) {
      ex.destroy();
      return;
    }
    const body = await PROTOCOL.readRequest(ex);
    if (!body) return;
    if (!(await ex.admit(this.faults, { service: 'pricing', operation }, pricingErrorReply))) return;
    try {
      if (operation === 'GetProducts') return await PROTOCOL.send(ex, 200, this.getProducts(body));
      if (operation === 'DescribeServices') {
        return await PROTOCOL.send(ex, 200, {
          FormatVersion: 'aws_v1',
          Services: [{ ServiceCode: 'AmazonEC2', AttributeNames: ATTRIBUTE_NAMES }],
        });
      }
      throw new PricingError('UnknownOperationException', `The sandbox does not implement ${operation}.`);
    } catch (e) {
      if (e instanceof PricingError) return PROTOCOL.sendError(ex, 400, e.code, e.message, { Message: e.message });
      return PROTOCOL.sendError(ex, 500, 'InternalErrorException', 'An internal error occurred.');
    }
  }

  private getProducts(b: Record<string, unknown>): Record<string, unknown> {
    const serviceCode = b.ServiceCode;
    if (typeof serviceCode !== 'string')
      throw new PricingError('InvalidParameterException', 'ServiceCode is required.');
    if (serviceCode !== 'AmazonEC2') return { FormatVersion: 'aws_v1', PriceList: [] };
    const format = b.FormatVersion ?? 'aws_v1';
    if (format !== 'aws_v1')
      throw new PricingError('InvalidParameterException', `Invalid FormatVersion: ${String(format)}`);
    const filters = Array.isArray(b.Filters) ? (b.Filters as Array<Record<string, unknown>>) : [];
    for (const f of filters) {
      if (typeof f.Field !== 'string' || typeof f.Value !== 'string' || !FILTER_TYPES.includes(String(f.Type))) {
        throw new PricingError('InvalidParameterException', 'Each filter needs Type (TERM_MATCH …), Field and Value.');
      }
    }
    const max = b.MaxResults === undefined ? 100 : Number(b.MaxResults);
    if (!Number.isInteger(max) || max < 1 || max > 100) {
      throw new PricingError('InvalidParameterException', 'MaxResults must be between 1 and 100.');
    }
    const matching = this.products.filter((p) => filters.every((f) => filterMatches(p, f)));
    let offset = 0;
    if (b.NextToken !== undefined) {
      const m = typeof b.NextToken === 'string' ? /^price:(\d+)$/.exec(b.NextToken) : null;
      if (!m) throw new PricingError('InvalidNextTokenException', 'The NextToken is not valid.');
      offset = Number(m[1]);
    }
    const page = matching.slice(offset, offset + max);
    const end = offset + page.length;
    return {
      FormatVersion: 'aws_v1',
      PriceList: page.map((p) => JSON.stringify(priceListItem(p))),
      ...(end < matching.length ? { NextToken: `price:${end}` } : {}),
    };
  }
}

const ATTRIBUTE_NAMES = [
  'instanceType',
  'location',
  'regionCode',
  'operatingSystem',
  'tenancy',
  'preInstalledSw',
  'capacitystatus',
  'licenseModel',
  'volumeApiName',
  'productFamily',
];

function filterMatches(p: Product, f: Record<string, unknown>): boolean {
  const field = String(f.Field).toLowerCase();
  const attribute =
    field === 'servicecode'
      ? 'AmazonEC2'
      : field === 'productfamily'
        ? p.productFamily
        : Object.entries(p.attributes).find(([k]) => k.toLowerCase() === field)?.[1];
  const value = String(f.Value);
  switch (f.Type) {
    case 'CONTAINS':
      return attribute !== undefined && attribute.includes(value);
    case 'ANY_OF':
      return attribute !== undefined && value.split(',').includes(attribute);
    case 'NONE_OF':
      return attribute === undefined || !value.split(',').includes(attribute);
    default:
      return attribute === value;
  }
}

function buildProducts(): Product[] {
  const out: Product[] = [];
  for (const [region, { location, factor }] of Object.entries(REGION_PRICING)) {
    for (const [type, spec] of Object.entries(ON_DEMAND_USD_PER_HOUR)) {
      for (const os of ['Windows', 'Linux'] as const) {
        for (const tenancy of ['Shared', 'Dedicated']) {
          for (const preInstalledSw of os === 'Windows' ? ['NA', 'SQL Std'] : ['NA']) {
            for (const capacitystatus of ['Used', 'UnusedCapacityReservation', 'AllocatedCapacityReservation']) {
              const base = onDemandPrice(type, os === 'Windows' ? 'windows' : 'linux', region) ?? 0;
              const price =
                capacitystatus === 'AllocatedCapacityReservation'
                  ? 0
                  : round4(
                      (base + (preInstalledSw === 'SQL Std' ? 0.48 * spec.vcpu * factor : 0)) *
                        (tenancy === 'Dedicated' ? 1.1 : 1),
                    );
              out.push({
                sku: sku(`${region}|${type}|${os}|${tenancy}|${preInstalledSw}|${capacitystatus}`),
                productFamily: 'Compute Instance',
                unit: 'Hrs',
                price,
                description: `$${price.toFixed(4)} per On Demand ${os} ${type} Instance Hour`,
                attributes: {
                  servicecode: 'AmazonEC2',
                  location,
                  locationType: 'AWS Region',
                  regionCode: region,
                  instanceType: type,
                  instanceFamily: 'General purpose',
                  vcpu: String(spec.vcpu),
                  memory: `${spec.memoryGiB} GiB`,
                  operatingSystem: os,
                  tenancy,
                  preInstalledSw,
                  capacitystatus,
                  licenseModel: 'No License required',
                  usagetype: `${tenancy === 'Dedicated' ? 'DedicatedUsage' : 'BoxUsage'}:${type}`,
                  operation:
                    os === 'Windows'
                      ? preInstalledSw === 'NA'
                        ? 'RunInstances:0002'
                        : 'RunInstances:0006'
                      : 'RunInstances',
                },
              });
            }
          }
        }
      }
    }
    for (const [volume, perGb] of Object.entries(EBS_USD_PER_GB_MONTH)) {
      const price = round4(perGb * factor);
      out.push({
        sku: sku(`${region}|ebs|${volume}`),
        productFamily: 'Storage',
        unit: 'GB-Mo',
        price,
        description: `$${price} per GB-month of General Purpose (${volume}) provisioned storage`,
        attributes: {
          servicecode: 'AmazonEC2',
          location,
          locationType: 'AWS Region',
          regionCode: region,
          volumeApiName: volume,
          volumeType: 'General Purpose',
          storageMedia: 'SSD-backed',
          usagetype: `EBS:VolumeUsage.${volume}`,
        },
      });
    }
  }
  return out;
}

function priceListItem(p: Product): unknown {
  const term = 'JRTCKXETXF';
  return {
    product: { productFamily: p.productFamily, attributes: p.attributes, sku: p.sku },
    serviceCode: 'AmazonEC2',
    terms: {
      OnDemand: {
        [`${p.sku}.${term}`]: {
          priceDimensions: {
            [`${p.sku}.${term}.6YS6EN2CT7`]: {
              unit: p.unit,
              endRange: 'Inf',
              description: p.description,
              appliesTo: [],
              rateCode: `${p.sku}.${term}.6YS6EN2CT7`,
              beginRange: '0',
              pricePerUnit: { USD: p.price.toFixed(10) },
            },
          },
          sku: p.sku,
          effectiveDate: '2026-11-01T00:00:00Z',
          offerTermCode: term,
          termAttributes: {},
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  };
}

function sku(seed: string): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, 16).toUpperCase();
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

function pricingErrorReply(kind: ErrorKind): WireError {
  return PROTOCOL.faultReply(kind, {
    denied: 'User is not authorized to perform: pricing:GetProducts (sandbox fault).',
    internal: ['InternalErrorException', 'An internal error occurred.'],
  });
}
