/**
 * The analyser the store uses by default: the core pipeline, the same one the CLI's `analyze`
 * and the app use, so a stored session always carries the numbers any other path would give.
 * The store never depends on how the document is computed; `openStore({ analyze })` swaps it.
 */
import { analyzeRecording } from '../../core/analysis/analyze';
import type { Analyzer } from './types';

/**
 * @example defaultAnalyzer({ messages, file: 'session 7', includeNotes: true }).source.notes // => 120
 */
export const defaultAnalyzer: Analyzer = (input) => analyzeRecording(input);
