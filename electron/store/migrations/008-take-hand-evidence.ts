/**
 * Schema version 8 (issue 12, the player's history as a hand cue): the take row gains the fields
 * that say whether its hand is known, so a pianist's hand history (electron/store/hand-history.ts)
 * is one indexed query over `takes` instead of reading every earlier analysis document (with 300
 * sessions of 20 takes: 1.6 ms instead of 192 ms per analysis, the latter growing with every
 * session; docs/alignment.md, *The player's history*).
 *
 * Derived data like the rest of `takes`: copied from the stored document (`evenkeys.analysis/1`
 * take fields `wrong`, `confidence`, `handConfidence`, `handUncertain`, `handSource`), NULL where
 * the document has no such field (documents older than issue 12: never evidence). Existing rows
 * are filled from their session's stored document once, here; every later analysis writes them.
 */
export const sql = `
ALTER TABLE takes ADD COLUMN wrong INTEGER;
-- 0-1, recognition confidence (core/align/credibility.ts).
ALTER TABLE takes ADD COLUMN confidence REAL;
-- 0-1, probability that 'hands' is the hand that played.
ALTER TABLE takes ADD COLUMN hand_confidence REAL;
-- 1 when the hand could not be told and was not given.
ALTER TABLE takes ADD COLUMN hand_uncertain INTEGER;
-- 'notes' | 'given' | 'corrected' | 'history'.
ALTER TABLE takes ADD COLUMN hand_source TEXT;

UPDATE takes SET
  wrong = j.wrong, confidence = j.confidence, hand_confidence = j.hand_confidence,
  hand_uncertain = j.hand_uncertain, hand_source = j.hand_source
FROM (
  SELECT a.session_id AS session_id, CAST(t.key AS INTEGER) AS take_index,
         json_extract(t.value, '$.wrong') AS wrong, json_extract(t.value, '$.confidence') AS confidence,
         json_extract(t.value, '$.handConfidence') AS hand_confidence, json_extract(t.value, '$.handUncertain') AS hand_uncertain,
         json_extract(t.value, '$.handSource') AS hand_source
    FROM analyses a, json_each(a.document_json, '$.takes') t
   WHERE a.error IS NULL AND a.document_json IS NOT NULL AND json_valid(a.document_json)
) AS j
WHERE j.session_id = takes.session_id AND j.take_index = takes.take_index;
`;
