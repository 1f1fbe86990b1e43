/** Metronome settings and the visual beat: on/off, subdivision, beats per bar, count-in, volume, mute. */
import { useSyncExternalStore } from 'react';
import type { BeatStore } from '../../audio/useMetronome';

export interface MetronomeSetup {
  readonly on: boolean;
  readonly subdivision: number;
  readonly beatsPerBar: number;
  readonly countInBars: number;
  readonly volume: number;
  readonly muted: boolean;
}

export const DEFAULT_METRONOME: MetronomeSetup = { on: true, subdivision: 1, beatsPerBar: 4, countInBars: 1, volume: 0.8, muted: false };

/** @example isMetronomeSetup(DEFAULT_METRONOME) // => true */
export function isMetronomeSetup(value: unknown): value is MetronomeSetup {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.on === 'boolean' && typeof v.subdivision === 'number' && typeof v.beatsPerBar === 'number' && typeof v.countInBars === 'number' && typeof v.volume === 'number' && typeof v.muted === 'boolean';
}

export interface MetronomePanelProps {
  readonly setup: MetronomeSetup;
  readonly onChange: (setup: MetronomeSetup) => void;
  readonly disabled: boolean;
  /** The sounding click (the beat dots subscribe to it on their own). */
  readonly beats: BeatStore;
}

export function MetronomePanel({ setup, onChange, disabled, beats }: MetronomePanelProps) {
  return (
    <section className="metronome" aria-label="Metronome">
      <div className="metronome-head">
        <label className="switch">
          <input type="checkbox" checked={setup.on} disabled={disabled} onChange={(e) => onChange({ ...setup, on: e.target.checked })} />
          <span>Metronome</span>
        </label>
        <BeatDots beatsPerBar={setup.beatsPerBar} beats={beats} />
      </div>
      {setup.on ? (
        <div className="metronome-grid">
          <Choice label="Clicks" value={setup.subdivision} disabled={disabled} options={[[1, 'Beats'], [2, 'Eighths'], [4, 'Sixteenths']]} onChange={(subdivision) => onChange({ ...setup, subdivision })} />
          <Choice label="Beats per bar" value={setup.beatsPerBar} disabled={disabled} options={[[2, '2'], [3, '3'], [4, '4'], [6, '6']]} onChange={(beatsPerBar) => onChange({ ...setup, beatsPerBar })} />
          <Choice label="Count-in" value={setup.countInBars} disabled={disabled} options={[[0, 'None'], [1, '1 bar'], [2, '2 bars']]} onChange={(countInBars) => onChange({ ...setup, countInBars })} />
          <div className="field compact volume">
            <label htmlFor="metronome-volume">Volume</label>
            <div className="volume-row">
              <input id="metronome-volume" type="range" min={0} max={1} step={0.05} value={setup.volume} onChange={(e) => onChange({ ...setup, volume: Number(e.target.value) })} />
              <button type="button" className={setup.muted ? 'button ghost small active' : 'button ghost small'} aria-pressed={setup.muted} onClick={() => onChange({ ...setup, muted: !setup.muted })} title="Mute (M)">
                {setup.muted ? 'Muted' : 'Mute'}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function BeatDots({ beatsPerBar, beats }: { beatsPerBar: number; beats: BeatStore }) {
  const beat = useSyncExternalStore(beats.subscribe, beats.get);
  return (
    <div className="beat-dots" aria-hidden="true" data-testid="visual-beat" data-beat={beat?.beat ?? 0}>
      {Array.from({ length: beatsPerBar }, (_, i) => (
        <span key={i} className={beat !== null && beat.beat === i + 1 ? (i === 0 ? 'dot on accent' : 'dot on') : 'dot'} />
      ))}
    </div>
  );
}

function Choice({ label, value, options, onChange, disabled }: { label: string; value: number; options: readonly (readonly [number, string])[]; onChange: (v: number) => void; disabled: boolean }) {
  const id = `metronome-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div className="field compact">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(Number(e.target.value))}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>{text}</option>
        ))}
      </select>
    </div>
  );
}
