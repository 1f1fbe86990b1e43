/**
 * A fake Web MIDI implementation for Chromium tests (real Web MIDI cannot start on machines
 * without ALSA). Inject it before the page loads:
 *
 * @example
 * await page.addInitScript(installFakeWebMidi, { inputs: [{ id: 'in-1', name: 'Test Piano', manufacturer: 'Evenkeys' }] });
 * // later, in the page:
 * await page.evaluate((msgs) => window.__fakeMidi.play('in-1', msgs), messages);
 *
 * It replaces navigator.requestMIDIAccess with one that resolves to a MIDIAccess holding the
 * given inputs, and exposes `window.__fakeMidi` to plug/unplug inputs and replay messages with
 * exact timestamps (each event's timeStamp is the message's timeMs, untouched). What webmidi.js
 * v3 needs is all here: inputs/outputs Maps, a writable onstatechange, ports with id, name,
 * manufacturer, state, connection, type, open()/close() promises and onmidimessage/onstatechange,
 * message events with data (Uint8Array) and timeStamp. Statechange events are dispatched
 * asynchronously: dispatching them synchronously makes webmidi.js create duplicate inputs.
 *
 * The function must stay self-contained (Playwright serialises its source into the page).
 */

export interface FakeMidiPortSpec {
  readonly id: string;
  readonly name: string;
  readonly manufacturer: string;
}

export interface FakeWebMidiConfig {
  readonly inputs: readonly FakeMidiPortSpec[];
}

export interface FakeMidiMessage {
  readonly bytes: readonly number[];
  readonly timeMs: number;
}

/** What `window.__fakeMidi` offers the test (through page.evaluate). */
export interface FakeWebMidiControl {
  /** Plugs an input in (statechange: connected). */
  addInput(spec: FakeMidiPortSpec): void;
  /** Unplugs an input (statechange: disconnected / pending). */
  removeInput(id: string): void;
  /** Delivers each message to the input, with timeStamp = message.timeMs exactly. */
  play(id: string, messages: readonly FakeMidiMessage[], options?: { readonly paceMs?: number }): Promise<number>;
  /** How many times requestMIDIAccess was called and with which options. */
  readonly requests: unknown[];
}

export function installFakeWebMidi(config: FakeWebMidiConfig): void {
  type Handler = ((event: unknown) => void) | null;

  const later = (fn: () => void) => setTimeout(fn, 0);

  class FakeEventTarget {
    private readonly listeners = new Map<string, Set<(event: unknown) => void>>();
    addEventListener(type: string, listener: (event: unknown) => void): void {
      const set = this.listeners.get(type) ?? new Set();
      set.add(listener);
      this.listeners.set(type, set);
    }
    removeEventListener(type: string, listener: (event: unknown) => void): void {
      this.listeners.get(type)?.delete(listener);
    }
    protected emit(type: string, event: unknown, property: Handler): void {
      if (typeof property === 'function') property.call(this, event);
      for (const listener of this.listeners.get(type) ?? []) listener.call(this, event);
    }
  }

  class FakeMidiAccess extends FakeEventTarget {
    readonly inputs = new Map<string, FakeMidiInput>();
    readonly outputs = new Map<string, unknown>();
    readonly sysexEnabled = false;
    onstatechange: Handler = null;
    portChanged(port: FakeMidiInput): void {
      const event = { type: 'statechange', port, timeStamp: performance.now(), target: this };
      this.emit('statechange', event, this.onstatechange);
    }
  }

  class FakeMidiInput extends FakeEventTarget {
    readonly type = 'input';
    readonly version = '1.0';
    state: 'connected' | 'disconnected' = 'connected';
    connection: 'open' | 'closed' | 'pending' = 'closed';
    onstatechange: Handler = null;
    onmidimessage: Handler = null;
    constructor(
      readonly id: string,
      readonly name: string,
      readonly manufacturer: string,
      private readonly access: FakeMidiAccess,
    ) {
      super();
    }
    /** Both the port and the MIDIAccess hear about a change, asynchronously, as in Chromium. */
    changed(): void {
      later(() => {
        this.emit('statechange', { type: 'statechange', port: this, timeStamp: performance.now(), target: this }, this.onstatechange);
        this.access.portChanged(this);
      });
    }
    open(): Promise<this> {
      if (this.connection !== 'open' && this.state === 'connected') {
        this.connection = 'open';
        this.changed();
      }
      return Promise.resolve(this);
    }
    close(): Promise<this> {
      if (this.connection !== 'closed') {
        this.connection = 'closed';
        this.changed();
      }
      return Promise.resolve(this);
    }
    deliver(bytes: readonly number[], timeStamp: number): void {
      const event = { type: 'midimessage', data: Uint8Array.from(bytes), timeStamp, target: this, currentTarget: this };
      this.emit('midimessage', event, this.onmidimessage);
    }
  }

  const access = new FakeMidiAccess();
  for (const spec of config.inputs) access.inputs.set(spec.id, new FakeMidiInput(spec.id, spec.name, spec.manufacturer, access));

  const requests: unknown[] = [];
  const requestMIDIAccess = (options?: unknown) => {
    requests.push(options ?? null);
    return Promise.resolve(access);
  };
  Object.defineProperty(navigator, 'requestMIDIAccess', { value: requestMIDIAccess, configurable: true, writable: true });

  const control: FakeWebMidiControl = {
    requests,
    addInput(spec) {
      const input = new FakeMidiInput(spec.id, spec.name, spec.manufacturer, access);
      access.inputs.set(spec.id, input);
      input.changed();
    },
    removeInput(id) {
      const input = access.inputs.get(id);
      if (input === undefined) return;
      access.inputs.delete(id);
      input.state = 'disconnected';
      input.connection = 'pending';
      input.changed();
    },
    async play(id, messages, options) {
      const input = access.inputs.get(id);
      if (input === undefined) throw new Error(`fake MIDI: no input ${id}`);
      const pace = options?.paceMs ?? 0;
      let delivered = 0;
      for (const message of messages) {
        input.deliver(message.bytes, message.timeMs);
        delivered += 1;
        // Yield now and then so the page's timers (the 100 ms batch flush) run in between.
        if (delivered % 16 === 0) await new Promise((resolve) => setTimeout(resolve, pace));
      }
      return delivered;
    },
  };
  Object.defineProperty(window, '__fakeMidi', { value: control, configurable: true });
}

/**
 * The init script as source text, for `page.addInitScript({ content })`. Safer than passing the
 * function itself when the test code was compiled with keepNames (tsx does this): the compiled
 * function then calls an `__name` helper that does not exist in the page, so one is provided.
 *
 * @example await context.addInitScript({ content: fakeWebMidiInitScript({ inputs: [piano] }) });
 */
export function fakeWebMidiInitScript(config: FakeWebMidiConfig): string {
  return `(() => { var __name = (target) => target; (${installFakeWebMidi.toString()})(${JSON.stringify(config)}); })();`;
}
