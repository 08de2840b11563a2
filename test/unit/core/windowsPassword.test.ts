import * as assert from 'node:assert/strict';
import { constants, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { UserError } from '../../../src/core/errors';
import { setLanguage } from '../../../src/core/i18n';
import { decryptWindowsPassword, removePkcs1v15Padding } from '../../../src/core/windowsPassword';

describe('Windows password decryption (RSA PKCS#1 v1.5 without Node refusing it)', () => {
  before(() => setLanguage('en'));
  const rsa = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const encrypt = (text: string, key = rsa.publicKey): string =>
    publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(text)).toString('base64');

  describe('removePkcs1v15Padding', () => {
    const block = (ps: number[], message: number[], head = [0, 2]): Uint8Array =>
      Uint8Array.from([...head, ...ps, 0, ...message]);

    it('returns the message after 00 02 PS 00', () => {
      assert.deepEqual([...(removePkcs1v15Padding(block([9, 8, 7, 6, 5, 4, 3, 2], [65, 66])) ?? [])], [65, 66]);
    });
    it('accepts an empty message', () => {
      assert.deepEqual([...(removePkcs1v15Padding(block([1, 1, 1, 1, 1, 1, 1, 1, 1], [])) ?? [0])], []);
    });
    it('refuses fewer than eight padding bytes', () => {
      assert.equal(removePkcs1v15Padding(block([1, 2, 3, 4, 5, 6, 7], [65])), undefined);
    });
    it('refuses a wrong first or type byte', () => {
      assert.equal(removePkcs1v15Padding(block([1, 1, 1, 1, 1, 1, 1, 1], [65], [1, 2])), undefined);
      assert.equal(removePkcs1v15Padding(block([1, 1, 1, 1, 1, 1, 1, 1], [65], [0, 1])), undefined);
    });
    it('refuses a block without a separator', () => {
      assert.equal(removePkcs1v15Padding(Uint8Array.from([0, 2, ...Array<number>(30).fill(7)])), undefined);
    });
    it('splits at the first zero, keeping later zeros in the message', () => {
      assert.deepEqual([...(removePkcs1v15Padding(block([5, 5, 5, 5, 5, 5, 5, 5], [0, 65, 0])) ?? [])], [0, 65, 0]);
    });
  });

  it('decrypts a password encrypted with the real public key', () => {
    const password = 'Xy7(q!Rt2@abcDEF-ghJK=mnPQ+vwz3?';
    const data = encrypt(password);
    // What GetPasswordData returns often carries line breaks around the base64.
    const wrapped = `\r\n${data.replace(/(.{64})/g, '$1\r\n')}\r\n`;
    assert.equal(decryptWindowsPassword(wrapped, { path: 'k.pem', pem: rsa.privateKey }, 'k'), password);
  });

  it('says which key pair the .pem does not belong to', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const data = encrypt('secret-password', other.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    assert.throws(
      () => decryptWindowsPassword(data, { path: '/p/k.pem', pem: rsa.privateKey }, 'run-key'),
      (e: unknown) => e instanceof UserError && /\/p\/k\.pem .*not the private key of key pair run-key/.test(e.message),
    );
  });

  it('refuses an ED25519 key, naming RSA', () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    assert.throws(
      () => decryptWindowsPassword(encrypt('x'), { path: 'ed.pem', pem: ed }, 'k'),
      (e: unknown) => e instanceof UserError && /ed25519 key: .*RSA key pairs/.test(e.message),
    );
  });

  it('refuses a file that is not a PEM key', () => {
    assert.throws(
      () => decryptWindowsPassword(encrypt('x'), { path: 'notes.txt', pem: 'hello' }, 'k'),
      (e: unknown) => e instanceof UserError && /notes\.txt is not a private key/.test(e.message),
    );
  });
});
