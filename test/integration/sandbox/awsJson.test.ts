// The AWS JSON 1.0/1.1 services of the sandbox read and refuse a request body one way: an empty body is `{}`, and
// anything but a JSON object is a SerializationException in the service's content type (as AWS answers it).
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../../src/sandbox';
import { parseJsonObject } from '../../../src/sandbox/awsJson';
import { rawRequest } from './signedFetch';

const SERVICES = [
  { service: 'logs', target: 'Logs_20140328.DescribeLogGroups', version: '1.1' },
  { service: 'states', target: 'AWSStepFunctions.ListStateMachines', version: '1.0' },
  { service: 'ssm', target: 'AmazonSSM.GetParameter', version: '1.1' },
  { service: 'pricing', target: 'AWSPriceListService.DescribeServices', version: '1.1' },
] as const;

describe('parseJsonObject', () => {
  it('reads an object, an empty body as {}, and refuses every other JSON value or text', () => {
    assert.deepEqual(parseJsonObject('{"a":1}'), { a: 1 });
    assert.deepEqual(parseJsonObject('  \n'), {});
    for (const text of ['[1]', 'null', '"x"', '3', '{', 'not json'])
      assert.equal(parseJsonObject(text), undefined, text);
  });
});

describe('sandbox AWS JSON protocols', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
  });

  const post = (s: (typeof SERVICES)[number], body: string) =>
    rawRequest(sandbox.endpoint, {
      method: 'POST',
      path: '/',
      service: s.service,
      headers: { 'content-type': `application/x-amz-json-${s.version}`, 'x-amz-target': s.target },
      body,
    });

  for (const s of SERVICES) {
    const contentType = `application/x-amz-json-${s.version}`;
    it(`${s.target}: a body that is not a JSON object is a SerializationException in ${contentType}`, async () => {
      for (const body of ['[1]', '{"unclosed"']) {
        const res = await post(s, body);
        assert.equal(res.status, 400, body);
        assert.equal(res.headers['content-type'], contentType);
        const answer = JSON.parse(res.body) as { __type?: string; message?: string };
        assert.equal(answer.__type, 'SerializationException');
        assert.equal(answer.message, 'The request body is not a JSON object.');
      }
    });
  }

  it('reads an empty body as {} (DescribeLogGroups answers, GetParameter asks for the Name)', async () => {
    const [logs, , ssm] = SERVICES;
    const groups = await post(logs, '');
    assert.equal(groups.status, 200);
    assert.ok(Array.isArray((JSON.parse(groups.body) as { logGroups?: unknown }).logGroups));
    const parameter = await post(ssm, '');
    assert.equal(parameter.status, 400);
    assert.equal((JSON.parse(parameter.body) as { __type?: string }).__type, 'ValidationException');
  });
});
