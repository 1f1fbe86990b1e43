/**
 * The practice screen: choose what to play and how fast, count in, play while each finger is
 * shown live, and land on the report when the take ends. Space starts and stops, M mutes the
 * metronome; focus stays on the Start/Stop button.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { CLINICAL_BPM } from '../../../core/exercises/clinical';
import type { MetronomeClick } from '../../../core/api/schemas';
import { createClickLog } from '../../audio/click-log';
import type { ClickLog } from '../../audio/click-log';
import { useMetronome } from '../../audio/useMetronome';
import { useLiveSnapshot, useLiveTake } from '../../live/useLiveTake';
import type { LiveStore } from '../../live/useLiveTake';
import type { Exercise } from '../../../core/exercises/types';
import { messageOf, useAppState } from '../../state/app-state';
import { useMidiState } from '../../state/midi-state';
import { isNumber, isStringList, usePreferences } from '../../state/preferences';
import type { ScreenProps } from '../types';
import { BreakReminder } from './BreakReminder';
import { DevicePanel } from './DevicePanel';
import { ExercisePicker, planExercise } from './ExercisePicker';
import type { PracticePlan } from './ExercisePicker';
import { LiveView } from './LiveView';
import { DEFAULT_METRONOME, MetronomePanel, isMetronomeSetup } from './MetronomePanel';
import type { MetronomeSetup } from './MetronomePanel';
import { pushRecent, toggleFavourite } from './picker-model';

type Phase = 'idle' | 'starting' | 'count-in' | 'playing' | 'stopping';

const DEFAULT_PLAN: PracticePlan = { mode: 'clinical', hand: 'right', bpm: CLINICAL_BPM };

/** @example isPlan({ mode: 'free', bpm: 80 }) // => true */
export function isPlan(value: unknown): value is PracticePlan {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.bpm !== 'number') return false;
  return v.mode === 'free' || (v.mode === 'clinical' && (v.hand === 'left' || v.hand === 'right')) || (v.mode === 'exercise' && typeof v.exerciseId === 'string');
}

/** True when a key press belongs to a form control (Space there must not start a take). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  const tag = el?.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || el?.isContentEditable === true;
}

export function PracticeScreen({ navigate }: ScreenProps) {
  const { api, profile, refreshSessions, report, sessions } = useAppState();
  const { availability, inputs, inputName, selectInput, recorder, setMessageListener } = useMidiState();
  const prefs = usePreferences();
  const pid = profile?.id ?? 0;
  const [plan, setPlanState] = useState<PracticePlan>(() => prefs.get(`plan.${pid}`, isPlan) ?? DEFAULT_PLAN);
  const [setup, setSetupState] = useState<MetronomeSetup>(() => prefs.get('metronome', isMetronomeSetup) ?? DEFAULT_METRONOME);
  const recent = prefs.get(`recent.${pid}`, isStringList) ?? [];
  const favourites = prefs.get(`favourites.${pid}`, isStringList) ?? [];
  const [phase, setPhase] = useState<Phase>('idle');
  const [countdown, setCountdown] = useState<number | null>(null);
  const live = useLiveTake();
  const clickLog = useRef<ClickLog | null>(null);
  const bpmRef = useRef(plan.bpm);
  const metronome = useMetronome((click) => {
    if (click.performanceMs === null) return;
    const entry: MetronomeClick = { timeMs: click.performanceMs, kind: click.kind, countIn: click.countIn, bpm: bpmRef.current };
    clickLog.current?.push(entry);
  });
  const button = useRef<HTMLButtonElement>(null);
  const timers = useRef<number[]>([]);

  const setPlan = (next: PracticePlan) => {
    setPlanState(next);
    prefs.set(`plan.${pid}`, next);
  };
  const setSetup = (next: MetronomeSetup) => {
    setSetupState(next);
    prefs.set('metronome', next);
    metronome.setVolume(next.volume);
    metronome.setMuted(next.muted);
  };

  useEffect(() => {
    metronome.setVolume(setup.volume);
    metronome.setMuted(setup.muted);
    // Only once: later changes go through setSetup.
  }, []);

  const recording = recorder.state.phase === 'recording';
  const input = inputs.find((i) => i.name === inputName);
  const canStart = phase === 'idle' && profile !== undefined && input !== undefined && recorder.state.phase === 'idle';

  const start = useCallback(async () => {
    if (!canStart || profile === undefined || input === undefined) return;
    setPhase('starting');
    // From the click itself: browsers start audio only from a user gesture.
    const primed = setup.on ? metronome.prime() : Promise.resolve();
    const exercise = planExercise(plan);
    bpmRef.current = plan.bpm;
    live.reset(exercise, plan.bpm);
    setMessageListener(live.onMessage);
    const sessionId = await recorder.start(profile.id, input, {
      ...(exercise !== null ? { exerciseId: exercise.id } : {}),
      ...(setup.on ? { metronomeBpm: plan.bpm } : {}),
    });
    if (sessionId === undefined) {
      setMessageListener(null);
      setPhase('idle');
      return;
    }
    if (exercise !== null) prefs.set(`recent.${pid}`, pushRecent(recent, exercise.id));
    if (!setup.on) {
      setPhase('playing');
      return;
    }
    await primed;
    clickLog.current = createClickLog(
      (clicks) => api.appendClicks({ sessionId, clicks }).then(() => {}),
      1000,
      (e) => report(`Saving metronome clicks failed (will retry): ${messageOf(e)}`),
    );
    try {
      const { firstBeatPerformanceMs } = await metronome.start({ bpm: plan.bpm, beatsPerBar: setup.beatsPerBar, subdivision: setup.subdivision, countInBars: setup.countInBars });
      if (setup.countInBars === 0) {
        setPhase('playing');
        return;
      }
      setPhase('count-in');
      const beatMs = 60_000 / plan.bpm;
      const beats = setup.countInBars * setup.beatsPerBar;
      for (let i = 0; i <= beats; i += 1) {
        const at = firstBeatPerformanceMs - (beats - i) * beatMs - performance.now();
        timers.current.push(
          window.setTimeout(() => {
            if (i === beats) {
              setCountdown(null);
              setPhase((p) => (p === 'count-in' ? 'playing' : p));
            } else setCountdown(beats - i);
          }, Math.max(0, at)),
        );
      }
    } catch (e) {
      report(`The metronome could not start: ${messageOf(e)}`);
      setPhase('playing');
    }
  }, [canStart, profile, input, setup, metronome, plan, live, setMessageListener, recorder, prefs, pid, recent, api, report]);

  const stop = useCallback(async () => {
    if (phase !== 'count-in' && phase !== 'playing') return;
    setPhase('stopping');
    for (const t of timers.current) clearTimeout(t);
    timers.current = [];
    setCountdown(null);
    metronome.stop();
    await clickLog.current?.stop();
    clickLog.current = null;
    setMessageListener(null);
    const sessionId = await recorder.stop();
    await refreshSessions();
    setPhase('idle');
    if (sessionId !== undefined) navigate('report', sessionId);
  }, [phase, metronome, setMessageListener, recorder, refreshSessions, navigate]);

  // The page is leaving mid-take: the recorder ends the session; stop the clicks too.
  useEffect(() => () => metronome.stop(), [metronome.stop]);

  // Keyboard: Space starts/stops, M mutes. Not while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) return;
      if (e.key === ' ') {
        e.preventDefault();
        if (phase === 'idle') void start();
        else void stop();
        button.current?.focus();
      } else if (e.key === 'm' || e.key === 'M') {
        setSetup({ ...setup, muted: !setup.muted });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const busy = phase !== 'idle';
  const exercise = planExercise(plan);

  return (
    <div className="practice-layout">
      <section className="card setup" aria-labelledby="practice-title">
        <div className="card-head">
          <h2 id="practice-title">Practice</h2>
        </div>
        <ExercisePicker
          plan={plan}
          onChange={setPlan}
          recent={recent}
          favourites={favourites}
          onToggleFavourite={(id) => prefs.set(`favourites.${pid}`, toggleFavourite(favourites, id))}
          disabled={busy}
        />
        <MetronomePanel setup={setup} onChange={setSetup} disabled={busy} beats={metronome.beat} />
        <DevicePanel
          availability={availability}
          inputs={inputs}
          inputName={inputName}
          recording={recording}
          recordingInput={recorder.state.phase === 'recording' ? recorder.state.inputName : null}
          deviceAway={recorder.state.phase === 'recording' && recorder.state.deviceAway}
          live={live.store}
          onSelectInput={selectInput}
        />
      </section>

      <section className="card stage" aria-labelledby="stage-title">
        <div className="card-head stage-head">
          <div>
            <h2 id="stage-title">{exercise?.name ?? 'Just play'}</h2>
            <p className="muted small">
              {plan.bpm} bpm{setup.on ? ` · metronome ${setup.muted ? 'muted' : 'on'}` : ' · no metronome'} · Space to {busy ? 'stop' : 'start'}, M to mute
            </p>
          </div>
          <div className="stage-actions">
            {phase === 'count-in' || phase === 'playing' ? <span className="badge live">{phase === 'count-in' ? 'Count-in' : 'Recording'}</span> : null}
            {busy && phase !== 'starting' ? (
              <button ref={button} type="button" className="button stop big" onClick={() => void stop()} disabled={phase === 'stopping'}>
                {phase === 'stopping' ? 'Saving…' : 'Stop'}
              </button>
            ) : (
              <button ref={button} type="button" className="button record big" onClick={() => void start()} disabled={!canStart}>
                {phase === 'starting' ? 'Starting…' : 'Start'}
              </button>
            )}
          </div>
        </div>
        {metronome.error !== null ? <p className="warning">{metronome.error}</p> : null}
        {countdown !== null ? (
          <div className="countdown" aria-live="assertive" data-testid="count-in">
            <span>{countdown}</span>
            <p className="muted">Count-in: start on the next bar</p>
          </div>
        ) : null}
        <BreakReminder
          sessions={sessions}
          recordingStartedMs={recorder.state.phase === 'recording' ? recorder.state.startedAt : null}
          dismissedAtMs={prefs.get(`breakDismissed.${pid}`, isNumber) ?? null}
          onDismiss={(at) => prefs.set(`breakDismissed.${pid}`, at)}
        />
        <LiveStage store={live.store} idle={phase === 'idle'} exercise={exercise} />
      </section>
    </div>
  );
}

/** The live view, subscribed to the live store on its own (one re-render per note, here only). */
function LiveStage({ store, idle, exercise }: { store: LiveStore; idle: boolean; exercise: Exercise | null }) {
  const snapshot = useLiveSnapshot(store);
  if (idle && snapshot.counts.notes === 0) return <LiveView snapshot={{ ...snapshot, exercise, next: exercise === null ? [] : firstNotes(exercise) }} />;
  return <LiveView snapshot={snapshot} />;
}

function firstNotes(exercise: NonNullable<ReturnType<typeof planExercise>>) {
  const byHand = new Map<string, { pitch: number; finger: number; hand: 'left' | 'right' }>();
  for (const n of exercise.notes) if (!byHand.has(n.hand)) byHand.set(n.hand, { pitch: n.pitch, finger: n.finger, hand: n.hand });
  return [...byHand.values()];
}
