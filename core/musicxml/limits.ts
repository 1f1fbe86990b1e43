/**
 * Limits for untrusted MusicXML and the one error type an import throws. A score a teacher
 * e-mails is untrusted input: it must not be able to exhaust memory (huge files, zip bombs,
 * entity expansion), reach outside itself (external entities, DTD fetches) or half-import.
 */

/** Largest `.musicxml` text accepted, in bytes (MuseScore's export of a 20-page sonata is ~3 MB). */
export const MAX_XML_BYTES = 16 * 1024 * 1024;
/** Largest `.mxl` file accepted, in bytes. */
export const MAX_MXL_BYTES = 4 * 1024 * 1024;
/** Largest uncompressed size any entry of an `.mxl` may declare, in bytes. */
export const MAX_MXL_ENTRY_BYTES = MAX_XML_BYTES;
/** Most notes an imported exercise may hold (alignment cost grows with it; Hanon No. 21 has 898). */
export const MAX_IMPORT_NOTES = 6000;
/** Most measures after repeats are expanded. */
export const MAX_EXPANDED_MEASURES = 4000;
/** Finest grid accepted: steps per quarter note (48 covers 64ths, triplets and quintuplets of 16ths). */
export const MAX_STEPS_PER_QUARTER = 48;

/** Why an import was refused: one line naming the problem. Nothing is stored when it is thrown. */
export class MusicXmlError extends Error {
  override readonly name = 'MusicXmlError';
  constructor(message: string) {
    super(message.replace(/\s+/g, ' ').trim());
  }
}
