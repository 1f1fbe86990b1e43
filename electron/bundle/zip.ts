/**
 * Zip reading and writing for bundles, with fflate (small, maintained, no native code). Reading
 * is defensive: a bundle is untrusted, so sizes are capped while inflating (the sizes a zip
 * declares can lie, so a zip bomb is stopped by counting the bytes actually produced), entry
 * names are checked before anything is inflated, and duplicates, directories, absolute or
 * escaping paths are refused.
 */
import { crc32 } from 'node:zlib';
import { Unzip, UnzipInflate, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { BundleError } from './errors';

export interface ZipLimits {
  /** Largest bundle file accepted (bytes, after decryption). */
  readonly maxArchiveBytes: number;
  /** Largest single entry once inflated (bytes). */
  readonly maxEntryBytes: number;
  /** Largest sum of all inflated entries (bytes). */
  readonly maxTotalBytes: number;
  readonly maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxArchiveBytes: 512 * 1024 * 1024,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntries: 20_010,
};

const MIB = 1024 * 1024;
const formatBytes = (bytes: number) => (bytes >= MIB ? `${(bytes / MIB).toFixed(0)} MiB` : `${bytes} bytes`);

/** True when the bytes start like a zip archive (local file header 'PK\x03\x04'). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Refuses names that could mean something outside the archive if ever written to disk:
 * absolute, drive-lettered, backslashed, `..` or `.` segments, empty segments, control chars.
 *
 * @example safeEntryName('sessions/ab.json') // => true
 * @example safeEntryName('../../etc/passwd') // => false
 */
export function safeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 200) return false;
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f\\:]/.test(name) || name.startsWith('/')) return false;
  return name.split('/').every((part) => part.length > 0 && part !== '.' && part !== '..');
}

/**
 * Inflates every entry whose name `accept` allows, within the limits. Throws BundleError
 * ('bad-archive', 'bad-entry', 'too-large').
 *
 * @example readZip(bytes, (name) => name === 'manifest.json').get('manifest.json')
 */
export function readZip(bytes: Uint8Array, accept: (name: string) => boolean, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, Uint8Array> {
  if (bytes.length > limits.maxArchiveBytes) {
    throw new BundleError('too-large', `the bundle is ${formatBytes(bytes.length)}, more than the ${formatBytes(limits.maxArchiveBytes)} accepted`);
  }
  if (!looksLikeZip(bytes)) throw new BundleError('not-a-bundle', 'not an Evenkeys bundle (not a zip archive)');
  const files = new Map<string, Uint8Array>();
  let total = 0;
  let entries = 0;
  let failure: BundleError | undefined;
  const unzip = new Unzip((file) => {
    if (failure) return;
    entries += 1;
    if (entries > limits.maxEntries) {
      failure = new BundleError('too-large', `the bundle has more than ${limits.maxEntries} entries`);
      return;
    }
    if (!safeEntryName(file.name)) {
      failure = new BundleError('bad-entry', `the bundle has an entry with an unsafe name (${JSON.stringify(file.name.slice(0, 60))})`);
      return;
    }
    if (!accept(file.name)) {
      failure = new BundleError('bad-entry', `the bundle has an unexpected entry '${file.name}'`);
      return;
    }
    if (files.has(file.name)) {
      failure = new BundleError('bad-entry', `the bundle has the entry '${file.name}' twice`);
      return;
    }
    if (file.compression !== 0 && file.compression !== 8) {
      failure = new BundleError('bad-archive', `entry '${file.name}' uses an unsupported compression method (${file.compression})`);
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = new BundleError('bad-archive', `entry '${file.name}' is damaged (${error.message})`);
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
        failure = new BundleError('too-large', `the bundle unpacks to more than ${formatBytes(size > limits.maxEntryBytes ? limits.maxEntryBytes : limits.maxTotalBytes)}${size > limits.maxEntryBytes ? ` in '${file.name}'` : ''} (a zip bomb?)`);
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) files.set(file.name, concat(chunks, size));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (error) {
    if (!failure) failure = new BundleError('bad-archive', `the bundle is not a readable zip archive (${error instanceof Error ? error.message : String(error)})`);
  }
  if (failure) throw failure;
  checkCentralDirectory(bytes, files);
  return files;
}

/**
 * The central directory must list exactly the entries read from the local headers (two views
 * that disagree are a known way to show one tool one file and another tool another), with the
 * same sizes and CRC-32 (fflate does not check CRCs; a damaged entry must not pass as data).
 */
function checkCentralDirectory(bytes: Uint8Array, files: ReadonlyMap<string, Uint8Array>): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  if (end < 0 || bytes.length - end > 22 + 65_535) throw new BundleError('bad-archive', 'the bundle is not a complete zip archive (no central directory)');
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count !== files.size) throw new BundleError('bad-archive', `the zip directory lists ${count} entries but ${files.size} were found`);
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > end || view.getUint32(offset, true) !== 0x02014b50) throw new BundleError('bad-archive', 'the zip directory is damaged');
    const crc = view.getUint32(offset + 16, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extra = view.getUint16(offset + 30, true);
    const comment = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > end) throw new BundleError('bad-archive', 'the zip directory is damaged');
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const data = files.get(name);
    if (data === undefined || seen.has(name)) throw new BundleError('bad-archive', `the zip directory and its entries disagree ('${name.slice(0, 60)}')`);
    seen.add(name);
    if (data.length !== size || (crc32(data) >>> 0) !== crc) throw new BundleError('bad-archive', `entry '${name}' is damaged (size or CRC-32 mismatch)`);
    offset += 46 + nameLength + extra + comment;
  }
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Writes entries (name -> bytes) as one deflated zip, with a fixed timestamp so the same
 * content always gives the same bytes.
 *
 * @example writeZip(new Map([['manifest.json', bytes]]))
 */
export function writeZip(entries: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, data] of entries) zippable[name] = [data, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') }];
  return zipSync(zippable);
}
