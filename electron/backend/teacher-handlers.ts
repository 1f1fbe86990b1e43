/**
 * The API of teacher review (issue 13) on top of the store: students, bundles, annotation edits,
 * per-finger comparison, the progress report (data and PDF), take MIDI and deletion.
 */
import { compareFingers, likeForLikeBaseline, likeForLikeSessions, sessionFingers, BASELINE_SESSIONS } from '../../core/compare/fingers';
import { ApiError } from '../../core/api/errors';
import { progressReportSchema } from '../../core/api/teacher-schemas';
import type { AnalysisDocument } from '../../core/api/analysis';
import { BundleError, exportBundle, importBundle, summariseBundle } from '../bundle/index';
import { collectProgressReport, driftAlertsForReport } from '../report/collect';
import { reportHtml } from '../report/html';
import { NoBrowserError, htmlToPdf } from '../report/pdf';
import { takeSmf } from '../report/take-midi';
import { StoreError } from '../store/index';
import type { Store } from '../store/index';
import type { ApiHandlers } from './dispatch';

export type TeacherHandlerNames =
  | 'listStudents' | 'updateAnnotation' | 'deleteAnnotation' | 'previewBundle' | 'exportBundle' | 'importBundle' | 'compareSessions'
  | 'getProgressReport' | 'printReportPdf' | 'exportTakeMidi' | 'deleteSession' | 'deleteProfile';

const DAY_MS = 24 * 60 * 60 * 1000;

function storeErrors<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof BundleError) throw new ApiError('invalid-input', `${error.message} (nothing was imported)`);
    if (error instanceof StoreError && error.code === 'not-found') throw new ApiError('not-found', error.message);
    if (error instanceof StoreError && (error.code === 'invalid' || error.code === 'read-only')) throw new ApiError('conflict', error.message);
    throw error;
  }
}

async function storeErrorsAsync<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    return storeErrors(() => {
      throw error;
    });
  }
}

const safeName = (text: string) => text.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'profile';

/**
 * @example const handlers = { ...createHandlers(store).handlers, ...createTeacherHandlers(store) }
 */
export function createTeacherHandlers(store: Store, options: { now?: () => Date } = {}): Pick<ApiHandlers, TeacherHandlerNames> {
  const now = options.now ?? (() => new Date());
  const analysed = (id: number): AnalysisDocument | null => store.getAnalysis(id) ?? null;
  const label = (startedAt: string) => `Session of ${startedAt.slice(0, 10)}`;

  return {
    listStudents: () =>
      store.listProfiles().map((profile) => {
        const sessions = store.listSessions(profile.id).filter((s) => s.status !== 'recording');
        const length = (s: { startedAt: string; endedAt: string | null }) => (s.endedAt === null ? 0 : Math.max(0, Date.parse(s.endedAt) - Date.parse(s.startedAt)));
        const weekAgo = now().getTime() - 7 * DAY_MS;
        return {
          profile,
          readOnly: profile.readOnly,
          sessionCount: sessions.length,
          practiceMs: sessions.reduce((sum, s) => sum + length(s), 0),
          practiceLast7DaysMs: sessions.filter((s) => Date.parse(s.startedAt) >= weekAgo).reduce((sum, s) => sum + length(s), 0),
          latest: sessions.slice(-3).reverse().map((s) => ({ id: s.id, startedAt: s.startedAt, takeCount: s.takes, unevennessMs: s.unevennessMs })),
          // Drift alerts (issue 9); null only when the drift cannot be computed, so the screen says
          // "not available" rather than pretend there are none.
          alerts: driftAlertsForReport(store, profile.id, { from: null, to: null }),
        };
      }),

    updateAnnotation: ({ annotationId, text }) => storeErrors(() => store.updateAnnotation(annotationId, text)),
    deleteAnnotation: ({ annotationId }) => storeErrors(() => ({ deleted: store.deleteAnnotation(annotationId) })),

    previewBundle: ({ profileId, from, to, annotationsOnly }) =>
      storeErrors(() => summariseBundle(store.collectBundle(profileId, { from: from ?? null, to: to ?? null, annotationsOnly: annotationsOnly ?? false }))),
    exportBundle: ({ profileId, from, to, annotationsOnly, passphrase }) =>
      storeErrors(() => {
        const profile = store.getProfile(profileId);
        const { bytes, summary } = exportBundle(store, profileId, { from: from ?? null, to: to ?? null, annotationsOnly: annotationsOnly ?? false, ...(passphrase ? { passphrase } : {}) });
        const stamp = now().toISOString().slice(0, 10);
        return {
          file: {
            fileName: `${safeName(profile.name)}-${annotationsOnly ? 'notes' : 'log'}-${stamp}.evenkeys`,
            mimeType: 'application/octet-stream',
            encoding: 'base64' as const,
            content: Buffer.from(bytes).toString('base64'),
          },
          summary,
        };
      }),
    importBundle: ({ content, passphrase, as }) =>
      storeErrors(() => {
        const bytes = Buffer.from(content, 'base64');
        const { newSessionIds: _ids, correctedSessionIds: _corrected, ...report } = importBundle(store, bytes, { ...(passphrase ? { passphrase } : {}), ...(as ? { as } : {}) });
        return report;
      }),

    compareSessions: ({ sessionId, against }) =>
      storeErrors(() => {
        const session = store.getSession(sessionId);
        const docB = analysed(sessionId);
        if (docB === null) throw new ApiError('conflict', `Session ${sessionId} has no analysis to compare.`);
        if (against === 'baseline') {
          const earlier = store
            .listSessions(session.profileId)
            .filter((s) => s.id !== sessionId && s.startedAt < session.startedAt)
            .map((s) => analysed(s.id))
            .filter((d): d is AnalysisDocument => d !== null);
          // Like with like: the earlier sessions' takes of this session's exercises at its tempo.
          const { baseline, session: alikeB } = likeForLikeBaseline(earlier, docB);
          const used = baseline.length;
          const baseLabel =
            used === 0 ? 'Baseline (no earlier session of the same exercise and tempo)'
            : used === 1 ? 'Baseline (1 earlier session, same exercise and tempo)'
            : `Baseline (${used === BASELINE_SESSIONS ? 'first ' : ''}${used} earlier sessions, same exercise and tempo)`;
          return {
            a: { label: baseLabel, sessionId: null, startedAt: null },
            b: { label: label(session.startedAt), sessionId, startedAt: session.startedAt },
            rows: compareFingers(sessionFingers(baseline), sessionFingers([alikeB])),
          };
        }
        const other = store.getSession(against);
        const docA = analysed(against);
        if (docA === null) throw new ApiError('conflict', `Session ${against} has no analysis to compare.`);
        return {
          a: { label: label(other.startedAt), sessionId: against, startedAt: other.startedAt },
          b: { label: label(session.startedAt), sessionId, startedAt: session.startedAt },
          rows: (() => {
            const alike = likeForLikeSessions(docA, docB);
            return compareFingers(sessionFingers([alike.a]), sessionFingers([alike.b]));
          })(),
        };
      }),

    getProgressReport: ({ profileId, from, to }) =>
      storeErrors(() => progressReportSchema.parse(collectProgressReport(store, store.getProfile(profileId), { from: from ?? null, to: to ?? null }, { now: now() }))),
    printReportPdf: ({ profileId, from, to }) =>
      storeErrorsAsync(async () => {
        const profile = store.getProfile(profileId);
        const data = collectProgressReport(store, profile, { from: from ?? null, to: to ?? null }, { now: now() });
        let pdf: Uint8Array;
        try {
          pdf = await htmlToPdf(reportHtml(data));
        } catch (error) {
          if (error instanceof NoBrowserError) throw new ApiError('conflict', `${error.message}; or use your browser's Print > Save as PDF`);
          throw error;
        }
        return { fileName: `${safeName(profile.name)}-progress-${now().toISOString().slice(0, 10)}.pdf`, mimeType: 'application/pdf', encoding: 'base64' as const, content: Buffer.from(pdf).toString('base64') };
      }),
    exportTakeMidi: ({ sessionId, takeIndex }) =>
      storeErrors(() => {
        const session = store.getSession(sessionId);
        const bytes = takeSmf(store, sessionId, takeIndex);
        return { fileName: `evenkeys-session-${sessionId}-${session.startedAt.slice(0, 10)}-take-${takeIndex + 1}.mid`, mimeType: 'audio/midi', encoding: 'base64' as const, content: Buffer.from(bytes).toString('base64') };
      }),
    deleteSession: ({ sessionId }) => storeErrorsAsync(() => store.deleteSession(sessionId)),
    deleteProfile: ({ profileId, confirmName }) =>
      storeErrorsAsync(async () => {
        const profile = store.getProfile(profileId);
        if (confirmName.trim().toLowerCase() !== profile.name.toLowerCase()) {
          throw new ApiError('invalid-input', `Type the profile's name (${profile.name}) to confirm deleting it.`);
        }
        return store.deleteProfile(profileId);
      }),
  };
}
