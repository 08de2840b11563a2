import * as assert from 'node:assert/strict';
import { setLanguage } from '../../../src/core/i18n';
import { rdpAdvice } from '../../../src/core/rdpAdvice';
import {
  authorizeRdpCommand,
  cidrContains,
  rdpAccess,
  rdpFileText,
  ssmPortForwardCommand,
  type GroupRules,
} from '../../../src/core/remoteDesktop';

const group = (groupId: string, ...ingress: GroupRules['ingress']): GroupRules => ({ groupId, ingress });
const rule = (ipProtocol: string, from: number | undefined, to: number | undefined, cidrs: string[]) => ({
  ipProtocol,
  fromPort: from,
  toPort: to,
  ipRanges: cidrs.filter((c) => !c.includes(':')),
  ipv6Ranges: cidrs.filter((c) => c.includes(':')),
  sourceGroups: [],
});

describe('Remote Desktop: .rdp file and port 3389 check', () => {
  before(() => setLanguage('en'));

  it('writes the address and Administrator, CRLF, never a password', () => {
    const text = rdpFileText('ec2-198-51-100-7.compute-1.amazonaws.com');
    assert.equal(
      text,
      'full address:s:ec2-198-51-100-7.compute-1.amazonaws.com\r\nusername:s:Administrator\r\n' +
        'prompt for credentials:i:1\r\nadministrative session:i:1\r\n',
    );
    assert.doesNotMatch(text, /password/i);
    assert.match(rdpFileText('localhost', 13389), /^full address:s:localhost:13389\r\n/);
  });

  it('matches IPv4 and IPv6 CIDRs', () => {
    assert.ok(cidrContains('0.0.0.0/0', '203.0.113.9'));
    assert.ok(cidrContains('203.0.113.0/24', '203.0.113.9'));
    assert.ok(!cidrContains('203.0.113.0/25', '203.0.113.200'));
    assert.ok(cidrContains('203.0.113.9/32', '203.0.113.9'));
    assert.ok(cidrContains('2001:db8::/32', '2001:db8:1::5'));
    assert.ok(!cidrContains('2001:db8::/32', '2001:db9::5'));
    assert.ok(!cidrContains('0.0.0.0/0', '2001:db8::1'), 'an IPv4 rule does not admit an IPv6 address');
  });

  it('finds the rule that admits the address on 3389 (tcp range or all traffic)', () => {
    const groups = [
      group('sg-a', rule('tcp', 22, 22, ['0.0.0.0/0'])),
      group('sg-b', rule('tcp', 3000, 4000, ['203.0.113.0/24'])),
    ];
    assert.deepEqual(rdpAccess(groups, '203.0.113.9'), { kind: 'open', groupId: 'sg-b', cidr: '203.0.113.0/24' });
    assert.equal(rdpAccess([group('sg-c', rule('-1', undefined, undefined, ['0.0.0.0/0']))], '1.2.3.4').kind, 'open');
    assert.equal(rdpAccess([group('sg-d', rule('udp', 3389, 3389, ['0.0.0.0/0']))], '1.2.3.4').kind, 'closed');
  });

  it('says exactly which rule to add and the command, plus the SSM tunnel', () => {
    const access = rdpAccess([group('sg-0123abcd', rule('tcp', 22, 22, ['0.0.0.0/0']))], '203.0.113.9');
    assert.deepEqual(access, { kind: 'closed', groupIds: ['sg-0123abcd'], sourceCidr: '203.0.113.9/32' });
    const advice = rdpAdvice(access, 'i-0123456789abcdef0', 'sa-east-1', '203.0.113.9');
    assert.equal(advice.ok, false);
    assert.match(advice.summary, /3389 is closed to your address 203\.0\.113\.9\/32/);
    assert.match(
      advice.details[0] ?? '',
      /security group sg-0123abcd an inbound rule: TCP 3389 from 203\.0\.113\.9\/32/,
    );
    assert.equal(
      advice.details[1],
      'aws ec2 authorize-security-group-ingress --region sa-east-1 --group-id sg-0123abcd --protocol tcp --port 3389 --cidr 203.0.113.9/32',
    );
    assert.ok(advice.alternative.includes(ssmPortForwardCommand('i-0123456789abcdef0', 'sa-east-1', 13389)));
    assert.match(
      ssmPortForwardCommand('i-0123456789abcdef0', 'sa-east-1', 13389),
      /--document-name AWS-StartPortForwardingSession --parameters '\{"portNumber":\["3389"\],"localPortNumber":\["13389"\]\}'$/,
    );
  });

  it('uses --ip-permissions for an IPv6 address', () => {
    assert.match(
      authorizeRdpCommand('sg-1', '2001:db8::1/128', 'us-east-1'),
      /Ipv6Ranges=\[\{CidrIpv6=2001:db8::1\/128/,
    );
  });

  it('without a known address lists what is open to whom', () => {
    const access = rdpAccess([group('sg-a', rule('tcp', 3389, 3389, ['10.0.0.0/8']))], undefined);
    assert.deepEqual(access, { kind: 'unknown', openTo: [{ groupId: 'sg-a', cidr: '10.0.0.0/8' }] });
    assert.match(rdpAdvice(access, 'i-1', 'us-east-1').details[0] ?? '', /sg-a allows TCP 3389 from 10\.0\.0\.0\/8/);
  });
});
