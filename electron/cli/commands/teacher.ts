/**
 * The teacher-review commands: `export` and `import` (student bundles, docs/bundles.md),
 * `report` (PDF progress report or CSVs), `take-midi` (a Standard MIDI File of one take, to
 * listen to) and `delete` (a session, or a whole profile with its backups, after --yes).
 * Every failure caused by the user's input is one line on stderr and exit code 2, and a refused
 * import leaves the database unchanged.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { BundleError, decodeBundle, exportBundle } from '../../bundle/index';
import { writeReportCsv } from '../../report/csv';
import { collectProgressReport, collectReportSessions } from '../../report/collect';
import { reportHtml } from '../../report/html';
import { NoBrowserError, htmlToPdf } from '../../report/pdf';
import { takeSmf } from '../../report/take-midi';
import type { CliCommand } from '../command';
import { CliUsageError, parseCliArgs } from '../command';
import { openStoreForCommand } from '../open-store';
import { parseRange, profileOrThrow, readPassphrase, withStoreErrors } from '../teacher-args';

const day = (iso: string | null) => (iso === null ? '-' : iso.slice(0, 10));
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function writeOut(path: string, bytes: Uint8Array | string): void {
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliUsageError(`cannot write ${path}: ${code === 'ENOENT' ? 'no such folder' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : String(error)}`);
  }
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: "write a profile's log (or only its notes) as a bundle for a teacher or student",
  usage: 'evenkeys export --profile NAME --out FILE [--from DATE --to DATE] [--annotations-only] [--passphrase-file F] [--db PATH] [--json]',
  options: [
    { flag: '--profile NAME', text: 'the pianist whose log goes into the bundle.' },
    { flag: '--out FILE', text: 'where to write the bundle (any extension; bundles are recognised by their content).' },
    { flag: '--from DATE', text: 'only sessions started at or after this ISO date or time.' },
    { flag: '--to DATE', text: 'only sessions started at or before this ISO date or time.' },
    { flag: '--annotations-only', text: "only the notes (annotations), e.g. a teacher's reply to a student, merged on import without duplicates." },
    { flag: '--passphrase-file F', text: 'encrypt the bundle with the passphrase in this file (scrypt + AES-256-GCM); the reader needs the same passphrase.' },
    { flag: '--db PATH', text: 'the database (default: EVENKEYS_DB, else the app data folder).' },
    { flag: '--json', text: 'print what was exported as JSON instead of a sentence.' },
  ],
  async run(args, io) {
    const { positionals, values } = parseCliArgs(args, {
      profile: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'annotations-only': { type: 'boolean' },
      'passphrase-file': { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument '${positionals[0]}'`);
    if (!values.out) throw new CliUsageError('--out FILE is required');
    const range = parseRange(values);
    const passphrase = readPassphrase(values['passphrase-file']);
    const store = await openStoreForCommand(values.db, { mustExist: true });
    try {
      const { bytes, summary } = await withStoreErrors(() => {
        const profile = profileOrThrow(store, values.profile);
        return exportBundle(store, profile.id, { ...range, annotationsOnly: values['annotations-only'] ?? false, ...(passphrase ? { passphrase } : {}) });
      });
      writeOut(values.out, bytes);
      if (values.json) {
        io.stdout(`${JSON.stringify({ file: values.out, bytes: bytes.length, encrypted: passphrase !== undefined, ...summary })}\n`);
        return 0;
      }
      const what =
        summary.kind === 'annotations'
          ? `${count(summary.annotations, 'annotation')} (notes only, no MIDI)`
          : `${count(summary.sessions, 'session')} (${day(summary.firstSession)} to ${day(summary.lastSession)}), ${count(summary.rawEvents, 'MIDI message')}, ` +
            `${count(summary.deviceGaps, 'device gap')}, ${count(summary.clicks, 'metronome click')}, ${count(summary.annotations, 'annotation')}` +
            (summary.handCorrections > 0 ? `, ${count(summary.handCorrections, 'hand correction')} (bundle version ${summary.version}: an Evenkeys too old to read it says so)` : '');
      io.stdout(
        `Wrote ${values.out} (${count(bytes.length, 'byte')}): ${summary.profileName}, ${what}.\n` +
          (passphrase ? 'Encrypted with your passphrase (scrypt + AES-256-GCM): send the passphrase another way than the file.\n' : 'Not encrypted: this is health-related data; consider --passphrase-file before sending it by email.\n'),
      );
      return 0;
    } finally {
      store.close();
    }
  },
};

export const importCommand: CliCommand = {
  name: 'import',
  summary: "import a student's bundle (read-only profile) or a teacher's notes",
  usage: 'evenkeys import FILE [--as NAME] [--passphrase-file F] [--db PATH] [--json]',
  options: [
    { flag: 'FILE', text: 'a bundle written by evenkeys export (refused in one line, database unchanged, if it is not a valid one).' },
    { flag: '--as NAME', text: "import the student under this name (needed when a local profile already has the student's name)." },
    { flag: '--passphrase-file F', text: 'the passphrase of an encrypted bundle, read from this file.' },
    { flag: '--db PATH', text: 'the database to import into (default: EVENKEYS_DB, else the app data folder).' },
    { flag: '--json', text: 'print what was added and what was already there as JSON.' },
  ],
  async run(args, io) {
    const { positionals, values } = parseCliArgs(args, {
      as: { type: 'string' },
      'passphrase-file': { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    const [file, ...extra] = positionals;
    if (!file) throw new CliUsageError('a bundle file is required');
    if (extra.length > 0) throw new CliUsageError(`one bundle at a time (got ${positionals.length})`);
    let bytes: Uint8Array;
    try {
      if (statSync(file).isDirectory()) throw new CliUsageError(`${file}: is a directory, not a bundle`);
      bytes = readFileSync(file);
    } catch (error) {
      if (error instanceof CliUsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliUsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error)}`);
    }
    const passphrase = readPassphrase(values['passphrase-file']);
    // Read and check the bundle before opening the database: a refused bundle must not leave a
    // new, empty database behind where the teacher named one that did not exist yet.
    const refused = (error: unknown) => (error instanceof BundleError ? new CliUsageError(`${file}: ${error.message} (nothing was imported)`) : error);
    let content: ReturnType<typeof decodeBundle>;
    try {
      content = decodeBundle(bytes, passphrase ? { passphrase } : {});
    } catch (error) {
      throw refused(error);
    }
    const store = await openStoreForCommand(values.db);
    try {
      const report = await withStoreErrors(() => {
        try {
          return store.importBundle(content, values.as !== undefined ? { as: values.as } : {});
        } catch (error) {
          throw refused(error);
        }
      });
      if (values.as !== undefined && !report.createdProfile && report.profile.name !== values.as) {
        io.stderr(`evenkeys import: note: this bundle's pianist is already here as '${report.profile.name}', so --as '${values.as}' was not used\n`);
      }
      if (values.json) {
        const { profile, newSessionIds: _ids, correctedSessionIds: _corrected, ...counts } = report;
        io.stdout(`${JSON.stringify({ profile: { id: profile.id, name: profile.name, readOnly: profile.readOnly }, ...counts })}\n`);
        return 0;
      }
      const notes = [
        `${count(report.annotationsAdded, 'annotation')} added`,
        report.annotationsUpdated > 0 ? `${report.annotationsUpdated} updated` : '',
        report.annotationsAlreadyHere > 0 ? `${report.annotationsAlreadyHere} already here` : '',
        report.annotationsWithoutSession > 0 ? `${report.annotationsWithoutSession} skipped (their sessions are not in this database)` : '',
        report.handCorrectionsAdded > 0 ? `${count(report.handCorrectionsAdded, 'hand correction')} applied` : '',
        report.handCorrectionsReplaced > 0 ? `${report.handCorrectionsReplaced} older replaced` : '',
      ].filter(Boolean);
      io.stdout(
        `${report.createdProfile ? 'Created read-only profile' : 'Into profile'} '${report.profile.name}': ${count(report.sessionsAdded, 'session')} added` +
          `${report.sessionsAlreadyHere > 0 ? ` (${report.sessionsAlreadyHere} already here)` : ''}, ${count(report.rawEventsAdded, 'MIDI message')}, ${notes.join(', ')}.\n`,
      );
      return 0;
    } finally {
      store.close();
    }
  },
};

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'write a PDF progress report, or CSVs (one row per take / per note), for a date range',
  usage: 'evenkeys report --profile NAME (--pdf OUT.pdf | --csv OUT.csv) [--from DATE --to DATE] [--db PATH]',
  options: [
    { flag: '--profile NAME', text: 'the pianist (or imported student) the report is about.' },
    { flag: '--pdf OUT.pdf', text: 'write the progress report as PDF (needs a Chromium-based browser: Chromium, Chrome or Edge).' },
    { flag: '--csv OUT.csv', text: 'write one row per take to OUT.csv and one row per note to OUT.notes.csv (units in the column names).' },
    { flag: '--from DATE', text: 'only sessions started at or after this ISO date or time.' },
    { flag: '--to DATE', text: 'only sessions started at or before this ISO date or time.' },
    { flag: '--db PATH', text: 'the database (default: EVENKEYS_DB, else the app data folder).' },
  ],
  async run(args, io) {
    const { positionals, values } = parseCliArgs(args, {
      profile: { type: 'string' },
      pdf: { type: 'string' },
      csv: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      db: { type: 'string' },
    });
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument '${positionals[0]}'`);
    if ((values.pdf === undefined) === (values.csv === undefined)) throw new CliUsageError('give one of --pdf OUT.pdf or --csv OUT.csv');
    const range = parseRange(values);
    const store = await openStoreForCommand(values.db, { mustExist: true, readOnly: true });
    try {
      const profile = await withStoreErrors(() => profileOrThrow(store, values.profile));
      if (values.csv !== undefined) {
        const sessions = collectReportSessions(store, profile, range);
        const out = values.csv;
        const written = await withStoreErrors(() => {
          try {
            return writeReportCsv(out, sessions);
          } catch (error) {
            throw new CliUsageError(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
          }
        });
        io.stdout(`Wrote ${written.takesPath} (${count(written.takes, 'take')}) and ${written.notesPath} (${count(written.notes, 'note')}).\n`);
        return 0;
      }
      const data = collectProgressReport(store, profile, range);
      let pdf: Uint8Array;
      try {
        pdf = await htmlToPdf(reportHtml(data));
      } catch (error) {
        if (error instanceof NoBrowserError) throw new CliUsageError(error.message);
        throw error;
      }
      writeOut(values.pdf ?? '', pdf);
      io.stdout(`Wrote ${values.pdf} (${count(data.summary.sessions, 'session')}, ${count(pdf.length, 'byte')}).\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};

export const takeMidiCommand: CliCommand = {
  name: 'take-midi',
  summary: 'write one take of a session as a Standard MIDI File, to listen to',
  usage: 'evenkeys take-midi --session ID [--take N] --out FILE.mid [--db PATH]',
  options: [
    { flag: '--session ID', text: 'the session whose take is written (ids from evenkeys sessions).' },
    { flag: '--take N', text: 'which take of the session, counting from 1 (default: the first).' },
    { flag: '--out FILE.mid', text: 'where to write the Standard MIDI File of the take, to listen to it.' },
    { flag: '--db PATH', text: 'the database (default: EVENKEYS_DB, else the app data folder).' },
  ],
  async run(args, io) {
    const { positionals, values } = parseCliArgs(args, { session: { type: 'string' }, take: { type: 'string' }, out: { type: 'string' }, db: { type: 'string' } });
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument '${positionals[0]}'`);
    const sessionId = Number(values.session);
    if (!Number.isInteger(sessionId) || sessionId <= 0) throw new CliUsageError('--session ID is required (a session id from evenkeys sessions)');
    const take = values.take === undefined ? 1 : Number(values.take);
    if (!Number.isInteger(take) || take < 1) throw new CliUsageError('--take N counts from 1');
    if (!values.out) throw new CliUsageError('--out FILE.mid is required');
    const store = await openStoreForCommand(values.db, { mustExist: true, readOnly: true });
    try {
      const bytes = await withStoreErrors(() => takeSmf(store, sessionId, take - 1));
      writeOut(values.out, bytes);
      io.stdout(`Wrote ${values.out}: take ${take} of session ${sessionId}.\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};

export const deleteCommand: CliCommand = {
  name: 'delete',
  summary: 'delete a session (a backup is kept) or a whole profile with its backups; needs --yes',
  usage: 'evenkeys delete (--session ID | --profile NAME) [--yes] [--db PATH]',
  options: [
    { flag: '--session ID', text: 'delete this session (a backup of the database is taken first).' },
    { flag: '--profile NAME', text: "delete this pianist or imported student with every session, and scrub them from the backups too." },
    { flag: '--yes', text: 'confirm the deletion; without it the command only says what would be deleted.' },
    { flag: '--db PATH', text: 'the database (default: EVENKEYS_DB, else the app data folder).' },
  ],
  async run(args, io) {
    const { positionals, values } = parseCliArgs(args, { session: { type: 'string' }, profile: { type: 'string' }, yes: { type: 'boolean' }, db: { type: 'string' } });
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument '${positionals[0]}'`);
    if ((values.session === undefined) === (values.profile === undefined)) throw new CliUsageError('give one of --session ID or --profile NAME');
    const store = await openStoreForCommand(values.db, { mustExist: true });
    try {
      return await withStoreErrors(async () => {
        if (values.session !== undefined) {
          const id = Number(values.session);
          if (!Number.isInteger(id) || id <= 0) throw new CliUsageError('--session ID must be a session id');
          const session = store.getSession(id);
          const what = `session ${id} of ${store.getProfile(session.profileId).name} (${session.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${count(session.eventCount, 'MIDI message')}, ${count(store.listAnnotations(id).length, 'annotation')})`;
          if (!values.yes) {
            io.stderr(`This would delete ${what}. A backup is kept first. Run again with --yes to delete it.\n`);
            return 2;
          }
          const { backup } = await store.deleteSession(id);
          io.stdout(`Deleted ${what}. Backup: ${backup}\n`);
          return 0;
        }
        const profile = profileOrThrow(store, values.profile);
        const sessions = store.listSessions(profile.id);
        const what = `${profile.readOnly ? "the imported student's data" : 'the profile'} '${profile.name}' with ${count(sessions.length, 'session')} and all its notes, here and in ${count(store.listBackups().length, 'backup')}`;
        if (!values.yes) {
          io.stderr(`This would permanently delete ${what}. This cannot be undone. Run again with --yes to delete it.\n`);
          return 2;
        }
        const result = await store.deleteProfile(profile.id);
        io.stdout(`Deleted '${profile.name}': ${count(result.sessions, 'session')}; removed from ${count(result.backupsScrubbed, 'backup')}.\n`);
        return 0;
      });
    } finally {
      store.close();
    }
  },
};
