/**
 * Plain-text rendering helpers for the CLI: aligned tables and readable times.
 */

/**
 * Renders rows as a left-aligned table (numbers right-aligned), two spaces between columns.
 *
 * @example table(['n', 'name'], [[1, 'a']]) // 'n  name\n1  a'
 */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[], indent = ''): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const numeric = header.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number' || /^[+-]?[\d.,]+( ms)?$/.test(String(row[column]))));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  return cells
    .map((row) =>
      indent +
      row
        .map((cell, column) => (numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * A time in ms as m:ss.mmm.
 *
 * @example clock(83_456.7) // '1:23.457'
 */
export function clock(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.abs(ms);
  const minutes = Math.floor(total / 60_000);
  const seconds = (total - minutes * 60_000) / 1000;
  return `${sign}${minutes}:${seconds.toFixed(3).padStart(6, '0')}`;
}

/**
 * A number with a fixed count of decimals and an explicit sign when asked.
 *
 * @example fixed(3.14159, 1, true) // '+3.1'
 * @example fixed(null, 1) // '-'
 */
export function fixed(value: number | null, digits: number, signed = false): string {
  // null: not measured (an SD of fewer than 3 notes); shown as '-', never 0.
  if (value === null) return '-';
  const text = value.toFixed(digits);
  return signed && value >= 0 ? `+${text}` : text;
}

/** 'RH' / 'LH'. */
export function handLabel(hand: string): string {
  return hand === 'left' ? 'LH' : hand === 'right' ? 'RH' : hand;
}
