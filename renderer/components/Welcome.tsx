/** First run: no profile yet. One question, one field. */
import { useState } from 'react';
import type { FormEvent } from 'react';

export function Welcome({ onCreate }: { readonly onCreate: (name: string) => Promise<void> }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    setBusy(true);
    try {
      await onCreate(name.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card welcome">
      <h2>Who is practising?</h2>
      <p className="muted">
        Evenkeys keeps one profile per pianist, so each person is compared only with their own earlier sessions.
        Everything stays on this computer.
      </p>
      <form className="inline-form" onSubmit={submit}>
        <label className="visually-hidden" htmlFor="first-profile">Your name</label>
        <input id="first-profile" placeholder="Your name" value={name} autoFocus onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button primary" disabled={busy || name.trim() === ''}>Create profile</button>
      </form>
    </section>
  );
}
