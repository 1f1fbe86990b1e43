// @vitest-environment jsdom
// The exercise picker: the clinical preset explained and chosen by hand, the library by facets
// resolving to a real exercise, the tempo control, favourites and recent.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { listExercises } from '../../../../core/exercises/library';
import { ExercisePicker, planExercise } from '../../../../renderer/screens/practice/ExercisePicker';
import type { PracticePlan } from '../../../../renderer/screens/practice/ExercisePicker';
import { facetsFor, pushRecent, toggleFavourite } from '../../../../renderer/screens/practice/picker-model';

afterEach(cleanup);

function Harness({ initial, onPlan }: { initial: PracticePlan; onPlan: (plan: PracticePlan) => void }) {
  const [plan, setPlan] = useState(initial);
  const [favourites, setFavourites] = useState<string[]>([]);
  return (
    <ExercisePicker
      plan={plan}
      onChange={(next) => {
        setPlan(next);
        onPlan(next);
      }}
      recent={['scale-g-major-lh-1oct']}
      favourites={favourites}
      onToggleFavourite={(id) => setFavourites((f) => toggleFavourite(f, id))}
    />
  );
}

describe('ExercisePicker', () => {
  it('explains the clinical preset in one sentence and passes the chosen hand', () => {
    const plans: PracticePlan[] = [];
    render(<Harness initial={{ mode: 'free', bpm: 80 }} onPlan={(p) => plans.push(p)} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Clinical test' }));
    expect(screen.getByText(/focal dystonia research/).textContent).toMatch(/C major over two octaves.*120 bpm \(8 notes per second\).*ten times/);
    fireEvent.click(screen.getByRole('radio', { name: 'Left hand' }));
    const last = plans.at(-1);
    expect(last).toEqual({ mode: 'clinical', hand: 'left', bpm: 120 });
    expect(last && planExercise(last)?.id).toBe('clinical-scale-lh');
  });

  it('picks from the library by kind, key, mode, hands and octaves, with the suggested tempo', () => {
    const plans: PracticePlan[] = [];
    render(<Harness initial={{ mode: 'exercise', exerciseId: 'scale-c-major-rh-2oct', bpm: 72 }} onPlan={(p) => plans.push(p)} />);
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'D' } });
    fireEvent.change(screen.getByLabelText('Hands'), { target: { value: 'left' } });
    fireEvent.change(screen.getByLabelText('Octaves'), { target: { value: '3' } });
    const plan = plans.at(-1);
    expect(plan && planExercise(plan)?.id).toBe('scale-d-major-lh-3oct');
    expect(screen.getByTestId('chosen-exercise').textContent).toBe('D major scale, left hand, 3 octaves');
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'arpeggio' } });
    const arpeggio = plans.at(-1);
    expect(arpeggio && planExercise(arpeggio)?.kind).toBe('arpeggio');
    // Tempo: + adds 4 bpm; the suggested tempo is offered back.
    fireEvent.click(screen.getByRole('button', { name: 'Faster' }));
    expect(plans.at(-1)?.bpm).toBe((arpeggio?.bpm ?? 0) + 4);
    fireEvent.click(screen.getByRole('button', { name: 'use it' }));
    expect(plans.at(-1)?.bpm).toBe(arpeggio?.bpm);
  });

  it('favourites and recent exercises are one click away', () => {
    const plans: PracticePlan[] = [];
    render(<Harness initial={{ mode: 'exercise', exerciseId: 'scale-c-major-rh-2oct', bpm: 72 }} onPlan={(p) => plans.push(p)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add to favourites' }));
    expect(screen.getByRole('group', { name: 'Favourites' }).textContent).toContain('C major scale · RH · 2 oct');
    fireEvent.click(screen.getByRole('button', { name: /G major scale · LH · 1 oct/ }));
    expect(plans.at(-1)).toMatchObject({ mode: 'exercise', exerciseId: 'scale-g-major-lh-1oct' });
  });

  it('"just play" leaves the exercise to recognition', () => {
    const plans: PracticePlan[] = [];
    render(<Harness initial={{ mode: 'clinical', hand: 'right', bpm: 120 }} onPlan={(p) => plans.push(p)} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Just play' }));
    expect(plans.at(-1)).toEqual({ mode: 'free', bpm: 120 });
    expect(planExercise({ mode: 'free', bpm: 120 })).toBeNull();
  });
});

describe('picker model', () => {
  it('falls back to a value the library offers, so the choice always names an exercise', () => {
    const facets = facetsFor(listExercises(), { kind: 'five-finger', key: 'C', mode: 'major', hands: 'both', octaves: 4, motion: 'contrary', variant: '' });
    expect(facets.exercise.kind).toBe('five-finger');
    expect(facets.choice.motion).toBe('parallel');
    expect(pushRecent(['a', 'b', 'c'], 'c', 2)).toEqual(['c', 'a']);
  });
});
