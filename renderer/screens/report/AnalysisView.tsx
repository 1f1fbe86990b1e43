/** One session's results: its takes, the per-finger table of the chosen take, and its events. */
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import type { AnalysisDocument, AnalysisEvent, AnalysisRepetitions, AnalysisTake } from '../../../core/api/analysis';
import type { EvenkeysApi } from '../../../core/api/contract';
import type { MetronomeClick, SessionAnalysis } from '../../../core/api/schemas';
import { DeviationChart, FingerSpreadChart, HEALTHY_BAND_MS, LegatoChart, UnevennessChart } from '../../charts/ReportCharts';
import { deviationSeries, isEventNote, summary, wrongNotes } from '../../charts/report-data';
import { saveExport } from '../../download';
import { directionsOf, evidenceRows, fingerRows, repetitionFingers } from './analysis-display';
import type { DirectionFilter } from './analysis-display';
import { eventLabel, fingerName, formatDuration, formatMs, formatPercent, formatSignedMs, formatSpread, formatWhen } from '../../format';
import type { ReactNode } from 'react';
import { AnalysisStatus } from './AnalysisStatus';
import { Annotations } from './Annotations';
import { FreePlayView } from './FreePlayView';
import { TakeHand } from './TakeHand';

export interface AnalysisViewProps {
  readonly api: EvenkeysApi;
  readonly data: SessionAnalysis;
  readonly onClose: () => void;
  readonly onError: (message: string) => void;
  /** The metronome clicks heard while recording (for "time off the beat"); none: not shown. */
  readonly clicks?: readonly MetronomeClick[];
}

export function AnalysisView({ api, data: given, onClose, onError, clicks = [] }: AnalysisViewProps) {
  // A take's hand corrected here (TakeHand), or a reanalysis, answers with the new session data.
  const [data, setData] = useState(given);
  const setCorrected = setData;
  const { session, analysis } = data;
  const exportAs = async (format: 'json' | 'smf') => {
    try {
      saveExport(await api.exportSession({ sessionId: session.id, format }));
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  };
  const takes = analysis?.takes ?? [];
  const [takeIndex, setTakeIndex] = useState(0);
  const take = takes[Math.min(takeIndex, takes.length - 1)];
  const heading = useRef<HTMLHeadingElement>(null);

  // The report comes into view when it opens (after a take ends) and keeps keyboard focus.
  useEffect(() => {
    // scrollIntoView is missing in jsdom; harmless to skip there.
    heading.current?.scrollIntoView?.({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [session.id]);

  // Arrows move between takes, Escape closes; not while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const tag = (e.target as HTMLElement | null)?.tagName;
      if (e.defaultPrevented || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
      if (e.key === 'ArrowRight' && takes.length > 1) setTakeIndex((i) => Math.min(takes.length - 1, i + 1));
      else if (e.key === 'ArrowLeft' && takes.length > 1) setTakeIndex((i) => Math.max(0, i - 1));
      else if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [takes.length, onClose]);

  return (
    <section className="card analysis" aria-labelledby="analysis-title">
      <div className="card-head">
        <h2 id="analysis-title" ref={heading} tabIndex={-1}>Session of {formatWhen(session.startedAt)}</h2>
        <div className="actions">
          <button type="button" className="button ghost small" disabled={session.status === 'recording'} onClick={() => void exportAs('smf')}>Export MIDI</button>
          <button type="button" className="button ghost small" disabled={session.status === 'recording'} onClick={() => void exportAs('json')}>Export JSON</button>
          <button type="button" className="button ghost small" onClick={onClose}>Close</button>
        </div>
      </div>

      <dl className="stats">
        <div><dt>Notes</dt><dd data-testid="analysis-notes">{analysis?.source.notes ?? session.noteCount}</dd></div>
        <div><dt>Duration</dt><dd>{analysis ? formatDuration(analysis.source.durationMs) : '—'}</dd></div>
        <div><dt>Takes</dt><dd>{takes.length}</dd></div>
        <div><dt>Unevenness</dt><dd>{formatMs(session.unevennessMs)}</dd></div>
        <div><dt>MIDI messages</dt><dd>{session.eventCount}</dd></div>
      </dl>

      <AnalysisStatus api={api} data={data} onAnalysed={setData} />
      {session.status === 'recording' ? <p className="muted">This session is still recording.</p> : null}
      {analysis !== null ? <InputNotices analysis={analysis} /> : null}

      {analysis !== null && takes.length === 0 ? (
        <div className="empty">
          <strong>No exercise recognised in this recording</strong>
          <p>
            The notes are saved. Per-finger figures appear for takes of a library exercise (scales, arpeggios, five-finger
            patterns) played with the standard fingering at a steady tempo.
          </p>
        </div>
      ) : null}

      {take !== undefined ? (
        <>
          {takes.length > 1 ? (
            <div className="take-tabs" role="tablist" aria-label="Takes">
              {takes.map((t, i) => (
                <button key={`${t.exercise.id}-${t.startMs}`} type="button" role="tab" aria-selected={i === takeIndex} className={i === takeIndex ? 'tab active' : 'tab'} onClick={() => setTakeIndex(i)}>
                  Take {i + 1} · {formatMs(t.unevennessMs)}
                </button>
              ))}
            </div>
          ) : null}
          <TakeDetail
            take={take}
            index={takes.indexOf(take)}
            notes={analysis?.notes}
            clicks={clicks}
            sessionWide={analysis?.source.warnings ?? []}
            hand={
              <TakeHand
                api={api}
                sessionId={session.id}
                takeIndex={Math.min(takeIndex, takes.length - 1)}
                take={take}
                editable={session.status !== 'recording'}
                onChanged={setCorrected}
                onError={onError}
              />
            }
          />
        </>
      ) : null}
      {analysis !== null && analysis.repetitions.length > 0 ? <Repetitions analysis={analysis} /> : null}
      {analysis !== null ? <FreePlayView freePlay={analysis.freePlay} /> : null}
      <Annotations api={api} sessionId={session.id} onError={onError} />
      <p className="footnote">Evenkeys measures timing and velocity; it does not diagnose. Compare each session with your own earlier ones.</p>
    </section>
  );
}

const DIRECTION_LABEL: Record<DirectionFilter, string> = { both: 'Both directions', up: 'Up', down: 'Down' };

function TakeDetail({
  take,
  index,
  notes,
  clicks,
  sessionWide = [],
  hand,
}: {
  readonly take: AnalysisTake;
  readonly index: number;
  readonly notes: AnalysisDocument['notes'];
  readonly clicks: readonly MetronomeClick[];
  readonly sessionWide?: readonly string[];
  readonly hand?: ReactNode;
}) {
  const [direction, setDirection] = useState<DirectionFilter>('both');
  const [selectedEvent, setSelectedEvent] = useState<number | null>(null);
  const [againstClick, setAgainstClick] = useState(false);
  const clicksInTake = useMemo(() => clicks.filter((c) => c.timeMs >= take.startMs - 5_000 && c.timeMs <= take.endMs + 5_000), [clicks, take]);
  const hasClicks = clicksInTake.filter((c) => !c.countIn).length >= 2;
  const series = useMemo(() => deviationSeries(notes, take, index), [notes, take, index]);
  const offBeat = useMemo(() => (hasClicks ? deviationSeries(notes, take, index, clicksInTake) : []), [hasClicks, notes, take, index, clicksInTake]);
  const offBeatSummary = summary(offBeat.flatMap((s) => s.points.map((p) => p.y)));
  const stepMs = take.notesPerSecond === null || take.notesPerSecond <= 0 ? 0 : 1000 / take.notesPerSecond;
  const event = selectedEvent === null ? undefined : take.events[selectedEvent];
  const highlight = event === undefined ? null : (p: { timeMs: number; hand: 'left' | 'right'; finger: number }) => isEventNote({ ...p, finger: p.finger as 1 }, event, stepMs);
  // Rows without a figure (a take whose clock cannot be trusted) are not charted.
  const unevenRows = [{ label: 'This take', value: take.unevennessMs }, ...take.hands.map((h) => ({ label: `${h.hand === 'left' ? 'LH' : 'RH'} ${h.direction}`, value: h.ioiSdMs }))].flatMap(
    (row) => (row.value === null ? [] : [{ label: row.label, value: row.value }]),
  );
  const timedFingers = take.fingers.flatMap((f) => (f.count >= 3 && f.onsetDeviationMs.mean !== null ? [{ ...f, meanMs: f.onsetDeviationMs.mean }] : []));
  const worst = timedFingers.sort((a, b) => Math.abs(b.meanMs) - Math.abs(a.meanMs))[0];
  const directions = directionsOf(take);
  // A direction this take has no figures for (switching takes) falls back to both.
  const shown: DirectionFilter = direction !== 'both' && directions.includes(direction) ? direction : 'both';
  const rows = fingerRows(take, shown);
  const ioi = shown === 'both' ? [] : take.hands.filter((h) => h.direction === shown);
  return (
    <div className="take">
      <h3>{take.exercise.name}</h3>
      <p className="muted small take-summary" data-testid="take-summary">
        {take.bpm === null ? 'tempo —' : `${take.bpm.toFixed(0)} bpm`} · {take.notesPerSecond === null ? '—' : take.notesPerSecond.toFixed(1)} notes/s · {take.matched} matched,{' '}
        <span className={take.wrong > 0 ? 'wrong-count' : undefined}>{take.wrong} wrong</span>, {take.missed} missed, {take.extra} extra · unevenness {formatMs(take.unevennessMs)}
      </p>
      {take.interruptedByDevice === true || (take.warnings ?? []).some((text) => !text.startsWith('The keyboard went away') && !sessionWide.includes(text)) ? (
        <ul className="take-notices" aria-label="About this take">
          {take.interruptedByDevice === true ? (
            <li className="notice-device">
              <strong>Interrupted by the device</strong> — the keyboard was unplugged or switched off during this take.
            </li>
          ) : null}
          {(take.warnings ?? []).filter((text) => !text.startsWith('The keyboard went away') && !sessionWide.includes(text)).map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      ) : null}
      {hand}
      {worst !== undefined && Math.abs(worst.meanMs) >= 5 ? (
        <p className="headline" data-testid="report-leaning">
          {fingerName(worst.hand, worst.finger)} is {worst.meanMs > 0 ? 'late' : 'early'} on average ({formatSignedMs(worst.meanMs)} over {worst.count} notes).
        </p>
      ) : null}
      <div className="report-charts">
        <div className="chart-card wide">
          <div className="chart-head">
            <h4>Each note, in time order</h4>
            {hasClicks ? (
              <div className="segmented" role="group" aria-label="Measured against">
                <button type="button" aria-pressed={!againstClick} className={againstClick ? 'segment' : 'segment active'} onClick={() => setAgainstClick(false)}>Your own line</button>
                <button type="button" aria-pressed={againstClick} className={againstClick ? 'segment active' : 'segment'} onClick={() => setAgainstClick(true)}>The click</button>
              </div>
            ) : null}
          </div>
          <DeviationChart
            series={againstClick ? offBeat : series}
            wrong={wrongNotes(notes, take, index)}
            highlight={highlight}
            yTitle={[againstClick ? 'time off the beat' : 'deviation from your line', '(ms, + = late)']}
          />
          <p className="muted small">
            Deviation: each onset against a straight line through your own notes (tempo drift removed), the measure of evenness.
            {hasClicks ? ` Time off the beat: against the metronome click you heard, mean ${formatSignedMs(offBeatSummary.mean)}, SD ${formatSpread(offBeatSummary.sd, offBeatSummary.count, formatMs)}.` : ''}
          </p>
        </div>
        <div className="chart-card">
          <h4>Timing by finger</h4>
          <FingerSpreadChart fingers={take.fingers} metric="deviation" />
        </div>
        <div className="chart-card">
          <h4>Velocity by finger</h4>
          <FingerSpreadChart fingers={take.fingers} metric="velocity" />
        </div>
        <div className="chart-card">
          <h4>Key-hold and legato</h4>
          <LegatoChart fingers={take.fingers} />
        </div>
        <div className="chart-card">
          <h4>Unevenness</h4>
          <UnevennessChart rows={unevenRows} />
          <p className="muted small">
            Healthy professional pianists show an IOI SD of about {HEALTHY_BAND_MS[0]}-{HEALTHY_BAND_MS[1]} ms in this scale test at 8 notes/s (Jabusch et al. 2004).
            That band holds at that tempo only; your own baseline over weeks matters more than any comparison with others.
          </p>
        </div>
      </div>
      <div className="table-head">
        <h4>Per finger</h4>
        {directions.length > 0 ? (
          <div className="segmented" role="group" aria-label="Direction">
            {(['both', ...directions] as DirectionFilter[]).map((d) => (
              <button key={d} type="button" aria-pressed={shown === d} className={shown === d ? 'segment active' : 'segment'} onClick={() => setDirection(d)}>
                {DIRECTION_LABEL[d]}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {ioi.length > 0 ? (
        <p className="muted small direction-note">
          Going {shown}: {ioi.map((h) => `${h.hand} hand IOI SD ${formatMs(h.ioiSdMs)} over ${h.runs} ${h.runs === 1 ? 'run' : 'runs'}`).join(' · ')}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="table fingers">
          <caption className="visually-hidden">Per-finger figures, {DIRECTION_LABEL[shown].toLowerCase()}</caption>
          <thead>
            <tr>
              <th scope="col">Finger</th>
              <th scope="col" className="num">Notes</th>
              <th scope="col" className="num">Onset deviation</th>
              <th scope="col" className="num">Spread (SD)</th>
              <th scope="col" className="num">Velocity</th>
              <th scope="col" className="num">Velocity CV</th>
              <th scope="col" className="num">Duration</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={`${f.hand}-${f.finger}`}>
                <th scope="row">{fingerName(f.hand, f.finger)}</th>
                <td className="num">{f.count}</td>
                <td className="num">{signedMs(f.onsetDeviationMs.mean)}</td>
                <td className="num">{formatSpread(f.onsetDeviationMs.sd, f.count, formatMs)}</td>
                <td className="num">{f.velocity.mean.toFixed(0)}</td>
                <td className="num">{formatSpread(f.velocity.cv, f.count, formatPercent)}</td>
                <td className="num">{formatMs(f.durationMs.mean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>Events</h4>
      {take.events.length === 0 ? (
        <p className="muted">No loss-of-control events in this take.</p>
      ) : (
        <ul className="events">
          {take.events.map((event, i) => (
            <EventItem
              key={`${event.type}-${event.timeMs}-${event.finger}-${i}`}
              event={event}
              takeStartMs={take.startMs}
              selected={selectedEvent === i}
              onSelect={() => setSelectedEvent(selectedEvent === i ? null : i)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

/** One event: the sentence, and on hover (title) or click (details) the numbers behind it. */
function EventItem({ event, takeStartMs, selected, onSelect }: { readonly event: AnalysisEvent; readonly takeStartMs: number; readonly selected: boolean; readonly onSelect: () => void }) {
  const evidence = evidenceRows(event.evidence);
  const summaryText = evidence.map((row) => `${row.label}: ${row.value}`).join(' · ');
  return (
    <li className={selected ? 'selected' : undefined}>
      <details className="event" onToggle={(e) => { if ((e.currentTarget as HTMLDetailsElement).open !== selected) onSelect(); }}>
        <summary title={summaryText}>
          <span className="event-time">{formatDuration(event.timeMs - takeStartMs)}</span>
          <span className="event-type">{eventLabel(event.type)}</span>
          <span className="event-finger">{fingerName(event.hand, event.finger)}</span>
          <span className="event-detail">{event.detail}</span>
        </summary>
        <dl className="evidence">
          <div><dt>severity</dt><dd>{event.severity.toFixed(1)} × threshold</dd></div>
          {evidence.map((row, i) => (
            <div key={`${row.label}-${i}`}><dt>{row.label}</dt><dd>{row.value}</dd></div>
          ))}
        </dl>
      </details>
    </li>
  );
}

/**
 * Exercises played two or more times in the session: per hand and per finger, irregularity (the
 * same deviation every time) and instability (how it varies from one repetition to the next).
 */
function Repetitions({ analysis }: { readonly analysis: AnalysisDocument }) {
  return (
    <div className="repetitions">
      <h4>Across repetitions</h4>
      <p className="muted small">
        For each note position played in two or more takes: <strong>irregularity</strong> is how far it sits from the beat the same way every
        time, <strong>instability</strong> how much it moves from one repetition to the next. Lower is steadier.
      </p>
      <div className="repetition-grid">
        {analysis.repetitions.map((repetition) => (
          // One exercise may appear once per tempo band (repetitions pool like with like).
          <RepetitionTable
            key={`${repetition.exerciseId} ${repetition.tempoBand ?? ''}`}
            repetition={repetition}
            name={`${analysis.takes.find((t) => t.exercise.id === repetition.exerciseId)?.exercise.name ?? repetition.exerciseId}${repetition.tempoBand ? `, ${repetition.tempoBand}` : ''}`}
          />
        ))}
      </div>
    </div>
  );
}

function RepetitionTable({ repetition, name }: { readonly repetition: AnalysisRepetitions; readonly name: string }) {
  const fingers = repetitionFingers(repetition);
  return (
    <div className="repetition">
      <p className="repetition-title">
        {name} <span className="muted">· {repetition.takes} takes</span>
      </p>
      <div className="table-scroll">
        <table className="table compact">
          <caption className="visually-hidden">Irregularity and instability across the takes of {name}</caption>
          <thead>
            <tr>
              <th scope="col">Hand / finger</th>
              <th scope="col" className="num optional">Positions</th>
              <th scope="col" className="num">Irregularity</th>
              <th scope="col" className="num">Instability</th>
            </tr>
          </thead>
          <tbody>
            {repetition.hands.map((hand) => (
              <Fragment key={hand.hand}>
                <tr className="subtotal">
                  <th scope="row">{hand.hand === 'left' ? 'Left hand' : 'Right hand'}</th>
                  <td className="num optional">{hand.positions}</td>
                  <td className="num">{formatMs(hand.irregularityMs)}</td>
                  <td className="num">{formatMs(hand.instabilityMs)}</td>
                </tr>
                {fingers
                  .filter((f) => f.hand === hand.hand)
                  .map((f) => (
                    <tr key={`${f.hand}-${f.finger}`}>
                      <th scope="row" className="indent">{fingerName(f.hand, f.finger)}</th>
                      <td className="num optional">{f.positions}</td>
                      <td className="num">{formatMs(f.irregularityMs)}</td>
                      <td className="num">{formatMs(f.instabilityMs)}</td>
                    </tr>
                  ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function signedMs(value: number | null): string {
  return `${value !== null && value > 0 ? '+' : ''}${formatMs(value)}`;
}

/**
 * What the input did to the numbers, in plain sentences: the clock (timestamps that do not
 * advance, a coarse clock, a backward jump) and when the keyboard was away (issue 11).
 */
function InputNotices({ analysis }: { readonly analysis: AnalysisDocument }) {
  const gaps = analysis.source.deviceGaps ?? [];
  const clock = (analysis.source.warnings ?? []).filter((text) => /^The (timestamps|clock)|^Every note falls on/.test(text));
  if (gaps.length === 0 && clock.length === 0) return null;
  // Times on the recording's own clock (a live session's starts at page load): show them from its first note.
  const origin = Math.min(analysis.notes?.[0]?.timeMs ?? Infinity, analysis.takes[0]?.startMs ?? Infinity, ...gaps.map((gap) => gap.startMs));
  const since = (ms: number) => formatDuration(Math.max(0, ms - origin));
  return (
    <div className="input-notices" role="note">
      {clock.map((text) => (
        <p key={text} className="warning">{text} Velocity figures are still shown; timing figures are left blank rather than guessed.</p>
      ))}
      {gaps.length > 0 ? (
        <p className="notice">
          <strong>The keyboard went away</strong>{' '}
          {gaps
            .map((gap) =>
              gap.endMs === null
                ? `at ${since(gap.startMs)} and did not come back`
                : `for ${((gap.endMs - gap.startMs) / 1000).toFixed(1)} s at ${since(gap.startMs)}`,
            )
            .join(', ')}
          {gaps.some((gap) => gap.heldNotes > 0) ? ' (a key held at that moment is ended there)' : ''}. Stops while it was away are not
          counted against any finger.
        </p>
      ) : null}
    </div>
  );
}
