/**
 * A session's figures like with like (issue 9): one line per exercise and tempo band, with its
 * takes and unevenness. Shared by every list of sessions (report, teacher).
 */
import type { SessionExercise } from '../../core/api/schemas';
import { formatMs } from '../format';
import { exerciseDetail } from './session-exercises';

export interface SessionExercisesProps {
  /** Undefined from a backend without per-exercise figures: the session's one average is shown, labelled so. */
  readonly lines: readonly SessionExercise[] | undefined;
  readonly averageMs: number | null;
  readonly takes: number;
}

export function SessionExercises({ lines, averageMs, takes }: SessionExercisesProps) {
  if (lines === undefined) {
    return takes === 0 ? <span className="muted small">No takes</span> : <span>{formatMs(averageMs)} <span className="muted small">mean of {takes} takes, any exercise</span></span>;
  }
  if (lines.length === 0) return <span className="muted small">No exercise recognised</span>;
  return (
    <ul className="session-exercises" data-testid="session-exercises">
      {lines.map((line) => (
        <li key={`${line.exerciseId}|${line.notesPerSecond ?? '-'}`} data-exercise={line.exerciseId}>
          <span className="ex-name" title={line.exerciseName}>{line.exerciseName}</span>
          <span className="ex-detail">{exerciseDetail(line)}</span>
          <span className="ex-figure">{formatMs(line.unevennessMs)}</span>
        </li>
      ))}
    </ul>
  );
}
