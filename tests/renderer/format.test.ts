import { describe, expect, it } from 'vitest';
import { eventLabel, fingerName, formatDuration, formatMs, formatPercent, sessionLength } from '../../renderer/format';
import { decodeExport } from '../../renderer/download';

describe('format', () => {
  it('formats figures with the precision they deserve', () => {
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(null)).toBe('—');
    expect(formatMs(Number.NaN)).toBe('—');
    expect(formatDuration(83_000)).toBe('1:23');
    expect(formatPercent(0.0812)).toBe('8.1 %');
    expect(sessionLength({ startedAt: '2026-11-24T03:00:00Z', endedAt: '2026-11-24T03:02:05Z' })).toBe('2:05');
    expect(sessionLength({ startedAt: '2026-11-24T03:00:00Z', endedAt: null })).toBe('—');
    // A long practice session reads as hours, not as "75:00".
    expect(sessionLength({ startedAt: '2026-11-24T03:00:00Z', endedAt: '2026-11-24T04:15:09Z' })).toBe('1:15:09');
    expect(formatDuration(59 * 60_000 + 59_400)).toBe('59:59');
    expect(fingerName('left', 4)).toBe('L4 ring');
    expect(eventLabel('velocity-drop')).toBe('Velocity drop');
    // A hyphenated word keeps its hyphen: not "Co activation".
    expect(eventLabel('co-activation')).toBe('Co-activation');
    expect(eventLabel('free-timing-lapse')).toBe('Timing lapse (free play)');
    expect(eventLabel('stuck-key')).toBe('Stuck key');
  });

  it('decodes exports to the exact bytes', () => {
    expect(Array.from(decodeExport({ fileName: 'a.mid', mimeType: 'audio/midi', encoding: 'base64', content: 'TVRoZAD/' }))).toEqual([77, 84, 104, 100, 0, 255]);
    expect(new TextDecoder().decode(decodeExport({ fileName: 'a.json', mimeType: 'application/json', encoding: 'utf8', content: '{"é":1}' }))).toBe('{"é":1}');
  });
});
