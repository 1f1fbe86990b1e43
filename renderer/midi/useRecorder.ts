/**
 * Recording as a React hook: start a session, stream the chosen input's messages to the backend
 * in ~100 ms batches, follow the keyboard across unplug/replug (the gap is reported), and finish.
 */
import { useCallback, useRef, useState } from 'react';
import { MAX_MIDI_BATCH } from '../../core/api/contract';
import type { EvenkeysApi } from '../../core/api/contract';
import { ApiError } from '../../core/api/errors';
import type { RawMidiWire } from '../../core/api/schemas';
import { closingParts, createMidiBatcher } from './batcher';
import type { MidiBatcher } from './batcher';
import { listenToInput, onInputsChanged } from './capture';

export type RecorderState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'starting' }
  | {
      readonly phase: 'recording';
      readonly sessionId: number;
      readonly inputName: string;
      /** Wall clock, only for the elapsed-time display. */
      readonly startedAt: number;
      readonly deviceAway: boolean;
    }
  | { readonly phase: 'stopping'; readonly sessionId: number };

export interface Recorder {
  readonly state: RecorderState;
  /** Resolves with the new session's id (undefined when it could not start). */
  start(profileId: number, input: { name: string; manufacturer: string }, options?: RecordingOptions): Promise<number | undefined>;
  /** Resolves with the finished session's id. */
  stop(): Promise<number | undefined>;
}

/** What the session is told at its start. */
export interface RecordingOptions {
  /** The exercise chosen in the picker (the analysis is told, not left to guess). */
  readonly exerciseId?: string;
  readonly metronomeBpm?: number;
}

/**
 * @param onMessage called with every captured message, after it is queued for saving (the live
 *   view's feed); must be cheap.
 */
export function useRecorder(api: EvenkeysApi, onError: (message: string) => void, onMessage?: (message: RawMidiWire) => void): Recorder {
  const listener = useRef(onMessage);
  listener.current = onMessage;
  // Changes only at start, stop and device changes, never per message or on a timer: this state
  // sits above every screen, so each change re-renders the whole app (the live view has its own
  // store, renderer/live/useLiveTake.ts).
  const [state, setState] = useState<RecorderState>({ phase: 'idle' });
  const live = useRef<{ sessionId: number; inputName: string; batcher: MidiBatcher; unlisten?: () => void; unwatch: () => void; forgetPage: () => void } | undefined>(undefined);

  const attach = useCallback((inputName: string) => {
    const current = live.current;
    if (current === undefined) return false;
    current.unlisten?.();
    current.unlisten = listenToInput(inputName, (message) => {
      current.batcher.push(message);
      listener.current?.(message);
    });
    return current.unlisten !== undefined;
  }, []);

  const start = useCallback(
    async (profileId: number, input: { name: string; manufacturer: string }, options: RecordingOptions = {}) => {
      if (live.current !== undefined) return undefined;
      setState({ phase: 'starting' });
      try {
        const device = await api.upsertDevice({ name: input.name, manufacturer: input.manufacturer });
        const session = await api.startSession({
          profileId,
          deviceId: device.id,
          ...(options.exerciseId !== undefined ? { exerciseId: options.exerciseId } : {}),
          ...(options.metronomeBpm !== undefined ? { metronomeBpm: options.metronomeBpm } : {}),
        });
        // The page keeps every message until the backend says it is saved (savedThrough), and
        // resends from there after a failure: a host that crashed and restarted loses nothing.
        const batcher = createMidiBatcher({
          send: async (messages, firstSeq) => {
            const answer = await api.appendMidi({ sessionId: session.id, messages, firstSeq });
            // The backend has them but cannot write them yet (disk full, read-only): say so now,
            // not at Stop. They are saved as soon as it can, as long as the app stays open.
            if (answer.notSaved !== undefined) {
              onError(`Your playing is not being saved: ${answer.notSaved.message} ${answer.notSaved.pending} MIDI messages are waiting and will be saved once this is fixed; keep Evenkeys open.`);
            }
            return answer.savedThrough;
          },
          // The session was ended elsewhere: retrying cannot help. What was saved stays saved.
          isFatal: (error) => error instanceof ApiError && (error.code === 'conflict' || error.code === 'not-found' || error.code === 'forbidden'),
          onError: (error) =>
            onError(
              error instanceof ApiError && (error.code === 'conflict' || error.code === 'not-found' || error.code === 'forbidden')
                ? `Recording stopped: ${error.message}`
                : `Saving MIDI failed (kept in this page, retrying): ${error instanceof Error ? error.message : String(error)}`,
            ),
        });
        const unwatch = onInputsChanged((change) => {
          const current = live.current;
          if (current === undefined || change.name !== current.inputName) return;
          if (change.kind === 'disconnected') {
            current.unlisten?.();
            current.unlisten = undefined;
            setState((s) => (s.phase === 'recording' ? { ...s, deviceAway: true } : s));
          } else {
            attach(current.inputName);
            setState((s) => (s.phase === 'recording' ? { ...s, deviceAway: false } : s));
          }
          void batcher
            .flush()
            .then(() =>
              api.reportDeviceGap({ sessionId: current.sessionId, state: change.kind === 'disconnected' ? 'disconnected' : 'reconnected', timeMs: change.timeMs, port: change.name }),
            )
            .catch((error: unknown) => onError(`Could not note the keyboard ${change.kind === 'disconnected' ? 'going away' : 'coming back'}: ${error instanceof Error ? error.message : String(error)}`));
        });
        // The page is going away (tab closed, reloaded, window closed) mid-recording: hand the
        // backend what is still queued here and end the session as interrupted, in requests that
        // start now (keepalive / IPC), since nothing after this handler is guaranteed to run.
        const onPageHide = () => {
          const current = live.current;
          if (current === undefined || current.sessionId !== session.id) return;
          live.current = undefined;
          current.unlisten?.();
          current.unwatch();
          current.forgetPage();
          // Everything not yet acknowledged as saved, numbered so the backend skips what it has.
          const firstSeq = current.batcher.savedThrough;
          // With nothing queued (all acknowledged) the finish still goes out, from savedThrough.
          const { batches, last } = closingParts(current.batcher.drain(), firstSeq);
          for (const part of batches) void api.appendMidi({ sessionId: session.id, ...part }).catch(() => {});
          void api.finishSession({ sessionId: session.id, status: 'interrupted', ...last }).catch(() => {});
          setState({ phase: 'idle' });
        };
        window.addEventListener('pagehide', onPageHide);
        const forgetPage = () => window.removeEventListener('pagehide', onPageHide);
        live.current = { sessionId: session.id, inputName: input.name, batcher, unwatch, forgetPage };
        if (!attach(input.name)) onError(`${input.name} is not connected any more.`);
        setState({ phase: 'recording', sessionId: session.id, inputName: input.name, startedAt: Date.now(), deviceAway: false });
        return session.id;
      } catch (error) {
        setState({ phase: 'idle' });
        onError(error instanceof Error ? error.message : String(error));
        return undefined;
      }
    },
    [api, attach, onError],
  );

  const stop = useCallback(async () => {
    const current = live.current;
    if (current === undefined) return undefined;
    setState({ phase: 'stopping', sessionId: current.sessionId });
    current.unlisten?.();
    current.unwatch();
    current.forgetPage();
    try {
      await current.batcher.stop();
      if (current.batcher.pending > 0) await current.batcher.flush();
      // Whatever is still unacknowledged goes with the stop itself (idempotent by firstSeq).
      if (current.batcher.pending > MAX_MIDI_BATCH) throw new Error(`${current.batcher.pending} MIDI messages could not be saved yet (see the message above).`);
      const firstSeq = current.batcher.savedThrough;
      const rest = current.batcher.drain();
      await api.finishSession({ sessionId: current.sessionId, ...(rest.length > 0 ? { messages: rest, firstSeq } : {}) });
      return current.sessionId;
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
      return current.sessionId;
    } finally {
      live.current = undefined;
      setState({ phase: 'idle' });
    }
  }, [api, onError]);

  return { state, start, stop };
}
