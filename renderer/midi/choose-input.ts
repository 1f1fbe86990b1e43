/**
 * Which keyboard the practice panel shows. The pianist's choice is a preference by name: while
 * that keyboard is unplugged another one may be shown, but the preference is not overwritten,
 * so when it comes back (with a new port id, as after a replug) it is chosen again.
 */
import type { MidiInputInfo } from './capture';

/**
 * @example chooseInput([{ id: 'b', name: 'Pad', manufacturer: '' }], 'Piano') // => 'Pad' (Piano away)
 * @example chooseInput([{ id: 'a2', name: 'Piano', manufacturer: '' }, { id: 'b', name: 'Pad', manufacturer: '' }], 'Piano') // => 'Piano'
 */
export function chooseInput(inputs: readonly MidiInputInfo[], preferred: string | null): string | null {
  if (preferred !== null && inputs.some((input) => input.name === preferred)) return preferred;
  return inputs[0]?.name ?? null;
}
