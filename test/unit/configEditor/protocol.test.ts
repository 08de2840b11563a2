// The message protocol shared by the configuration editor's host and webview.
import * as assert from 'node:assert/strict';
import {
  ApplyFix,
  CheckInputs,
  ClearSecret,
  Ready,
  ReplaceSecret,
  SetAuthMode,
  SetValue,
  State,
  TestConnection,
} from '../../../src/vscode/configEditor/protocol';
import { PendingRequests, format, isIpcMessage, type IpcMessage } from '../../../src/vscode/webview/protocol';

describe('config editor protocol', () => {
  it('accepts only objects shaped like a message from postMessage', () => {
    assert.equal(isIpcMessage({ id: '1', method: 'ready', params: {} }), true);
    for (const junk of [
      null,
      undefined,
      'ready',
      42,
      [],
      { method: 'ready', params: {} },
      { id: 1, method: 'ready', params: {} },
      { id: '1', method: 'ready' },
    ]) {
      assert.equal(isIpcMessage(junk), false, JSON.stringify(junk));
    }
  });

  it('matches a message to its type by method name and parameter shape', () => {
    const set = SetValue.message('7', { key: 'AMI_ID', value: 'ami-12345678' });
    assert.deepEqual(set, { id: '7', method: 'setValue', params: { key: 'AMI_ID', value: 'ami-12345678' } });
    assert.equal(SetValue.is(set), true);
    assert.equal(Ready.is(set), false);
    // Right method, wrong parameters: a webview bug must not become a write to the document.
    assert.equal(SetValue.is({ id: '8', method: 'setValue', params: { key: 'AMI_ID' } }), false);
    assert.equal(SetValue.is({ id: '8', method: 'setValue', params: { key: 'AMI_ID', value: 3 } }), false);
    assert.equal(SetAuthMode.is({ id: '9', method: 'setAuthMode', params: { mode: 'sso' } }), false);
    assert.equal(SetAuthMode.is(SetAuthMode.message('9', { mode: 'profile' })), true);
    assert.equal(ApplyFix.is({ id: '9', method: 'applyFix', params: { fix: 'deleteBucket' } }), false);
    assert.equal(ReplaceSecret.is({ id: '1', method: 'replaceSecret', params: { value: 'x' } }), false);
    assert.equal(ClearSecret.is(ClearSecret.message('2', { key: 'AWS_SECRET_ACCESS_KEY' })), true);
  });

  it('gives every request a response type that carries the request id back', () => {
    const request = CheckInputs.message('42', { date: '2020-06-29' });
    assert.equal(CheckInputs.is(request), true);
    const ok = CheckInputs.response.message(request.id, {
      ok: true,
      value: { date: '2020-06-29', ready: true, items: [] },
    });
    assert.equal(ok.id, '42');
    assert.equal(ok.method, 'checkInputs/response');
    assert.equal(CheckInputs.response.is(ok), true);
    const failed: IpcMessage = TestConnection.response.message('43', { ok: false, error: 'REGION_NAME is missing' });
    assert.equal(TestConnection.response.is(failed), true);
    assert.equal(
      TestConnection.response.is({ id: '43', method: 'testConnection/response', params: { ok: false } }),
      false,
    );
    assert.notEqual(TestConnection.response.method, CheckInputs.response.method);
  });

  it('resolves each request with the response carrying its id, in any order, and rejects with the error', async () => {
    const sent: IpcMessage[] = [];
    const requests = new PendingRequests((m) => sent.push(m));
    const first = requests.send(CheckInputs, { date: '2020-06-29' });
    const second = requests.send(TestConnection, {});
    assert.equal(sent.length, 2);
    assert.notEqual(sent[0].id, sent[1].id);
    assert.equal(CheckInputs.is(sent[0]), true);
    // An answer to nobody, or a notification, is not taken for a response.
    assert.equal(
      requests.settle(CheckInputs.response.message('999', { ok: true, value: { date: 'x', ready: true, items: [] } })),
      false,
    );
    assert.equal(requests.settle(State.message(sent[0].id, { groups: [], authMode: 'keys' } as never)), false);
    assert.equal(
      requests.settle(TestConnection.response.message(sent[1].id, { ok: false, error: 'REGION_NAME is missing' })),
      true,
    );
    assert.equal(
      requests.settle(
        CheckInputs.response.message(sent[0].id, { ok: true, value: { date: '2020-06-29', ready: true, items: [] } }),
      ),
      true,
    );
    assert.deepEqual(await first, { date: '2020-06-29', ready: true, items: [] });
    await assert.rejects(second, /REGION_NAME is missing/);
    assert.equal(requests.size, 0);
    assert.equal(
      requests.settle(TestConnection.response.message(sent[1].id, { ok: true, value: { items: [] } })),
      false,
      'settled once only',
    );
  });

  it('recognises a state notification', () => {
    assert.equal(State.is({ id: 'h1', method: 'state', params: { groups: [], authMode: 'keys' } }), true);
    assert.equal(State.is({ id: 'h1', method: 'state', params: { authMode: 'keys' } }), false);
  });

  it('fills named placeholders and leaves unknown ones visible', () => {
    assert.equal(format('{count} settings to fix', { count: 3 }), '3 settings to fix');
    assert.equal(format('{date} is {what}', { date: '2020-06-29' }), '2020-06-29 is {what}');
  });
});
