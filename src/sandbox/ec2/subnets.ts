// The subnets of the emulated account: its default VPC's default subnets, one per Availability Zone (a, b, c), as a
// new AWS account has them (VPC User Guide, "Default VPCs": 172.31.0.0/16, a /20 per zone). RunInstances launches
// into the one SubnetId names (its zone is the machine's), else into zone a's, where EC2 would pick a default
// subnet; an id that is not one of them is refused as EC2 refuses it. DescribeSubnets (EC2 API Reference,
// 2016-11-15) lists them, which is how the launch price finds SUBNET_ID's zone.
import { items, toXml } from '../xml';
import { applyFilters, type QueryParams } from './query';
import { SANDBOX_ACCOUNT_ID, namedOrAll, type Ec2Operation } from './request';
import { SANDBOX_VPC_ID } from './securityGroups';
import { Ec2Error } from './state';

export interface Subnet {
  subnetId: string;
  availabilityZone: string;
  cidrBlock: string;
}

const ZONES = ['a', 'b', 'c'] as const;

function defaultSubnets(region: string): Map<string, Subnet> {
  return new Map(
    ZONES.map((zone, i) => {
      // 17 hexadecimal digits, as EC2's subnet ids have (config's SUBNET_ID rule accepts nothing else).
      const subnetId = `subnet-0dea5a0000000000${zone}`;
      return [subnetId, { subnetId, availabilityZone: `${region}${zone}`, cidrBlock: `172.31.${i * 16}.0/20` }];
    }),
  );
}

function checkedId(subnetId: string): string {
  if (!/^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/.test(subnetId))
    throw new Ec2Error('InvalidSubnetID.Malformed', `Invalid id: "${subnetId}" (expecting "subnet-...")`);
  return subnetId;
}

const notFound = (subnetId: string) =>
  new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);

/** The subnet a machine launches into: SubnetId's, or zone a's default subnet when RunInstances names none. */
export function launchSubnet(region: string, subnetId: string | undefined): Subnet {
  const subnets = defaultSubnets(region);
  if (subnetId === undefined) return [...subnets.values()][0] as Subnet;
  const subnet = subnets.get(checkedId(subnetId));
  if (!subnet) throw notFound(subnetId);
  return subnet;
}

const FILTERS = {
  'availability-zone': (s) => s.availabilityZone,
  availabilityZone: (s) => s.availabilityZone,
  'subnet-id': (s) => s.subnetId,
  'vpc-id': () => SANDBOX_VPC_ID,
  'cidr-block': (s) => s.cidrBlock,
  'default-for-az': () => 'true',
  defaultForAz: () => 'true',
  state: () => 'available',
} as const satisfies Record<string, (s: Subnet) => string>;

const describeSubnets: Ec2Operation = (ctx, q: QueryParams) => {
  const named = namedOrAll(q.list('SubnetId').map(checkedId), defaultSubnets(ctx.region), notFound);
  const subnets = applyFilters(named, q, { fields: FILTERS });
  return toXml({
    subnetSet: items(
      subnets.map((s) => ({
        subnetId: s.subnetId,
        subnetArn: `arn:aws:ec2:${ctx.region}:${SANDBOX_ACCOUNT_ID}:subnet/${s.subnetId}`,
        state: 'available',
        ownerId: SANDBOX_ACCOUNT_ID,
        vpcId: SANDBOX_VPC_ID,
        cidrBlock: s.cidrBlock,
        availableIpAddressCount: 4091,
        availabilityZone: s.availabilityZone,
        defaultForAz: true,
        mapPublicIpOnLaunch: true,
      })),
    ),
  });
};

export const SUBNET_OPERATIONS: Readonly<Record<string, Ec2Operation>> = { DescribeSubnets: describeSubnets };
