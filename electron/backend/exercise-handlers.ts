/**
 * The exercise and fingering operations of the API: the picker's list (library plus imports),
 * one exercise per hand with the pianist's fingering applied, MusicXML import, and own
 * fingerings per profile.
 */
import { applyOwnFingerings } from '../../core/analysis/analyze';
import { ApiError } from '../../core/api/errors';
import type { ExerciseDetail, ExerciseSummary } from '../../core/api/exercises';
import { listExercises } from '../../core/exercises/library';
import { handFingers } from '../../core/exercises/own-fingering';
import type { Exercise } from '../../core/exercises/types';
import { importMusicXml, MusicXmlError } from '../../core/musicxml/index';
import { StoreError } from '../store/index';
import type { Store } from '../store/index';
import type { ApiHandlers } from './dispatch';

type ExerciseHandlers = Pick<ApiHandlers, 'listExercises' | 'getExercise' | 'importExercise' | 'setFingering' | 'clearFingering' | 'listFingerings'>;

function summary(exercise: Exercise, sourceFile?: string): ExerciseSummary {
  return {
    id: exercise.id,
    name: exercise.name,
    kind: exercise.kind,
    key: exercise.key,
    mode: exercise.mode,
    hands: exercise.hands,
    octaves: exercise.octaves,
    bpm: exercise.bpm,
    subdivision: exercise.subdivision,
    notes: exercise.notes.length,
    imported: exercise.kind === 'imported',
    ...(sourceFile === undefined ? {} : { sourceFile }),
  };
}

function translate<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof StoreError && error.code === 'not-found') throw new ApiError('not-found', error.message);
    if (error instanceof StoreError && error.code === 'invalid') throw new ApiError('invalid-input', error.message);
    throw error;
  }
}

/**
 * @example const handlers = { ...coreHandlers, ...exerciseHandlers(store) }
 */
export function exerciseHandlers(store: Store): ExerciseHandlers {
  const exerciseOrThrow = (id: string): Exercise => {
    const exercise = store.findExercise(id);
    if (exercise === undefined) throw new ApiError('not-found', `No exercise "${id}".`);
    return exercise;
  };
  return {
    listExercises: () => [
      ...listExercises().map((exercise) => summary(exercise)),
      ...store.listImportedExercises().map((entry) => summary(entry.exercise, entry.sourceFile)),
    ],
    getExercise: ({ exerciseId, profileId }) => {
      const printed = exerciseOrThrow(exerciseId);
      const profile = profileId === undefined ? undefined : translate(() => store.getProfile(profileId));
      const exercise = profile === undefined ? printed : applyOwnFingerings(printed, store.listOwnFingerings(profile.id, printed.id), profile.name);
      const imported = store.getImportedExercise(printed.id);
      const parts: ExerciseDetail['parts'] = (['right', 'left'] as const)
        .filter((hand) => exercise.notes.some((n) => n.hand === hand))
        .map((hand) => ({
          hand,
          fingering: exercise.fingering?.[hand] ?? 'printed',
          notes: exercise.notes
            .filter((n) => n.hand === hand)
            .sort((a, b) => a.position - b.position)
            .map((n) => ({ position: n.position, step: n.step, pitch: n.pitch, finger: n.fingered === false ? null : n.finger, crossing: n.crossing })),
          printed: handFingers(printed, hand),
        }));
      const own = parts.some((part) => part.fingering === 'own');
      return { ...summary(exercise, imported?.sourceFile), ...(own && profile ? { profile: profile.name } : {}), parts };
    },
    importExercise: ({ fileName, contentBase64, id, hand }) => {
      const bytes = Buffer.from(contentBase64, 'base64');
      let exercise: Exercise;
      try {
        exercise = importMusicXml(bytes, { ...(id === undefined ? {} : { id }), ...(hand === undefined ? {} : { hand }), fallbackName: fileName });
      } catch (error) {
        if (error instanceof MusicXmlError) throw new ApiError('invalid-input', `${fileName}: ${error.message}`);
        throw error;
      }
      const saved = translate(() => store.importExercise(exercise, fileName));
      return summary(saved.exercise, saved.sourceFile);
    },
    setFingering: ({ profileId, exerciseId, hand, fingers }) => {
      const saved = translate(() => store.setOwnFingering({ profileId, exerciseId, hand, fingers }));
      return { ...saved, fingers: [...saved.fingers] };
    },
    clearFingering: ({ profileId, exerciseId, hand }) => {
      translate(() => store.getProfile(profileId));
      return { removed: store.clearOwnFingering({ profileId, exerciseId, hand }) };
    },
    listFingerings: ({ profileId }) => {
      translate(() => store.getProfile(profileId));
      return store.listOwnFingerings(profileId).map((own) => ({ ...own, fingers: [...own.fingers] }));
    },
  };
}
