/**
 * Schema version 9 (issue 9): each analysis keeps its session's drift input in compact form
 * (electron/store/drift-input.ts): the takes' observations as typed columns, so a full drift
 * recompute of a long history reads a few kilobytes per session instead of parsing every
 * analysis document. Derived data: NULL until written; rows analysed before this version are
 * filled from their document the first time drift reads them.
 */
export const sql = `
ALTER TABLE analyses ADD COLUMN drift_input BLOB;
`;
