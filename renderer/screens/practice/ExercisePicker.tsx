/**
 * Before playing: what to play and how fast. The clinical scale test as one button, the library
 * by kind / key / mode / hands / octaves, "just play" (the analysis recognises what was played),
 * a tempo control with the exercise's suggested tempo, recent and favourite exercises.
 */
import { useMemo } from 'react';
import { clinicalScale, CLINICAL_BPM, CLINICAL_REPETITIONS } from '../../../core/exercises/clinical';
import { getExercise, listExercises } from '../../../core/exercises/library';
import type { Exercise, Hand } from '../../../core/exercises/types';
import { MAX_BPM, MIN_BPM } from '../../audio/schedule';
import { HANDS_LABEL, KIND_LABEL, choiceOf, facetsFor, notesPerSecond } from './picker-model';
import type { PickerChoice } from './picker-model';

/** What the pianist is about to play. */
export type PracticePlan =
  | { readonly mode: 'clinical'; readonly hand: Hand; readonly bpm: number }
  | { readonly mode: 'exercise'; readonly exerciseId: string; readonly bpm: number }
  | { readonly mode: 'free'; readonly bpm: number };

/** The exercise a plan names (null: just play). */
export function planExercise(plan: PracticePlan): Exercise | null {
  if (plan.mode === 'clinical') return clinicalScale(plan.hand);
  if (plan.mode === 'exercise') return getExercise(plan.exerciseId) ?? null;
  return null;
}

/** One sentence on the clinical preset, shown where it is chosen. */
export const CLINICAL_SENTENCE =
  'The scale test used in focal dystonia research (Jabusch et al. 2004): C major over two octaves, one hand, legato sixteenths at 120 bpm (8 notes per second), up and down, ten times in a row.';

export interface ExercisePickerProps {
  readonly plan: PracticePlan;
  readonly onChange: (plan: PracticePlan) => void;
  readonly recent: readonly string[];
  readonly favourites: readonly string[];
  readonly onToggleFavourite: (id: string) => void;
  readonly disabled?: boolean;
}

export function ExercisePicker({ plan, onChange, recent, favourites, onToggleFavourite, disabled = false }: ExercisePickerProps) {
  const library = listExercises();
  const current = planExercise(plan);
  const choice: PickerChoice = useMemo(
    () => (current !== null && current.kind !== 'clinical-scale' ? choiceOf(current) : choiceOf(getExercise('scale-c-major-rh-2oct') ?? library[0] ?? clinicalScale('right'))),
    [current, library],
  );
  const facets = facetsFor(library, choice);
  const update = (patch: Partial<PickerChoice>) => {
    const next = facetsFor(library, { ...choice, ...patch, variant: patch.variant ?? '' }).exercise;
    onChange({ mode: 'exercise', exerciseId: next.id, bpm: next.bpm });
  };
  const suggested = current?.bpm ?? null;

  return (
    <fieldset className="picker" disabled={disabled}>
      <legend className="visually-hidden">Exercise</legend>
      <div className="segmented wide" role="radiogroup" aria-label="What to play">
        {(
          [
            ['clinical', 'Clinical test'],
            ['exercise', 'Library'],
            ['free', 'Just play'],
          ] as const
        ).map(([mode, label]) => (
          <button
            key={mode}
            type="button"
            role="radio"
            aria-checked={plan.mode === mode}
            className={plan.mode === mode ? 'segment active' : 'segment'}
            onClick={() => {
              if (mode === plan.mode) return;
              if (mode === 'clinical') onChange({ mode, hand: 'right', bpm: CLINICAL_BPM });
              else if (mode === 'exercise') onChange({ mode, exerciseId: facets.exercise.id, bpm: facets.exercise.bpm });
              else onChange({ mode, bpm: plan.bpm });
            }}
          >
            {label}
          </button>
        ))}
      </div>

      {plan.mode === 'clinical' ? (
        <div className="picker-body">
          <p className="picker-sentence">{CLINICAL_SENTENCE}</p>
          <div className="segmented" role="radiogroup" aria-label="Hand">
            {(['right', 'left'] as const).map((hand) => (
              <button key={hand} type="button" role="radio" aria-checked={plan.hand === hand} className={plan.hand === hand ? 'segment active' : 'segment'} onClick={() => onChange({ ...plan, hand })}>
                {HANDS_LABEL[hand]}
              </button>
            ))}
          </div>
          <p className="muted small">Play it {CLINICAL_REPETITIONS} times with a short pause between; each time is one take.</p>
        </div>
      ) : null}

      {plan.mode === 'exercise' ? (
        <div className="picker-body picker-grid">
          <Select label="Kind" value={facets.choice.kind} options={facets.kinds.map((k) => [k, KIND_LABEL[k]])} onChange={(kind) => update({ kind: kind as PickerChoice['kind'] })} />
          {facets.keys.length > 1 ? <Select label="Key" value={facets.choice.key} options={facets.keys.map((k) => [k, k])} onChange={(key) => update({ key })} /> : null}
          {facets.modes.length > 1 ? <Select label="Mode" value={facets.choice.mode} options={facets.modes.map((m) => [m, m])} onChange={(mode) => update({ mode })} /> : null}
          <Select label="Hands" value={facets.choice.hands} options={facets.hands.map((h) => [h, HANDS_LABEL[h]])} onChange={(hands) => update({ hands: hands as PickerChoice['hands'] })} />
          {facets.motions.length > 1 ? (
            <Select label="Motion" value={facets.choice.motion} options={facets.motions.map((m) => [m, m === 'parallel' ? 'Parallel' : 'Contrary'])} onChange={(motion) => update({ motion: motion as PickerChoice['motion'] })} />
          ) : null}
          {facets.octaves.length > 1 || (facets.octaves[0] ?? 0) > 0 ? (
            <Select label="Octaves" value={String(facets.choice.octaves)} options={facets.octaves.map((o) => [String(o), String(o)])} onChange={(o) => update({ octaves: Number(o) })} />
          ) : null}
          {facets.variants.length > 0 ? (
            <Select label="Fingers" value={facets.choice.variant} options={facets.variants.map((e) => [e.id, e.name.replace(/^.*?, (right|left) hand, /, '')])} onChange={(variant) => update({ variant })} />
          ) : null}
        </div>
      ) : null}

      {plan.mode === 'free' ? (
        <div className="picker-body">
          <p className="picker-sentence">Play anything. Afterwards Evenkeys recognises the library exercises you played (scales, arpeggios, five-finger patterns) and measures those.</p>
        </div>
      ) : null}

      {current !== null && plan.mode === 'exercise' ? (
        <div className="picker-chosen">
          <span className="chosen-name" data-testid="chosen-exercise">{current.name}</span>
          {current.kind !== 'clinical-scale' ? (
            <button
              type="button"
              className={favourites.includes(current.id) ? 'star on' : 'star'}
              aria-pressed={favourites.includes(current.id)}
              aria-label={favourites.includes(current.id) ? 'Remove from favourites' : 'Add to favourites'}
              title={favourites.includes(current.id) ? 'Remove from favourites' : 'Add to favourites'}
              onClick={() => onToggleFavourite(current.id)}
            >
              ★
            </button>
          ) : null}
        </div>
      ) : null}

      <div className="tempo">
        <label htmlFor="tempo-input">Tempo</label>
        <div className="tempo-row">
          <button type="button" className="button ghost small" aria-label="Slower" onClick={() => onChange({ ...plan, bpm: clampBpm(plan.bpm - 4) })}>−</button>
          <input id="tempo-input" type="number" min={MIN_BPM} max={MAX_BPM} value={plan.bpm} onChange={(e) => onChange({ ...plan, bpm: clampBpm(Number(e.target.value)) })} />
          <span className="unit">bpm</span>
          <button type="button" className="button ghost small" aria-label="Faster" onClick={() => onChange({ ...plan, bpm: clampBpm(plan.bpm + 4) })}>+</button>
          <input type="range" aria-label="Tempo slider" min={30} max={208} value={plan.bpm} onChange={(e) => onChange({ ...plan, bpm: clampBpm(Number(e.target.value)) })} />
        </div>
        <p className="muted small">
          {current !== null ? `${notesPerSecond(current, plan.bpm).toFixed(1)} notes/s · ` : ''}
          {suggested !== null ? (
            <>
              suggested {suggested} bpm
              {suggested !== plan.bpm ? (
                <button type="button" className="link" onClick={() => onChange({ ...plan, bpm: suggested })}>use it</button>
              ) : null}
            </>
          ) : (
            'the metronome tempo'
          )}
        </p>
      </div>

      <ExerciseChips title="Favourites" ids={favourites} onPick={(id) => pickId(id, onChange)} />
      <ExerciseChips title="Recent" ids={recent} onPick={(id) => pickId(id, onChange)} />
    </fieldset>
  );
}

function pickId(id: string, onChange: (plan: PracticePlan) => void) {
  const exercise = getExercise(id);
  if (exercise === undefined) return;
  if (exercise.kind === 'clinical-scale') onChange({ mode: 'clinical', hand: exercise.hands === 'left' ? 'left' : 'right', bpm: exercise.bpm });
  else onChange({ mode: 'exercise', exerciseId: exercise.id, bpm: exercise.bpm });
}

function ExerciseChips({ title, ids, onPick }: { title: string; ids: readonly string[]; onPick: (id: string) => void }) {
  const exercises = ids.map((id) => getExercise(id)).filter((e): e is Exercise => e !== undefined);
  if (exercises.length === 0) return null;
  return (
    <div className="chips" role="group" aria-label={title}>
      <span className="chips-title">{title}</span>
      {exercises.map((e) => (
        <button key={e.id} type="button" className="chip" onClick={() => onPick(e.id)} title={e.name}>
          {shortName(e)}
        </button>
      ))}
    </div>
  );
}

/** @example shortName(getExercise('scale-c-major-rh-2oct')!) // => 'C major scale · RH · 2 oct' */
export function shortName(e: Exercise): string {
  if (e.kind === 'clinical-scale') return `Clinical test · ${e.hands === 'left' ? 'LH' : 'RH'}`;
  const hands = e.hands === 'both' ? 'HT' : e.hands === 'left' ? 'LH' : 'RH';
  const head = e.name.split(',')[0] ?? e.name;
  return [head, hands, e.octaves > 0 ? `${e.octaves} oct` : ''].filter((p) => p !== '').join(' · ');
}

function clampBpm(bpm: number): number {
  if (!Number.isFinite(bpm)) return MIN_BPM;
  return Math.max(MIN_BPM, Math.min(MAX_BPM, Math.round(bpm)));
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: readonly (readonly [string, string])[]; onChange: (value: string) => void }) {
  const id = `picker-${label.toLowerCase()}`;
  return (
    <div className="field compact">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>{text}</option>
        ))}
      </select>
    </div>
  );
}
