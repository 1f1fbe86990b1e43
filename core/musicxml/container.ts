/**
 * Gets the MusicXML text out of a file's bytes: plain `.musicxml` / `.xml` (UTF-8 or UTF-16 with
 * a byte-order mark), or compressed `.mxl` (a zip whose META-INF/container.xml names the score),
 * unzipped with fflate under the size limits of limits.ts.
 */
import { strFromU8, unzipSync } from 'fflate';
import { MAX_MXL_BYTES, MAX_MXL_ENTRY_BYTES, MAX_XML_BYTES, MusicXmlError } from './limits';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * True when the bytes start like a zip archive (an `.mxl`).
 *
 * @example isZip(new Uint8Array([0x50, 0x4b, 3, 4])) // true
 */
export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, i) => bytes[i] === byte);
}

/**
 * Decodes MusicXML bytes to text. Throws MusicXmlError for an oversized file or bytes that are
 * not text.
 *
 * @example decodeXml(new TextEncoder().encode('<score-partwise/>')) // '<score-partwise/>'
 */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes.length > MAX_XML_BYTES) throw new MusicXmlError(`the score is ${megabytes(bytes.length)}; the limit is ${megabytes(MAX_XML_BYTES)}`);
  const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (littleEndian || (bytes[0] === 0xfe && bytes[1] === 0xff)) return utf16(bytes.subarray(2), littleEndian);
  if (bytes.includes(0)) throw new MusicXmlError('the file is not MusicXML text (it holds binary data)');
  // fflate's UTF-8 decoder (the platform's TextDecoder where there is one): core has no DOM.
  return strFromU8(bytes).replace(/^\uFEFF/, '');
}

function utf16(bytes: Uint8Array, littleEndian: boolean): string {
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    chunk.push(littleEndian ? a | (b << 8) : (a << 8) | b);
    if (chunk.length === 8192) parts.push(String.fromCharCode(...chunk.splice(0)));
  }
  parts.push(String.fromCharCode(...chunk));
  return parts.join('');
}

/**
 * The score text of a `.musicxml` or `.mxl` file's bytes. Throws MusicXmlError for a damaged or
 * oversized archive, or one without a score.
 *
 * @example musicXmlText(readFileSync('etude.mxl')).startsWith('<?xml') // true
 */
export function musicXmlText(bytes: Uint8Array): string {
  if (!isZip(bytes)) return decodeXml(bytes);
  if (bytes.length > MAX_MXL_BYTES) throw new MusicXmlError(`the .mxl file is ${megabytes(bytes.length)}; the limit is ${megabytes(MAX_MXL_BYTES)}`);
  const container = unzipEntries(bytes, (name) => name === 'META-INF/container.xml');
  const containerText = container['META-INF/container.xml'];
  let rootPath: string | undefined;
  if (containerText !== undefined) {
    rootPath = /<rootfile\b[^>]*\bfull-path\s*=\s*"([^"]+)"/.exec(decodeXml(containerText))?.[1];
  }
  const isScoreName = (name: string): boolean => !name.startsWith('META-INF/') && /\.(musicxml|xml)$/i.test(name);
  const entries = unzipEntries(bytes, (name) => (rootPath !== undefined ? name === rootPath : isScoreName(name)), 1);
  const [score] = Object.values(entries);
  if (score === undefined) {
    throw new MusicXmlError(rootPath === undefined ? 'the .mxl archive holds no MusicXML score' : `the .mxl archive names ${rootPath} as its score but does not hold it`);
  }
  return decodeXml(score);
}

function unzipEntries(bytes: Uint8Array, wanted: (name: string) => boolean, most = Infinity): Record<string, Uint8Array> {
  let taken = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        if (!wanted(file.name) || taken >= most) return false;
        // The declared size sizes the output buffer: a zip bomb that lies about it is cut short
        // (and then fails as malformed XML) instead of filling memory.
        if (file.originalSize > MAX_MXL_ENTRY_BYTES) {
          throw new MusicXmlError(`${file.name} in the .mxl archive unpacks to ${megabytes(file.originalSize)}; the limit is ${megabytes(MAX_MXL_ENTRY_BYTES)}`);
        }
        taken += 1;
        return true;
      },
    });
  } catch (error) {
    if (error instanceof MusicXmlError) throw error;
    throw new MusicXmlError(`the .mxl archive is damaged (${error instanceof Error ? error.message : String(error)})`);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
