/**
 * Vitest global setup: before a run that includes the browser tests (the whole suite, or a filter
 * naming browser or bench files), find or install a Chromium-based browser once, and hand its
 * path to every test worker through EVENKEYS_CHROMIUM. A run of other files only skips this.
 */
import { ensureBrowser } from './support/ensure-browser';

/**
 * True when the run's file filters include browser or bench tests, or there are none (the whole suite).
 *
 * @example needsBrowser(['node', 'vitest', 'run', 'tests/core']) // => false
 */
export function needsBrowser(argv: readonly string[]): boolean {
  const runIndex = argv.findIndex((arg) => arg === 'run' || arg.endsWith('vitest.mjs') || arg.endsWith('/vitest'));
  const filters = argv.slice(runIndex + 1).filter((arg) => !arg.startsWith('-') && arg !== 'run');
  return filters.length === 0 || filters.some((f) => /browser|bench/.test(f));
}

export default function setup(): void {
  if (!needsBrowser(process.argv)) return;
  const browser = ensureBrowser();
  process.env.EVENKEYS_CHROMIUM = browser.path;
}
