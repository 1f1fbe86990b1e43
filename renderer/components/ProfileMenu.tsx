/** The header's profile switcher, with an inline "new profile" form. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { Profile } from '../../core/api/schemas';

export interface ProfileMenuProps {
  readonly profiles: readonly Profile[];
  readonly profileId: number | null;
  readonly disabled: boolean;
  readonly onSelect: (id: number) => void;
  readonly onCreate: (name: string) => Promise<void>;
}

export function ProfileMenu({ profiles, profileId, disabled, onSelect, onCreate }: ProfileMenuProps) {
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    await onCreate(name.trim());
    setName('');
    setAdding(false);
  };

  if (adding) {
    return (
      <form className="profile-menu" onSubmit={submit}>
        <input aria-label="New profile name" placeholder="Pianist's name" value={name} autoFocus onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button primary small">Add</button>
        <button type="button" className="button ghost small" onClick={() => setAdding(false)}>Cancel</button>
      </form>
    );
  }
  return (
    <div className="profile-menu">
      <label className="profile-label" htmlFor="profile-select">Pianist</label>
      <select id="profile-select" value={profileId ?? ''} disabled={disabled} onChange={(e) => onSelect(Number(e.target.value))}>
        {profiles.map((profile) => (
          <option key={profile.id} value={profile.id}>{profile.name}</option>
        ))}
      </select>
      <button type="button" className="button ghost small" disabled={disabled} onClick={() => setAdding(true)}>New profile</button>
    </div>
  );
}
