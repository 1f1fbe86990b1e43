/**
 * The one line a student's card gives their drift alerts: every finger or hand that moved, per
 * exercise, not just the first alert's (six alerts on R3, R4, R5 and the hand read as "6 drift
 * alerts: ...: R5").
 */

/**
 * Groups alert titles ('EXERCISE: WHO', as electron/report/collect.ts alertTitle writes them) by
 * exercise, each finger or hand once, in the order they first appear.
 *
 * @example summariseAlerts([{ title: 'C major scale: R4' }, { title: 'C major scale: R4' }, { title: 'C major scale: Right hand' }])
 *   // => '3 drift alerts: C major scale: R4, Right hand'
 * @example summariseAlerts([]) // => 'No drift alerts'
 */
export function summariseAlerts(alerts: readonly { readonly title: string }[]): string {
  if (alerts.length === 0) return 'No drift alerts';
  const byExercise = new Map<string, string[]>();
  for (const { title } of alerts) {
    const cut = title.lastIndexOf(': ');
    const exercise = cut < 0 ? '' : title.slice(0, cut);
    const who = cut < 0 ? title : title.slice(cut + 2);
    const list = byExercise.get(exercise) ?? [];
    if (!list.includes(who)) list.push(who);
    byExercise.set(exercise, list);
  }
  const parts = [...byExercise].map(([exercise, who]) => (exercise === '' ? who.join(', ') : `${exercise}: ${who.join(', ')}`));
  return `${alerts.length} drift alert${alerts.length === 1 ? '' : 's'}: ${parts.join('; ')}`;
}
