// The Windows Administrator password of a machine, decrypted here with the run's key pair .pem (which never
// leaves this computer). EC2 encrypts it with the key pair's RSA public key and PKCS#1 v1.5 padding
// (GetPasswordData, EC2 API Reference). Node ≥ 20.11 refuses privateDecrypt with RSA_PKCS1_PADDING
// (CVE-2023-46809, the Marvin timing attack), so the raw RSA block is decrypted without padding and the v1.5
// padding is removed below, in code whose timing does not depend on where the padding ends.
import { constants, createPrivateKey, privateDecrypt, type KeyObject } from 'node:crypto';
import { UserError } from './errors';
import { t } from './i18n';

/**
 * The message inside an RSAES-PKCS1-v1_5 block (RFC 8017 §7.2.2): `00 02 PS 00 M`, PS at least 8 non-zero bytes.
 * Returns undefined for a block that is not well formed. Every byte is visited whatever the content, and the
 * decision is made from accumulated masks, not early exits.
 */
export function removePkcs1v15Padding(block: Uint8Array): Uint8Array | undefined {
  const n = block.length;
  let bad = (block[0] ?? 1) | ((block[1] ?? 0) ^ 0x02);
  let separator = 0; // index of the first zero after the type byte, 0 while none seen
  let seen = 0; // 0xff once a zero was found
  for (let i = 2; i < n; i++) {
    const isZero = (((block[i] ?? 0) - 1) >> 8) & 0xff; // 0xff when the byte is 0, else 0
    const first = isZero & ~seen & 0xff;
    separator |= i & -(first >> 7); // -(1) is all ones: take i only for the first zero
    seen |= isZero;
  }
  bad |= ~seen & 0xff; // no separator at all
  bad |= ((separator - 10) >> 31) & 1; // fewer than 8 padding bytes (separator < 10)
  if (n < 11) bad |= 1;
  return bad === 0 ? block.slice(separator + 1) : undefined;
}

interface PasswordKey {
  /** Where the .pem came from, for messages. */
  path: string;
  pem: string;
}

/** Reads an RSA private key; an ED25519 (or any non-RSA) key cannot decrypt a Windows password. */
function windowsPasswordKey(key: PasswordKey): KeyObject {
  let object: KeyObject;
  try {
    object = createPrivateKey(key.pem);
  } catch {
    throw new UserError(t('diagnose.password.badPem', { path: key.path }));
  }
  if (object.asymmetricKeyType !== 'rsa')
    throw new UserError(t('diagnose.password.notRsa', { path: key.path, type: object.asymmetricKeyType ?? '?' }));
  return object;
}

/** `passwordData` as GetPasswordData returns it (base64, possibly wrapped in whitespace). */
export function decryptWindowsPassword(passwordData: string, key: PasswordKey, keyPairName: string): string {
  const privateKey = windowsPasswordKey(key);
  const encrypted = Buffer.from(passwordData.replace(/\s+/g, ''), 'base64');
  let block: Buffer;
  try {
    block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, encrypted);
  } catch {
    throw new UserError(t('diagnose.password.wrongKey', { path: key.path, keyPair: keyPairName }));
  }
  const message = removePkcs1v15Padding(block);
  // A different key gives random bytes: almost never a valid padding, and then never printable text.
  const text = message ? Buffer.from(message).toString('utf8') : '';
  if (!message || text.length === 0 || !/^[\x20-\x7e]+$/.test(text))
    throw new UserError(t('diagnose.password.wrongKey', { path: key.path, keyPair: keyPairName }));
  return text;
}
