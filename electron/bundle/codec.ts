/**
 * Bundle bytes <-> validated content. `decodeBundle` recognises a bundle by its content, never
 * its file name (an encrypted bundle by its `EVKYENC1` magic, a plain one as a zip whose
 * manifest says `evenkeys.bundle`), then checks every entry with zod and cross-checks them
 * (manifest vs files, unique uids, increasing seqs, annotation targets). It touches no database.
 */
import { decryptBundle, encryptBundle, looksEncrypted } from './crypto';
import type { ScryptParams } from './crypto';
import { BundleError } from './errors';
import {
  ANNOTATIONS_ENTRY,
  BUNDLE_FORMAT,
  BUNDLE_VERSIONS,
  HAND_CORRECTIONS_VERSION,
  MANIFEST_ENTRY,
  README_ENTRY,
  bundleAnnotationsSchema,
  bundleManifestSchema,
  bundleSessionSchema,
  sessionEntry,
} from './format';
import type { BundleContent, BundleManifest, BundleSession } from './format';
import { DEFAULT_ZIP_LIMITS, looksLikeZip, readZip, writeZip } from './zip';
import type { ZipLimits } from './zip';

const readme = (version: number): string => `This file is an Evenkeys bundle (${BUNDLE_FORMAT} version ${version}): a pianist's practice log
(raw MIDI, session details, notes). It is health-related data: keep it private, and delete it
once it has been imported. Open it with Evenkeys: evenkeys import FILE, or Teacher > Import.
`;

const SESSION_ENTRY = /^sessions\/([0-9a-f]{32})\.json$/;

/**
 * @example encodeBundle(content) // => zip bytes; with { passphrase } the encrypted form
 */
export function encodeBundle(content: BundleContent, options: { passphrase?: string; scrypt?: ScryptParams } = {}): Uint8Array {
  const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const entries = new Map<string, Uint8Array>([
    [MANIFEST_ENTRY, utf8(content.manifest)],
    [README_ENTRY, new TextEncoder().encode(readme(content.manifest.version))],
    [ANNOTATIONS_ENTRY, utf8(content.annotations)],
  ]);
  for (const session of content.sessions) entries.set(sessionEntry(session.uid), utf8(session));
  const zip = writeZip(entries);
  return options.passphrase === undefined ? zip : encryptBundle(zip, options.passphrase, options.scrypt);
}

/** What a file is, judged from its first bytes. @example sniffBundle(bytes) // => 'zip' */
export function sniffBundle(bytes: Uint8Array): 'encrypted' | 'zip' | 'other' {
  return looksEncrypted(bytes) ? 'encrypted' : looksLikeZip(bytes) ? 'zip' : 'other';
}

function parseJson(entry: string, bytes: Uint8Array | undefined): unknown {
  if (bytes === undefined) throw new BundleError('invalid', `the bundle has no ${entry}`);
  let textValue: string;
  try {
    textValue = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BundleError('invalid', `${entry} is not UTF-8 text`);
  }
  try {
    return JSON.parse(textValue);
  } catch (error) {
    throw new BundleError('invalid', `${entry} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function issueText(entry: string, error: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  return `${entry}${where}: ${issue?.message ?? 'invalid'}`;
}

function checkManifestHead(raw: unknown): void {
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== BUNDLE_FORMAT) {
    throw new BundleError('not-a-bundle', 'not an Evenkeys bundle (its manifest does not say evenkeys.bundle)');
  }
  if (typeof head.version !== 'number' || !BUNDLE_VERSIONS.includes(head.version)) {
    const version = typeof head.version === 'number' || typeof head.version === 'string' ? String(head.version) : 'missing';
    throw new BundleError('wrong-version', `bundle version ${version.slice(0, 20)} is not one this Evenkeys reads (it reads versions ${BUNDLE_VERSIONS.join(' and ')}); update Evenkeys`);
  }
}

// A time span for a message: to the microsecond (the stored float64 has more digits than help).
const spanText = (span: { startMs: number; endMs: number }): string => `${+span.startMs.toFixed(3)}-${+span.endMs.toFixed(3)} ms`;

/**
 * The pianist's hand corrections of one session (version 2): present exactly when the version
 * has them, each span forwards and inside the session's log (a corrected take runs from one of
 * its notes' onsets to one of their releases, and a release is a message time or a device gap's),
 * and no two overlapping (a new correction replaces the overlapping one where it is made, so a
 * real log never holds two: the merge on import relies on it).
 */
function checkHandCorrections(session: BundleSession, version: number, where: string): void {
  const corrections = session.handCorrections;
  if (version < HAND_CORRECTIONS_VERSION) {
    if (corrections !== undefined) throw new BundleError('invalid', `${where}: hand corrections in a version ${version} bundle (they need version ${HAND_CORRECTIONS_VERSION})`);
    return;
  }
  if (corrections === undefined) throw new BundleError('invalid', `${where}: a version ${version} session must carry handCorrections (empty when there are none)`);
  if (corrections.length === 0) return;
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const event of session.rawEvents) {
    firstMs = Math.min(firstMs, event.timeMs);
    lastMs = Math.max(lastMs, event.timeMs);
  }
  for (const gap of session.gaps) {
    firstMs = Math.min(firstMs, gap.disconnectedAtMs);
    lastMs = Math.max(lastMs, gap.disconnectedAtMs);
  }
  const sorted = [...corrections].sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  let reach: (typeof sorted)[number] | undefined; // the correction so far that ends last
  for (const [i, correction] of sorted.entries()) {
    const span = spanText(correction);
    if (correction.endMs < correction.startMs) throw new BundleError('invalid', `${where}: the hand correction of ${span} ends before it starts`);
    if (correction.startMs < firstMs || correction.endMs > lastMs) {
      const log = Number.isFinite(firstMs) ? `its MIDI log runs ${spanText({ startMs: firstMs, endMs: lastMs })}` : 'it has no MIDI log';
      throw new BundleError('invalid', `${where}: the hand correction of ${span} is outside the session (${log})`);
    }
    // Spans that share more than an end point (saveHandCorrection's rule), or the same span twice.
    const previous = sorted[i - 1];
    const twice = previous && previous.startMs === correction.startMs && previous.endMs === correction.endMs ? previous : undefined;
    const over = reach && reach.endMs > correction.startMs ? reach : twice;
    if (over) throw new BundleError('invalid', `${where}: two hand corrections of overlapping takes (${spanText(over)} and ${span})`);
    if (!reach || correction.endMs > reach.endMs) reach = correction;
  }
}

function checkSession(session: BundleSession, listed: BundleManifest['sessions'][number], version: number): void {
  const where = sessionEntry(session.uid);
  if (session.startedAt !== listed.startedAt || session.rawEvents.length !== listed.rawEvents) {
    throw new BundleError('invalid', `${where} does not match the manifest (start time or event count)`);
  }
  if (session.endedAt !== null && Date.parse(session.endedAt) < Date.parse(session.startedAt)) {
    throw new BundleError('invalid', `${where}: the session ends before it starts`);
  }
  let last = -1;
  for (const event of session.rawEvents) {
    if (event.seq <= last) throw new BundleError('invalid', `${where}: raw event seq ${event.seq} is not after ${last}`);
    last = event.seq;
  }
  for (const gap of session.gaps) {
    if (gap.afterSeq > last) throw new BundleError('invalid', `${where}: a device gap follows seq ${gap.afterSeq}, which is not in the log`);
    if (gap.reconnectedAtMs !== null && gap.reconnectedAtMs < gap.disconnectedAtMs) throw new BundleError('invalid', `${where}: a device gap ends before it starts`);
  }
  for (const click of session.clicks ?? []) {
    if ('id' in click || 'session_id' in click) throw new BundleError('invalid', `${where}: a click carries a row id or session id`);
  }
  checkHandCorrections(session, version, where);
}

/**
 * Reads and validates a bundle. Throws BundleError with a one-line reason.
 *
 * @example decodeBundle(readFileSync('ana.evenkeys')).manifest.profile.name // => 'Ana'
 */
export function decodeBundle(bytes: Uint8Array, options: { passphrase?: string; limits?: ZipLimits } = {}): BundleContent {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const kind = sniffBundle(bytes);
  if (kind === 'other') throw new BundleError('not-a-bundle', 'not an Evenkeys bundle (neither a zip archive nor an encrypted bundle)');
  if (kind === 'encrypted' && bytes.length > limits.maxArchiveBytes) throw new BundleError('too-large', 'the encrypted bundle is larger than accepted');
  const zip = kind === 'encrypted' ? decryptBundle(bytes, options.passphrase) : bytes;
  const files = readZip(zip, (name) => name === MANIFEST_ENTRY || name === ANNOTATIONS_ENTRY || name === README_ENTRY || SESSION_ENTRY.test(name), limits);

  const rawManifest = parseJson(MANIFEST_ENTRY, files.get(MANIFEST_ENTRY));
  checkManifestHead(rawManifest);
  const manifestResult = bundleManifestSchema.safeParse(rawManifest);
  if (!manifestResult.success) throw new BundleError('invalid', issueText(MANIFEST_ENTRY, manifestResult.error));
  const manifest = manifestResult.data;
  if (manifest.range.from !== null && manifest.range.to !== null && manifest.range.from > manifest.range.to) {
    throw new BundleError('invalid', `${MANIFEST_ENTRY}: the date range ends before it starts`);
  }

  const listed = new Map(manifest.sessions.map((s) => [s.uid, s]));
  if (listed.size !== manifest.sessions.length) throw new BundleError('invalid', `${MANIFEST_ENTRY} lists a session twice`);
  if (manifest.kind === 'annotations' && listed.size > 0) throw new BundleError('invalid', 'an annotations-only bundle must not carry sessions');
  for (const name of files.keys()) {
    const match = SESSION_ENTRY.exec(name);
    if (match && !listed.has(match[1] ?? '')) throw new BundleError('bad-entry', `${name} is not listed in the manifest`);
  }

  const sessions: BundleSession[] = [];
  for (const entry of manifest.sessions) {
    const name = sessionEntry(entry.uid);
    const parsed = bundleSessionSchema.safeParse(parseJson(name, files.get(name)));
    if (!parsed.success) throw new BundleError('invalid', issueText(name, parsed.error));
    if (parsed.data.uid !== entry.uid) throw new BundleError('invalid', `${name} holds session ${parsed.data.uid}`);
    checkSession(parsed.data, entry, manifest.version);
    sessions.push(parsed.data);
  }

  const annotationsResult = bundleAnnotationsSchema.safeParse(parseJson(ANNOTATIONS_ENTRY, files.get(ANNOTATIONS_ENTRY)));
  if (!annotationsResult.success) throw new BundleError('invalid', issueText(ANNOTATIONS_ENTRY, annotationsResult.error));
  const annotations = annotationsResult.data;
  if (annotations.length !== manifest.annotations) throw new BundleError('invalid', `${ANNOTATIONS_ENTRY} holds ${annotations.length} notes, the manifest says ${manifest.annotations}`);
  const seen = new Set<string>();
  for (const note of annotations) {
    if (seen.has(note.uid)) throw new BundleError('invalid', `${ANNOTATIONS_ENTRY}: note ${note.uid} appears twice`);
    seen.add(note.uid);
    if (note.target !== 'session' && note.takeIndex === null) throw new BundleError('invalid', `${ANNOTATIONS_ENTRY}: a ${note.target} note without its take index`);
    if (note.target === 'event' && (note.timeMs === null || note.eventType === null)) throw new BundleError('invalid', `${ANNOTATIONS_ENTRY}: an event note without its event type and time`);
    if (note.updatedAt !== null && note.updatedAt < note.createdAt) throw new BundleError('invalid', `${ANNOTATIONS_ENTRY}: a note edited before it was written`);
    if (manifest.kind === 'full' && !listed.has(note.sessionUid)) throw new BundleError('invalid', `${ANNOTATIONS_ENTRY}: note ${note.uid} is on a session the bundle does not carry`);
  }
  return { manifest, sessions, annotations };
}
