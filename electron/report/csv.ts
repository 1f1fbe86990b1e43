/**
 * The report CSVs: OUT.csv (one row per take) and OUT.notes.csv (one row per note), with the
 * columns of core/report/rows.ts, written with csv-stringify (RFC 4180 quoting). Empty cells
 * are missing values (a finger that played no note in a take).
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { NOTE_COLUMNS, TAKE_COLUMNS, noteRows, takeRows } from '../../core/report/rows';
import type { ReportSessionInput } from '../../core/report/rows';

/** OUT.csv -> OUT.notes.csv; OUT (no .csv) -> OUT.notes.csv. @example notesCsvPath('a/ana.csv') // => 'a/ana.notes.csv' */
export function notesCsvPath(takesPath: string): string {
  return takesPath.toLowerCase().endsWith('.csv') ? `${takesPath.slice(0, -4)}.notes.csv` : `${takesPath}.notes.csv`;
}

/**
 * Writes both files; returns their paths and row counts.
 *
 * @example writeReportCsv('ana.csv', sessions) // => { takesPath: 'ana.csv', notesPath: 'ana.notes.csv', takes: 12, notes: 480 }
 */
export function writeReportCsv(takesPath: string, sessions: readonly ReportSessionInput[]) {
  const takes = takeRows(sessions);
  const notes = noteRows(sessions);
  const notesPath = notesCsvPath(takesPath);
  const options = { header: true, cast: { number: (value: number) => String(value) } };
  writeFileSync(takesPath, stringify(takes, { ...options, columns: [...TAKE_COLUMNS] }));
  writeFileSync(notesPath, stringify(notes, { ...options, columns: [...NOTE_COLUMNS] }));
  return { takesPath, notesPath, takes: takes.length, notes: notes.length };
}
