/**
 * The student bundle, `evenkeys.bundle` versions 1 and 2: one zip file (optionally encrypted, see
 * crypto.ts) that carries a profile's practice log so a teacher can review it on another machine
 * and send notes back. Everything derived (notes, takes, per-finger metrics, events) is left out:
 * the receiving side recomputes it from the raw MIDI log, so a bundle can never smuggle in
 * metrics that do not follow from what was played.
 *
 * Entries (no others are accepted):
 * - `manifest.json`: {@link BundleManifest}
 * - `sessions/<uid>.json`: {@link BundleSession}, one per session listed in the manifest
 * - `annotations.json`: {@link BundleAnnotation}[]
 * - `README.txt`: a plain-text note for whoever finds the file (ignored on import)
 *
 * Version 2 adds one thing: each session carries the pianist's hand corrections
 * (`handCorrections`, the `take_hand_corrections` rows: which hand played a one-hand take). A
 * bundle is written in the LOWEST version that holds its content (`bundleVersionFor`): without a
 * single correction it is a version-1 bundle with the very files and keys earlier builds write, so an
 * older Evenkeys still reads it; with corrections it must be version 2, which an older Evenkeys
 * refuses in one line ("update Evenkeys") rather than importing the sessions without them.
 *
 * Every row carries a stable `uid` (32 lowercase hex), so importing a newer bundle of the same
 * student adds only what is new, and a teacher's annotations-only bundle merges into the
 * student's database without duplicates. A bundle is untrusted input: every field is validated
 * here with zod (strict objects: unknown keys are refused) and cross-checked in validate.ts.
 */
import { z } from 'zod';

export const BUNDLE_FORMAT = 'evenkeys.bundle';
/**
 * The newest version this build writes and reads. It reads every version in
 * {@link BUNDLE_VERSIONS} and writes the lowest one that holds the content ({@link bundleVersionFor}).
 */
export const BUNDLE_VERSION = 2;
/** Every version this build reads: 1 (issue 13), 2 (adds the sessions' hand corrections). */
export const BUNDLE_VERSIONS: readonly number[] = [1, 2];
/** The first version whose sessions carry `handCorrections`. */
export const HAND_CORRECTIONS_VERSION = 2;

export const MANIFEST_ENTRY = 'manifest.json';
export const ANNOTATIONS_ENTRY = 'annotations.json';
export const README_ENTRY = 'README.txt';
/** @example sessionEntry('0f…') // => 'sessions/0f….json' */
export const sessionEntry = (uid: string): string => `sessions/${uid}.json`;

/** Limits on what a bundle may hold; beyond them it is refused before it is parsed. */
export const BUNDLE_LIMITS = {
  /** Sessions in one bundle. */
  sessions: 20_000,
  /** Raw MIDI messages in one session (about 80 hours of very busy playing). */
  rawEventsPerSession: 5_000_000,
  annotations: 200_000,
  gapsPerSession: 10_000,
  clicksPerSession: 2_000_000,
  /** Hand corrections in one session (one per take at most; a session has far fewer takes). */
  handCorrectionsPerSession: 100_000,
} as const;

/** A stable id: 32 lowercase hex digits (128 random bits). */
export const uidSchema = z.string().regex(/^[0-9a-f]{32}$/, 'must be 32 lowercase hex digits');

/** The exact form the store writes: `2026-11-24T03:00:00.000Z`, and a real date. */
export const isoSchema = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'must be an ISO-8601 UTC time like 2026-11-24T03:00:00.000Z')
  .refine((text) => {
    const time = Date.parse(text);
    return Number.isFinite(time) && new Date(time).toISOString() === text;
  }, 'is not a real date');

/** Printable text: no control characters other than newline and tab. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const text = (max: number) => z.string().max(max).regex(/^[^\u0000-\u0008\u000b-\u001f\u007f]*$/, 'contains control characters');
const name = (max: number) => text(max).trim().min(1);
const finite = z.number().finite();

export const bundleProfileSchema = z
  .object({
    uid: uidSchema,
    name: name(80),
    handSpanCm: z.number().positive().max(40).nullable(),
  })
  .strict();

export const bundleManifestSchema = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.union([z.literal(1), z.literal(2)]),
    /** 'full': the log and the notes; 'annotations': only notes (a teacher's reply). */
    kind: z.enum(['full', 'annotations']),
    createdAt: isoSchema,
    appVersion: text(40),
    profile: bundleProfileSchema,
    /** The date range exported (sessions started in [from, to)); null ends are open. */
    range: z.object({ from: isoSchema.nullable(), to: isoSchema.nullable() }).strict(),
    sessions: z
      .array(z.object({ uid: uidSchema, startedAt: isoSchema, rawEvents: z.number().int().nonnegative().max(BUNDLE_LIMITS.rawEventsPerSession) }).strict())
      .max(BUNDLE_LIMITS.sessions),
    annotations: z.number().int().nonnegative().max(BUNDLE_LIMITS.annotations),
  })
  .strict();

export const bundleRawEventSchema = z
  .object({
    seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    /** The message's own timestamp, ms on the session's event clock, float64 exactly as saved. */
    timeMs: finite,
    port: text(256).nullable(),
    /** The message bytes exactly as received; the first is a status byte (>= 0x80). */
    bytes: z.array(z.number().int().min(0).max(255)).min(1).max(65_536).refine((bytes) => (bytes[0] ?? 0) >= 0x80, 'must start with a MIDI status byte'),
  })
  .strict();

export const bundleGapSchema = z
  .object({
    port: text(256).nullable(),
    afterSeq: z.number().int().min(-1),
    disconnectedAtMs: finite,
    reconnectedAtMs: finite.nullable(),
  })
  .strict();

/**
 * One metronome click, as the `clicks` table stores it (issue 10), column name -> value. The
 * columns are whatever that table has besides `id` and `session_id`, so the bundle follows its
 * schema without a new version; an import writes the columns its own table has.
 */
export const bundleClickSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'bad column name'),
  z.union([finite, text(1_000), z.null()]),
);

/**
 * One of the pianist's hand corrections (version 2; the `take_hand_corrections` row without its
 * ids): the take played from `startMs` (its first onset) to `endMs` (its last release), ms on the
 * session's event clock like `rawEvents[].timeMs`, was played with `hand`, said at `correctedAt`.
 * Cross-checked in codec.ts: `endMs >= startMs`, inside the session's log, no two overlapping.
 */
export const bundleHandCorrectionSchema = z
  .object({
    startMs: finite,
    endMs: finite,
    hand: z.enum(['left', 'right']),
    correctedAt: isoSchema,
  })
  .strict();

export const bundleSessionSchema = z
  .object({
    uid: uidSchema,
    startedAt: isoSchema,
    endedAt: isoSchema.nullable(),
    status: z.enum(['complete', 'interrupted']),
    appVersion: text(40),
    metronomeBpm: z.number().positive().max(400).nullable(),
    notes: text(20_000),
    exerciseId: text(200).nullable(),
    sourceFile: text(1_000).nullable(),
    device: z.object({ name: text(256), manufacturer: text(256) }).strict().nullable(),
    rawEvents: z.array(bundleRawEventSchema).max(BUNDLE_LIMITS.rawEventsPerSession),
    gaps: z.array(bundleGapSchema).max(BUNDLE_LIMITS.gapsPerSession),
    clicks: z.array(bundleClickSchema).max(BUNDLE_LIMITS.clicksPerSession).optional(),
    /** Version 2 only, and then on every session (empty when none of its takes was corrected). */
    handCorrections: z.array(bundleHandCorrectionSchema).max(BUNDLE_LIMITS.handCorrectionsPerSession).optional(),
  })
  .strict();

export const bundleAnnotationSchema = z
  .object({
    uid: uidSchema,
    sessionUid: uidSchema,
    target: z.enum(['session', 'take', 'event']),
    takeIndex: z.number().int().nonnegative().max(100_000).nullable(),
    timeMs: finite.nullable(),
    eventType: text(64).nullable(),
    author: z.enum(['pianist', 'teacher']),
    authorName: name(80),
    text: name(4_000),
    createdAt: isoSchema,
    updatedAt: isoSchema.nullable(),
  })
  .strict();

export const bundleAnnotationsSchema = z.array(bundleAnnotationSchema).max(BUNDLE_LIMITS.annotations);

export type BundleManifest = z.infer<typeof bundleManifestSchema>;
export type BundleProfile = z.infer<typeof bundleProfileSchema>;
export type BundleSession = z.infer<typeof bundleSessionSchema>;
export type BundleRawEvent = z.infer<typeof bundleRawEventSchema>;
export type BundleGap = z.infer<typeof bundleGapSchema>;
export type BundleClick = z.infer<typeof bundleClickSchema>;
export type BundleHandCorrection = z.infer<typeof bundleHandCorrectionSchema>;
export type BundleAnnotation = z.infer<typeof bundleAnnotationSchema>;

/** A bundle after parsing and validation: what the store imports. */
export interface BundleContent {
  readonly manifest: BundleManifest;
  readonly sessions: readonly BundleSession[];
  readonly annotations: readonly BundleAnnotation[];
}

/**
 * The lowest bundle version that holds `sessions`: 2 when any of them has a hand correction, else
 * 1 (readable by every Evenkeys since issue 13). Annotations-only bundles carry no sessions: 1.
 *
 * @example bundleVersionFor([{ ...session, handCorrections: [] }]) // => 1
 */
export function bundleVersionFor(sessions: readonly Pick<BundleSession, 'handCorrections'>[]): 1 | 2 {
  return sessions.some((session) => (session.handCorrections?.length ?? 0) > 0) ? 2 : 1;
}
