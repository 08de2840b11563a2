// Will this AMI's launch agent run our user data when the machine allows IMDSv2 only (HttpTokens=required)?
// An agent too old for IMDSv2 never reads the user data, so the machine never arms its deadline. What AWS documents:
// - DescribeImages `ImdsSupport: v2.0` means the AMI's software supports IMDSv2 ("do not use this parameter unless
//   your AMI software supports IMDSv2", EC2 API Reference, RegisterImage / ModifyImageAttribute ImdsSupport);
// - EC2Launch v2 comes pre-installed on Amazon's Windows Server 2022 and 2025 AMIs (EC2 User Guide, "Install the
//   latest version of EC2Config", note); Windows Server 2012 R2 and older AMIs run EC2Config;
// - the user data's Read-S3Object needs AWS Tools for Windows PowerShell 4.0.1.0 or later for IMDSv2 (EC2 User
//   Guide, "Use a supported AWS SDK").
// DescribeImages does not tell the agent's version, so this is a judgement from what it does tell: an image is
// trusted when it declares v2.0, or is Amazon's own Windows Server 2016+ image built after IMDSv2-capable agents
// and AWS Tools shipped (2020). Anything else gets a warning, never a refusal.
interface ImageFacts {
  imdsSupport?: string;
  ownerAlias?: string;
  name?: string;
  creationDate?: string;
}

type LaunchAgentRisk = 'ok' | 'oldAmazonImage' | 'unknownImage';

const IMDSV2_AGENTS_SHIPPED = Date.parse('2020-06-01T00:00:00Z');

export function launchAgentRisk(image: ImageFacts): LaunchAgentRisk {
  if (image.imdsSupport === 'v2.0') return 'ok';
  if (image.ownerAlias !== 'amazon') return 'unknownImage';
  const created = Date.parse(image.creationDate ?? '');
  const ec2ConfigEra = /Windows_Server-(2003|2008|2012)/i.test(image.name ?? '');
  if (ec2ConfigEra || Number.isNaN(created) || created < IMDSV2_AGENTS_SHIPPED) return 'oldAmazonImage';
  return 'ok';
}
