/**
 * The keyboard: which MIDI input (matched by its exact name), its state, and help for the usual
 * troubles (no device, permission refused, a port held by another program, a pedal that reads
 * "always down").
 */
import { useSyncExternalStore } from 'react';
import type { LiveStore } from '../../live/useLiveTake';
import type { MidiAvailability, MidiInputInfo } from '../../midi/capture';

export interface DevicePanelProps {
  readonly availability: MidiAvailability | undefined;
  readonly inputs: readonly MidiInputInfo[];
  readonly inputName: string | null;
  readonly recording: boolean;
  readonly recordingInput: string | null;
  readonly deviceAway: boolean;
  /** The take in progress (for the pedal warning). */
  readonly live: LiveStore;
  readonly onSelectInput: (name: string) => void;
}

export function DevicePanel({ availability, inputs, inputName, recording, recordingInput, deviceAway, live, onSelectInput }: DevicePanelProps) {
  const selected = inputs.find((input) => input.name === inputName);
  return (
    <section className="device" aria-label="MIDI input">
      {availability === undefined ? <p className="muted small">Looking for MIDI keyboards…</p> : null}
      {availability?.state === 'denied' ? (
        <div className="empty compact" role="status">
          <strong>MIDI access was refused</strong>
          <p>Allow MIDI devices for this page (the keyboard icon in the address bar, or Site settings → MIDI devices), then reload. The desktop app does not ask.</p>
        </div>
      ) : null}
      {availability !== undefined && (availability.state === 'failed' || availability.state === 'unsupported') ? (
        <div className="empty compact" role="status">
          <strong>MIDI is not available</strong>
          <p>{availability.message}</p>
        </div>
      ) : null}
      {availability?.state === 'ready' && inputs.length === 0 && !recording ? (
        <div className="empty compact" role="status">
          <strong>No MIDI keyboard found</strong>
          <p>Connect your keyboard (USB or a MIDI interface) and switch it on. It appears here by itself.</p>
        </div>
      ) : null}
      {availability?.state === 'ready' && (inputs.length > 0 || recording) ? (
        <div className="field compact device-field">
          <label htmlFor="midi-input">Keyboard</label>
          <select id="midi-input" value={selected?.name ?? (recording ? (recordingInput ?? '') : '')} disabled={recording} onChange={(e) => onSelectInput(e.target.value)}>
            {selected === undefined && recording ? <option value={recordingInput ?? ''}>{recordingInput} (disconnected)</option> : null}
            {selected === undefined && !recording ? <option value="">Choose an input…</option> : null}
            {inputs.map((input) => (
              <option key={input.id} value={input.name}>
                {input.name}
                {input.manufacturer ? ` — ${input.manufacturer}` : ''}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {recording && deviceAway ? <p className="warning" role="alert">The keyboard was disconnected. Recording continues as soon as it is back.</p> : null}
      <PedalWarning live={live} />
      <Help />
    </section>
  );
}

/** Subscribed on its own, so notes do not re-render the device panel. */
function PedalWarning({ live }: { live: LiveStore }) {
  const alwaysDown = useSyncExternalStore(live.subscribe, () => live.get().pedalAlwaysDown);
  return alwaysDown ? (
        <p className="warning" role="alert" data-testid="pedal-warning">
          The sustain pedal reads as held down all the time. If you are not pressing it, the pedal may be of the other polarity or not plugged in: check it, or switch the keyboard off and on with the pedal connected.
        </p>
      ) : null;
}

function Help() {
  return (
      <details className="help">
        <summary>Nothing arrives?</summary>
        <ul>
          <li><strong>No device:</strong> check the cable and that the keyboard is on; some keyboards need their USB-MIDI mode enabled in a menu.</li>
          <li><strong>Permission refused:</strong> in a browser, allow MIDI devices for this page and reload.</li>
          <li><strong>Held by another program:</strong> on Windows a MIDI port can be used by one program at a time. Close your DAW, notation or learning app, then unplug and replug the keyboard.</li>
          <li><strong>Several ports:</strong> some keyboards list two (e.g. <em>MIDIIN2 (Digital Piano)</em> and <em>Digital Piano</em>); the keys usually come on the plain one.</li>
        </ul>
      </details>
  );
}
