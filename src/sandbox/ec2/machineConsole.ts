// What GetConsoleOutput and GetPasswordData read for a sandbox machine.
//
// Console: EC2 keeps only the most recent 64 KB, and by default answers with the copy buffered at the last
// instance state transition; `Latest=true` gives what the machine printed up to now (GetConsoleOutput, EC2 API
// Reference). The sandbox prints EC2Launch v2-style boot lines, then everything the launched work printed.
//
// Password: EC2Launch sets a random Administrator password at first boot and publishes it encrypted with the
// launch key pair's RSA public key (PKCS#1 v1.5); until then GetPasswordData answers an empty string
// (GetPasswordData, EC2 API Reference: "wait up to 15 minutes"). A machine launched without a key pair never
// gets one published.
import { constants, generateKeyPairSync, publicEncrypt, randomInt } from 'node:crypto';
import type { Instance, KeyPair } from './state';

const CONSOLE_LIMIT_BYTES = 64 * 1024;

/** EC2Launch v2 writes `YYYY/MM/DD HH:MM:SSZ: message` lines to the serial console. */
export function ec2LaunchLine(message: string, when = new Date()): string {
  const iso = when.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '/')} ${iso.slice(11, 19)}Z: ${message}\n`;
}

export function appendConsole(instance: Instance, text: string): void {
  const joined = (instance.consoleOutput ?? '') + text;
  instance.consoleOutput = lastBytes(joined, CONSOLE_LIMIT_BYTES);
  instance.consoleUpdatedAt = Date.now();
}

/** At every state transition the buffered copy (what GetConsoleOutput returns without Latest) catches up. */
export function bufferConsole(instance: Instance): void {
  if (instance.consoleOutput === undefined) return;
  instance.consoleBuffered = instance.consoleOutput;
  instance.consoleBufferedAt = Date.now();
}

function lastBytes(text: string, limit: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  // Cut at a character boundary: a continuation byte (10xxxxxx) cannot start the kept part.
  let start = bytes.length - limit;
  while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++;
  return bytes.subarray(start).toString('utf8');
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%&*()-=+?;';

/** A random password of the kind EC2Launch sets, encrypted as EC2 publishes it (base64 of the RSA block). */
export function publishPassword(instance: Instance, pair: KeyPair): void {
  if (pair.keyType !== 'rsa') return; // EC2 only decrypts Windows passwords for RSA key pairs.
  const password = Array.from({ length: 32 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
  const encrypted = publicEncrypt(
    { key: publicKeyOf(pair), padding: constants.RSA_PKCS1_PADDING },
    Buffer.from(password, 'utf8'),
  );
  instance.passwordData = encrypted.toString('base64');
  instance.passwordAt = Date.now();
}

/**
 * A seeded key pair has no private key anyone holds: its public half is made on first need and the private
 * half dropped, so its password exists but nobody can decrypt it (what a lost .pem means).
 */
function publicKeyOf(pair: KeyPair): string {
  pair.publicKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  }).publicKey;
  return pair.publicKey;
}
