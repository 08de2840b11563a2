// Test Connection's judgement of an AMI's launch agent under IMDSv2-only (src/core/launchAgent.ts).
import * as assert from 'node:assert/strict';
import { launchAgentRisk } from '../../../src/core/launchAgent';

describe('launch agent of an AMI (IMDSv2 only)', () => {
  const recent = {
    ownerAlias: 'amazon',
    name: 'Windows_Server-2022-English-Full-Base-2026.11.12',
    creationDate: '2026-11-12T00:00:00.000Z',
  };

  it('trusts an image that declares IMDSv2 support, whoever built it', () => {
    assert.equal(
      launchAgentRisk({
        imdsSupport: 'v2.0',
        ownerAlias: undefined,
        name: 'my-image',
        creationDate: '2019-01-01T00:00:00Z',
      }),
      'ok',
    );
  });

  it("trusts Amazon's recent Windows Server images", () => {
    assert.equal(launchAgentRisk(recent), 'ok');
  });

  it('warns about old Amazon images and EC2Config-era ones', () => {
    assert.equal(launchAgentRisk({ ...recent, creationDate: '2019-11-01T00:00:00.000Z' }), 'oldAmazonImage');
    assert.equal(
      launchAgentRisk({ ...recent, name: 'Windows_Server-2012-R2_RTM-English-64Bit-Base-2023.01.11' }),
      'oldAmazonImage',
    );
    assert.equal(launchAgentRisk({ ...recent, creationDate: undefined }), 'oldAmazonImage');
  });

  it('warns about an image that is neither Amazon\u2019s nor declares IMDSv2 support', () => {
    assert.equal(launchAgentRisk({ ...recent, ownerAlias: undefined }), 'unknownImage');
  });
});
