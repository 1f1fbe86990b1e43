import { recognitionCases, runCase } from './tests/support/catalogue-recognition';
for (const r of recognitionCases({ seed: 1212, sample: 240 }).map(runCase)) if (!r.ok) console.log(r.case.exercise.id, r.case.shift, r.case.notesPerSecond.toFixed(1), r.case.corrupted, r.case.seed, '->', r.found);
