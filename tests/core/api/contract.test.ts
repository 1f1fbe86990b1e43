// The API contract: every operation declared with strict input and an output schema, and the
// wire format keeps MIDI timestamps bit-exact.
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { apiContract, apiNames, isApiName } from '../../../core/api/contract';
import type { ApiInput, EvenkeysApi } from '../../../core/api/contract';
import { MAX_EVENT_TIME_MS } from '../../../core/api/time-range';
import { rawMidiWireSchema } from '../../../core/api/schemas';

/** One valid input per operation (the test fails when an operation is added without one). */
const samples: { [N in keyof typeof apiContract]: ApiInput<N> } = {
  listProfiles: {},
  createProfile: { name: 'Ana' },
  upsertDevice: { name: 'Piano', manufacturer: 'Acme' },
  listDevices: {},
  startSession: { profileId: 1 },
  appendMidi: { sessionId: 1, messages: [{ bytes: [0x90, 60, 80], timeMs: 1234.5 }] },
  reportDeviceGap: { sessionId: 1, state: 'disconnected', timeMs: 5 },
  finishSession: { sessionId: 1 },
  listSessions: { profileId: 1 },
  getSession: { sessionId: 1 },
  getSessionAnalysis: { sessionId: 1 },
  getHistory: { profileId: 1 },
  addAnnotation: { sessionId: 1, text: 'heavy fourth finger' },
  listAnnotations: { sessionId: 1 },
  exportSession: { sessionId: 1, format: 'smf' },
  listExercises: {},
  getExercise: { exerciseId: 'hanon-21-rh', profileId: 1 },
  importExercise: { fileName: 'etude.mxl', contentBase64: 'UEsDBA==', id: 'etude-1', hand: 'right' },
  setFingering: { profileId: 1, exerciseId: 'scale-bb-major-rh-1oct', hand: 'right', fingers: [4, 1, 2, 3] },
  clearFingering: { profileId: 1, exerciseId: 'scale-bb-major-rh-1oct', hand: 'right' },
  listFingerings: { profileId: 1 },
  reanalyseSession: { sessionId: 1 },
  listStudents: {},
  updateAnnotation: { annotationId: 1, text: 'edited' },
  deleteAnnotation: { annotationId: 1 },
  previewBundle: { profileId: 1 },
  exportBundle: { profileId: 1, from: '2026-01-01T00:00:00.000Z', passphrase: 'long enough' },
  importBundle: { content: 'UEsDBA==' },
  compareSessions: { sessionId: 2, against: 'baseline' },
  getProgressReport: { profileId: 1 },
  printReportPdf: { profileId: 1 },
  exportTakeMidi: { sessionId: 1, takeIndex: 0 },
  deleteSession: { sessionId: 1 },
  deleteProfile: { profileId: 1, confirmName: 'Ana' },
  setTakeHand: { sessionId: 1, takeIndex: 0, hand: 'left' },
  appendClicks: { sessionId: 1, clicks: [{ timeMs: 1500.25, kind: 'accent', countIn: true, bpm: 120 }] },
  listClicks: { sessionId: 1 },
  getPreferences: {},
  setPreference: { key: 'inputName', value: '"Digital Piano"' },
  getDrift: { profileId: 1, points: 'latest' },
  getDriftPoints: { profileId: 1, seriesKeys: ['scale:C:major:right:parallel|right|up|4|onset-mean|Piano|t1'] },
  setAlertState: { profileId: 1, alertKey: 'scale:C:major:right:parallel|right|up|4|onset-mean|Piano|t1@12', state: 'dismissed', reason: 'tired-day' },
};

describe('apiContract', () => {
  it('declares the operations the UI needs', () => {
    expect(apiNames).toEqual(Object.keys(samples));
    expectTypeOf<keyof EvenkeysApi>().toEqualTypeOf<keyof typeof samples>();
  });

  it('accepts a valid input for every operation and refuses unknown keys', () => {
    for (const name of apiNames) {
      const { input } = apiContract[name];
      expect(input.safeParse(samples[name]).success, name).toBe(true);
      expect(input.safeParse({ ...samples[name], unexpected: 1 }).success, `${name} with an unknown key`).toBe(false);
      expect(input.safeParse(null).success, `${name} with null`).toBe(false);
    }
  });

  it('refuses out-of-range values', () => {
    expect(apiContract.createProfile.input.safeParse({ name: '   ' }).success).toBe(false);
    expect(apiContract.startSession.input.safeParse({ profileId: 0 }).success).toBe(false);
    expect(apiContract.appendMidi.input.safeParse({ sessionId: 1, messages: [{ bytes: [256], timeMs: 0 }] }).success).toBe(false);
    expect(apiContract.appendMidi.input.safeParse({ sessionId: 1, messages: [{ bytes: [0x90], timeMs: Infinity }] }).success).toBe(false);
    expect(apiContract.exportSession.input.safeParse({ sessionId: 1, format: 'mp3' }).success).toBe(false);
  });

  it('only names in the contract are API names', () => {
    expect(isApiName('appendMidi')).toBe(true);
    for (const name of ['', 'constructor', 'hasOwnProperty', '__proto__', 'AppendMidi']) expect(isApiName(name)).toBe(false);
  });

  it('refuses timestamps beyond the 1-year event clock (absurd times never reach the store)', () => {
    for (const timeMs of [MAX_EVENT_TIME_MS * 1.0001, -MAX_EVENT_TIME_MS * 2, 1e300]) {
      expect(rawMidiWireSchema.safeParse({ bytes: [0x90, 60, 1], timeMs }).success).toBe(false);
    }
    expect(rawMidiWireSchema.safeParse({ bytes: [0x90, 60, 1], timeMs: MAX_EVENT_TIME_MS }).success).toBe(true);
  });

  it('carries any timestamp in range through JSON and the schema bit-exact', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -MAX_EVENT_TIME_MS, max: MAX_EVENT_TIME_MS }).filter((t) => !Object.is(t, -0)), (timeMs) => {
        const wire = JSON.parse(JSON.stringify({ bytes: [0x90, 60, 1], timeMs })) as unknown;
        const parsed = rawMidiWireSchema.parse(wire);
        return Object.is(parsed.timeMs, timeMs);
      }),
      { seed: 20261124, numRuns: 2000 },
    );
  });
});
