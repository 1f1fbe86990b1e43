/** Choose the keyboard, record, stop. Shows what is being captured while it happens. */
import { useEffect, useState } from 'react';
import type { MidiAvailability, MidiInputInfo } from '../../midi/capture';
import type { RecorderState } from '../../midi/useRecorder';
import { formatDuration } from '../../format';

export interface DevicePanelProps {
  readonly availability: MidiAvailability | undefined;
  readonly inputs: readonly MidiInputInfo[];
  readonly inputName: string | null;
  readonly recorder: RecorderState;
  readonly onSelectInput: (name: string) => void;
  readonly onRecord: () => void;
  readonly onStop: () => void;
}

export function DevicePanel({ availability, inputs, inputName, recorder, onSelectInput, onRecord, onStop }: DevicePanelProps) {
  const recording = recorder.phase === 'recording';
  const busy = recorder.phase === 'starting' || recorder.phase === 'stopping';
  const selected = inputs.find((input) => input.name === inputName);

  return (
    <section className="card practice" aria-labelledby="practice-title">
      <div className="card-head">
        <h2 id="practice-title">Practice</h2>
        {recording ? <span className="badge live">Recording</span> : null}
      </div>

      {availability === undefined ? <p className="muted">Looking for MIDI keyboards…</p> : null}
      {availability !== undefined && availability.state !== 'ready' ? (
        <div className="empty">
          <strong>MIDI is not available</strong>
          <p>{availability.message}</p>
        </div>
      ) : null}

      {availability?.state === 'ready' && inputs.length === 0 && !recording ? (
        <div className="empty">
          <strong>No MIDI keyboard found</strong>
          <p>Connect your keyboard (USB or a MIDI interface) and switch it on. It appears here by itself.</p>
        </div>
      ) : null}

      {availability?.state === 'ready' && (inputs.length > 0 || recording) ? (
        <>
          <div className="field">
            <label htmlFor="midi-input">Keyboard</label>
            <select id="midi-input" value={selected?.name ?? (recording ? recorder.inputName : '')} disabled={recording || busy} onChange={(e) => onSelectInput(e.target.value)}>
              {selected === undefined && recording ? <option value={recorder.inputName}>{recorder.inputName} (disconnected)</option> : null}
              {selected === undefined && !recording ? <option value="">Choose an input…</option> : null}
              {inputs.map((input) => (
                <option key={input.id} value={input.name}>
                  {input.name}{input.manufacturer ? ` — ${input.manufacturer}` : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="record-row">
            {recording ? (
              <button type="button" className="button stop" onClick={onStop}>Stop</button>
            ) : (
              <button type="button" className="button record" disabled={busy || selected === undefined} onClick={onRecord}>
                {recorder.phase === 'stopping' ? 'Saving…' : recorder.phase === 'starting' ? 'Starting…' : 'Record'}
              </button>
            )}
            {recording ? <LiveCounters startedAt={recorder.startedAt} notes={recorder.notes} messages={recorder.messages} /> : (
              <p className="muted hint">Press Record, then play a scale or an exercise at a steady tempo. Stop when you are done.</p>
            )}
          </div>
          {recording && recorder.deviceAway ? (
            <p className="warning">The keyboard was disconnected. Recording continues as soon as it is back.</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function LiveCounters({ startedAt, notes, messages }: { startedAt: number; notes: number; messages: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return (
    <dl className="counters" aria-live="polite">
      <div><dt>Time</dt><dd>{formatDuration(now - startedAt)}</dd></div>
      <div><dt>Notes</dt><dd data-testid="live-notes">{notes}</dd></div>
      <div><dt>Messages</dt><dd>{messages}</dd></div>
    </dl>
  );
}
