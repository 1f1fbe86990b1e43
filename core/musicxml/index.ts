/**
 * Public API of MusicXML import: a `.musicxml` or `.mxl` file's bytes to an Evenkeys exercise.
 */
import { musicXmlText } from './container';
import { parseMusicXml } from './parse';
import { scoreToExercise } from './to-exercise';
import type { ImportOptions } from './to-exercise';
import type { Exercise } from '../exercises/types';

export { musicXmlText, decodeXml, isZip } from './container';
export { parseMusicXml, expandRepeats } from './parse';
export type { Score, ScoreNote, ScorePart } from './parse';
export { scoreToExercise, importedId } from './to-exercise';
export type { ImportOptions, UnmarkedFingeringEstimator } from './to-exercise';
export { exerciseToMusicXml } from './write';
export * from './limits';

/**
 * Imports a score file's bytes as an exercise. Throws MusicXmlError (one line naming the problem)
 * for anything it refuses; it has no side effects, so a refused file leaves nothing behind.
 *
 * @example importMusicXml(readFileSync('hanon-1.mxl'), { id: 'hanon-1-teacher' }).kind // 'imported'
 */
export function importMusicXml(bytes: Uint8Array, options: ImportOptions = {}): Exercise {
  return scoreToExercise(parseMusicXml(musicXmlText(bytes)), options);
}
