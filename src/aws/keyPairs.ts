// EC2 key pairs. RSA only: Windows password decryption needs an RSA key.
import type { EC2Client } from '@aws-sdk/client-ec2';
import { ec2Sdk } from './ec2Sdk';

interface CreatedKeyPair {
  name: string;
  keyPairId?: string;
  fingerprint?: string;
  /** The private key (PEM). Shown once by AWS: the caller must store it. */
  material: string;
}

export class KeyPairExistsError extends Error {
  override name = 'KeyPairExistsError';
}

export interface KeyPairs {
  create(name: string): Promise<CreatedKeyPair>;
}

export class Ec2KeyPairs implements KeyPairs {
  constructor(private readonly ec2: EC2Client) {}

  async create(name: string): Promise<CreatedKeyPair> {
    try {
      const r = await this.ec2.send(
        new (ec2Sdk().CreateKeyPairCommand)({ KeyName: name, KeyType: 'rsa', KeyFormat: 'pem' }),
      );
      if (!r.KeyMaterial) throw new Error('CreateKeyPair returned no key material');
      return { name, keyPairId: r.KeyPairId, fingerprint: r.KeyFingerprint, material: r.KeyMaterial };
    } catch (e) {
      // Only this code means "already exists"; any other failure is reported as what it is.
      if ((e as { name?: string }).name === 'InvalidKeyPair.Duplicate') throw new KeyPairExistsError(name);
      throw e;
    }
  }
}
