// The keyboard shown is the pianist's choice by name, kept across an unplug/replug.
import { describe, expect, it } from 'vitest';
import { chooseInput } from '../../../renderer/midi/choose-input';

const piano = { id: 'in-1', name: 'Digital Piano', manufacturer: 'Roland' };
const pad = { id: 'in-2', name: 'Drum Pad', manufacturer: 'Acme' };

describe('chooseInput', () => {
  it('keeps the chosen keyboard across an unplug and a replug with a new port id', () => {
    expect(chooseInput([piano, pad], 'Digital Piano')).toBe('Digital Piano');
    expect(chooseInput([pad], 'Digital Piano')).toBe('Drum Pad'); // away: another is shown...
    expect(chooseInput([pad, { ...piano, id: 'in-9' }], 'Digital Piano')).toBe('Digital Piano'); // ...and it is back
  });

  it('falls back to the first keyboard, or none', () => {
    expect(chooseInput([pad, piano], null)).toBe('Drum Pad');
    expect(chooseInput([], 'Digital Piano')).toBeNull();
  });
});
