/**
 * Hands an exported file to the user as a download (Electron shows its save dialog for it).
 */
import type { ExportFile } from '../core/api/schemas';

/** @example decodeExport({ encoding: 'base64', content: 'TVRoZA==', ... }) // => Uint8Array [77, 84, 104, 100] */
export function decodeExport(file: ExportFile): Uint8Array<ArrayBuffer> {
  if (file.encoding === 'utf8') return new TextEncoder().encode(file.content);
  const binary = atob(file.content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function saveExport(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([decodeExport(file)], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
