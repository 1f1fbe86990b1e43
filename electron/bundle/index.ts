/**
 * Student bundles: export a profile's log (or a teacher's notes) to one file, and import one.
 * The format is in format.ts (and docs/bundles.md); reading is in codec.ts, encryption in
 * crypto.ts, the SQL in electron/store/bundles.ts.
 */
import type { ImportReport, Store } from '../store/index';
import { decodeBundle, encodeBundle } from './codec';
import type { ScryptParams } from './crypto';
import type { BundleContent } from './format';
import type { ZipLimits } from './zip';

export { BundleError } from './errors';
export type { BundleErrorCode } from './errors';
export { decodeBundle, encodeBundle, sniffBundle } from './codec';
export * from './format';

export interface ExportBundleOptions {
  /** Sessions started at or after (ISO-8601). */
  readonly from?: string | null;
  /** Sessions started before (ISO-8601). */
  readonly to?: string | null;
  /** Only the notes (a teacher's reply), no MIDI. */
  readonly annotationsOnly?: boolean;
  /** Encrypt with this passphrase (scrypt + AES-256-GCM). */
  readonly passphrase?: string;
  /** For tests: cheaper scrypt parameters. */
  readonly scrypt?: ScryptParams;
}

/** What a bundle holds, for the "before you send it" summary. */
export interface BundleSummary {
  readonly kind: 'full' | 'annotations';
  readonly profileName: string;
  readonly sessions: number;
  readonly rawEvents: number;
  readonly annotations: number;
  readonly firstSession: string | null;
  readonly lastSession: string | null;
  readonly deviceGaps: number;
  readonly clicks: number;
  /** The pianist's hand corrections carried (bundle version 2). */
  readonly handCorrections: number;
  /** The format version written: the lowest that holds the content (1 without hand corrections). */
  readonly version: number;
}

/** @example summariseBundle(content) // => { kind: 'full', sessions: 12, rawEvents: 48210, ... } */
export function summariseBundle(content: BundleContent): BundleSummary {
  return {
    kind: content.manifest.kind,
    profileName: content.manifest.profile.name,
    sessions: content.sessions.length,
    rawEvents: content.sessions.reduce((sum, s) => sum + s.rawEvents.length, 0),
    annotations: content.annotations.length,
    firstSession: content.sessions[0]?.startedAt ?? null,
    lastSession: content.sessions.at(-1)?.startedAt ?? null,
    deviceGaps: content.sessions.reduce((sum, s) => sum + s.gaps.length, 0),
    clicks: content.sessions.reduce((sum, s) => sum + (s.clicks?.length ?? 0), 0),
    handCorrections: content.sessions.reduce((sum, s) => sum + (s.handCorrections?.length ?? 0), 0),
    version: content.manifest.version,
  };
}

/**
 * @example const { bytes, summary } = exportBundle(store, ana.id, { passphrase: 'long enough' })
 */
export function exportBundle(store: Store, profileId: number, options: ExportBundleOptions = {}): { bytes: Uint8Array; summary: BundleSummary } {
  const content = store.collectBundle(profileId, { from: options.from ?? null, to: options.to ?? null, annotationsOnly: options.annotationsOnly ?? false });
  const bytes = encodeBundle(content, {
    ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
    ...(options.scrypt ? { scrypt: options.scrypt } : {}),
  });
  return { bytes, summary: summariseBundle(content) };
}

/**
 * Reads, validates and imports a bundle in one transaction. Throws BundleError with a one-line
 * reason (nothing changed), or StoreError for a database problem.
 *
 * @example importBundle(store, readFileSync('ana.evenkeys'), { as: 'Ana (student)' }).sessionsAdded
 */
export function importBundle(store: Store, bytes: Uint8Array, options: { passphrase?: string; as?: string; limits?: ZipLimits } = {}): ImportReport {
  const content = decodeBundle(bytes, {
    ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return store.importBundle(content, options.as !== undefined ? { as: options.as } : {});
}
