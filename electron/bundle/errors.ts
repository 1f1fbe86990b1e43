/**
 * Why a bundle was refused, in one line a teacher or pianist can act on. Nothing was changed
 * when this is thrown: reading, decrypting and validating happen before the database is touched,
 * and the import itself is one transaction.
 */
export type BundleErrorCode =
  | 'not-a-bundle'
  | 'wrong-version'
  | 'too-large'
  | 'bad-archive'
  | 'bad-entry'
  | 'invalid'
  | 'encrypted'
  | 'wrong-passphrase'
  | 'clash'
  | 'conflict';

/** @example throw new BundleError('wrong-version', 'bundle version 2 is newer than this Evenkeys reads (1)') */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message.split('\n')[0]);
  }
}
