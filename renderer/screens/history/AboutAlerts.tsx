/** A plain page on what a drift alert does and does not mean. Health anxiety is a real harm. */
export function AboutAlerts({ onBack }: { readonly onBack: () => void }) {
  return (
    <article className="card about" data-testid="about-alerts">
      <button type="button" className="button ghost small" onClick={onBack}>Back to History</button>
      <h2>What an alert means, and what it does not</h2>
      <h4>What it means</h4>
      <p>
        Evenkeys compares each finger with its own past: the first ten sessions of each exercise,
        hand, direction, tempo band and keyboard form your baseline. An alert says that one measure of one
        finger (its timing, its loudness, how long it holds a key, or how often something slips) has stayed
        beyond your usual range for several sessions, by more than the smallest change Evenkeys can tell apart
        from your ordinary day-to-day variation.
      </p>
      <h4>What it does not mean</h4>
      <p>
        It is not a medical finding. Many ordinary things move these numbers: tiredness, a cold room, a new
        piano or a different touch setting, a change of practice, a small injury, or simply practising
        something new. Evenkeys measures changes; it cannot tell what causes them. One bad day never raises an alert.
      </p>
      <h4>What to do</h4>
      <p>
        Keep playing the weekly check-in (C major, two octaves, each hand, 8 notes per second) so the
        comparison stays like for like. If an alert tells you about something you already know (a new
        keyboard, a tired week), dismiss it with that reason; if your playing has settled at a new level you
        are happy with, choose "Start a new baseline from here". If a change persists for weeks, or playing
        feels harder or less controlled, a specialist in performing-arts medicine is the right person to talk
        to, and your History can help that conversation.
      </p>
      <h4>How sure is it?</h4>
      <p>
        The alert limits are set so that a pianist whose playing has not changed sees a false alert less
        than about once in several hundred sessions across all fingers together (checked in simulation), and
        each alert gives the size of the change next to the smallest change Evenkeys can detect for you.
      </p>
    </article>
  );
}
