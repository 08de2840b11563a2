// The Price List API on the sandbox: the real Pricing client, TERM_MATCH filters, PriceList JSON strings.
import * as assert from 'node:assert/strict';
import { GetProductsCommand, PricingClient, type Filter } from '@aws-sdk/client-pricing';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { onDemandPrice } from '../../../src/sandbox/ec2/prices';
import { sandboxClientConfig } from './clients';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

describe('sandbox Pricing GetProducts', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  const clients: PricingClient[] = [];
  const client = (region: string): PricingClient => {
    const c = new PricingClient({ ...sandboxClientConfig(sandbox), region });
    clients.push(c);
    return c;
  };

  before(async () => {
    sandbox = await startSandbox({ seed: false });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await sandbox.close();
  });

  const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });
  const windowsFilters = (type: string, location: string): Filter[] => [
    term('instanceType', type),
    term('location', location),
    term('operatingSystem', 'Windows'),
    term('tenancy', 'Shared'),
    term('preInstalledSw', 'NA'),
    term('capacitystatus', 'Used'),
  ];

  it('answers exactly one Windows on-demand product with the fixed price for the usual filters', async () => {
    const r = await client('us-east-1').send(
      new GetProductsCommand({
        ServiceCode: 'AmazonEC2',
        Filters: windowsFilters('m5.xlarge', 'South America (Sao Paulo)'),
      }),
    );
    assert.equal(r.PriceList?.length, 1);
    // The SDK hands each PriceList entry over as a lazy JSON string.
    const item = JSON.parse(String(r.PriceList?.[0])) as {
      product: { attributes: Record<string, string> };
      terms: {
        OnDemand: Record<string, { priceDimensions: Record<string, { unit: string; pricePerUnit: { USD: string } }> }>;
      };
    };
    assert.equal(item.product.attributes.regionCode, 'sa-east-1');
    const dimension = Object.values(Object.values(item.terms.OnDemand)[0]?.priceDimensions ?? {})[0];
    assert.equal(dimension?.unit, 'Hrs');
    assert.equal(Number(dimension?.pricePerUnit.USD), onDemandPrice('m5.xlarge', 'windows', 'sa-east-1'));
  });

  it('without the narrowing filters several products match, paged by MaxResults/NextToken', async () => {
    const pricing = client('us-east-1');
    const filters = [term('instanceType', 't3.large'), term('location', 'US East (N. Virginia)')];
    const first = await pricing.send(
      new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: filters, MaxResults: 5 }),
    );
    assert.equal(first.PriceList?.length, 5);
    assert.ok(first.NextToken);
    const rest = await pricing.send(
      new GetProductsCommand({
        ServiceCode: 'AmazonEC2',
        Filters: filters,
        MaxResults: 100,
        NextToken: first.NextToken,
      }),
    );
    assert.ok((rest.PriceList?.length ?? 0) > 0);
  });

  it('serves EBS storage prices (gp3 per GB-month)', async () => {
    const r = await client('eu-central-1').send(
      new GetProductsCommand({
        ServiceCode: 'AmazonEC2',
        Filters: [term('productFamily', 'Storage'), term('volumeApiName', 'gp3'), term('regionCode', 'us-east-1')],
      }),
    );
    assert.equal(r.PriceList?.length, 1);
    assert.match(String(r.PriceList?.[0]), /"unit":"GB-Mo"/);
  });

  it('is not reachable in a region the Pricing API does not serve', async () => {
    sandbox.faults.resetCounts();
    await assert.rejects(
      client('sa-east-1').send(
        new GetProductsCommand({
          ServiceCode: 'AmazonEC2',
          Filters: windowsFilters('m5.xlarge', 'US East (N. Virginia)'),
        }),
      ),
    );
    assert.equal(sandbox.faults.count('pricing'), 0, 'no request was answered');
  });
});
