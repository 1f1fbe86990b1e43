/**
 * The keyboard and the recording, app-wide: Web MIDI is enabled once, hot-plugs are followed,
 * the chosen keyboard is a preference by exact name, and the recorder lives here so that a take
 * in progress survives moving between screens.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { RawMidiWire } from '../../core/api/schemas';
import type { ReactNode } from 'react';
import { enableMidi, listInputs, onInputsChanged } from '../midi/capture';
import type { MidiAvailability, MidiInputInfo } from '../midi/capture';
import { chooseInput } from '../midi/choose-input';
import { useRecorder } from '../midi/useRecorder';
import type { Recorder } from '../midi/useRecorder';
import { useAppState } from './app-state';

export interface MidiState {
  readonly availability: MidiAvailability | undefined;
  readonly inputs: readonly MidiInputInfo[];
  /** The keyboard shown/recorded: the preferred one when connected, else the first. */
  readonly inputName: string | null;
  readonly selectInput: (name: string) => void;
  readonly recorder: Recorder;
  /** Who else hears each captured message (the live view); null to stop. */
  readonly setMessageListener: (listener: ((message: RawMidiWire) => void) | null) => void;
}

const MidiStateContext = createContext<MidiState | undefined>(undefined);

/** @example const { inputs, recorder } = useMidiState(); */
export function useMidiState(): MidiState {
  const state = useContext(MidiStateContext);
  if (state === undefined) throw new Error('useMidiState needs a <MidiStateProvider> above it');
  return state;
}

export interface MidiStateProviderProps {
  readonly preferredInput: string | null;
  readonly onSelectInput: (name: string) => void;
  readonly children: ReactNode;
}

export function MidiStateProvider({ preferredInput, onSelectInput, children }: MidiStateProviderProps) {
  const { api, report } = useAppState();
  const listener = useRef<((message: RawMidiWire) => void) | null>(null);
  const forward = useCallback((message: RawMidiWire) => listener.current?.(message), []);
  const setMessageListener = useCallback((next: ((message: RawMidiWire) => void) | null) => {
    listener.current = next;
  }, []);
  const recorder = useRecorder(api, report, forward);
  const [availability, setAvailability] = useState<MidiAvailability | undefined>(undefined);
  const [inputs, setInputs] = useState<MidiInputInfo[]>([]);

  useEffect(() => {
    let unwatch: (() => void) | undefined;
    let cancelled = false;
    void enableMidi().then((result) => {
      if (cancelled) return;
      setAvailability(result);
      if (result.state !== 'ready') return;
      setInputs(listInputs());
      unwatch = onInputsChanged(() => setInputs(listInputs()));
    });
    return () => {
      cancelled = true;
      unwatch?.();
    };
  }, []);

  // While recording: the keyboard recorded (shown as disconnected when away, never silently
  // replaced by another keyboard).
  const inputName = recorder.state.phase === 'recording' ? recorder.state.inputName : chooseInput(inputs, preferredInput);

  const value = useMemo<MidiState>(
    () => ({ availability, inputs, inputName, selectInput: onSelectInput, recorder, setMessageListener }),
    [availability, inputs, inputName, onSelectInput, recorder, setMessageListener],
  );
  return <MidiStateContext.Provider value={value}>{children}</MidiStateContext.Provider>;
}
