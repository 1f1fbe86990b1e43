/**
 * Optional passphrase encryption of a bundle, with Node's crypto only (no extra library):
 * scrypt derives a 256-bit key from the passphrase and a random 16-byte salt, and AES-256-GCM
 * encrypts the whole zip with a random 12-byte nonce; the 16-byte tag authenticates the
 * ciphertext and the header (as additional data), so any change to either is detected.
 *
 * File layout: `EVKYENC1` (8 bytes) | header length (uint32 BE) | header JSON
 * `{ kdf: 'scrypt', N, r, p, salt, cipher: 'aes-256-gcm', iv }` (salt, iv base64) | ciphertext |
 * tag (16 bytes). Defaults N = 2^17, r = 8, p = 1 (OWASP's scrypt guidance; about 128 MiB and a
 * few hundred ms to derive). Headers asking for more than N = 2^20, r = 16, p = 4 are refused,
 * so a crafted file cannot make the import spend gigabytes deriving a key.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { z } from 'zod';
import { BundleError } from './errors';

const MAGIC = Buffer.from('EVKYENC1', 'latin1');
const TAG_BYTES = 16;

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

const headerSchema = z
  .object({
    kdf: z.literal('scrypt'),
    N: z.number().int().min(2 ** 10).max(2 ** 20).refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
    cipher: z.literal('aes-256-gcm'),
    iv: z.string().regex(/^[A-Za-z0-9+/]{16}$/),
  })
  .strict();

/** True when the bytes start with the encrypted-bundle magic. */
export function looksEncrypted(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC);
}

function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 32 * 1024 * 1024 });
}

/**
 * Encrypts a bundle with a passphrase (at least 8 characters).
 *
 * @example const sealed = encryptBundle(zipBytes, 'correct horse battery staple')
 */
export function encryptBundle(plain: Uint8Array, passphrase: string, params: ScryptParams = DEFAULT_SCRYPT): Uint8Array {
  if (passphrase.length < 8) throw new BundleError('invalid', 'a passphrase needs at least 8 characters');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header = Buffer.from(JSON.stringify({ kdf: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64'), cipher: 'aes-256-gcm', iv: iv.toString('base64') }), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, params), iv);
  cipher.setAAD(Buffer.concat([MAGIC, length, header]));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, length, header, body, cipher.getAuthTag()]);
}

/**
 * Decrypts a bundle. Throws BundleError: 'encrypted' (no passphrase given), 'wrong-passphrase'
 * (or the file was altered: GCM cannot tell the two apart), 'bad-archive' (malformed header).
 *
 * @example decryptBundle(sealed, 'correct horse battery staple') // => the zip bytes
 */
export function decryptBundle(sealed: Uint8Array, passphrase: string | undefined): Uint8Array {
  if (passphrase === undefined) throw new BundleError('encrypted', 'the bundle is encrypted: give its passphrase (--passphrase-file FILE)');
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < MAGIC.length + 4) throw new BundleError('bad-archive', 'the encrypted bundle is cut short');
  const headerLength = bytes.readUInt32BE(MAGIC.length);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerLength > 1024 || headerEnd + TAG_BYTES > bytes.length) throw new BundleError('bad-archive', 'the encrypted bundle has a damaged header');
  let header: z.infer<typeof headerSchema>;
  try {
    header = headerSchema.parse(JSON.parse(bytes.subarray(MAGIC.length + 4, headerEnd).toString('utf8')));
  } catch {
    throw new BundleError('bad-archive', 'the encrypted bundle has a damaged or unsupported header');
  }
  const key = deriveKey(passphrase, Buffer.from(header.salt, 'base64'), header);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(bytes.subarray(0, headerEnd));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(headerEnd, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new BundleError('wrong-passphrase', 'wrong passphrase, or the encrypted bundle was altered');
  }
}
