/**
 * The Electron side of "Export PDF": Chromium's own print of the report page the user is looking
 * at (`webContents.printToPDF`), so the PDF is exactly the on-screen template with its print
 * stylesheet. Browser mode and the CLI print the same template with an installed Chromium
 * instead (electron/report/pdf.ts). Electron cannot run on the project's build machines: this is
 * tested with 'electron' mocked (tests/electron/shell/print-report.test.ts).
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../../core/api/errors';

/** Options of the PDF: A4, backgrounds on (finger colours), the page's own @page size. */
export const PRINT_OPTIONS = { pageSize: 'A4' as const, printBackground: true, preferCSSPageSize: true };

/**
 * Handles `printReportPdf` from the (already trusted) app page: prints the sender's page.
 *
 * @example await printSenderToPdf(event, { profileId: 1 }) // => { ok: true, value: { fileName: '…pdf', encoding: 'base64', … } }
 */
export async function printSenderToPdf(event: Pick<IpcMainInvokeEvent, 'sender'>, input: unknown, now: Date = new Date()): Promise<ApiResult> {
  const profileId = (input as { profileId?: unknown } | null)?.profileId;
  if (typeof profileId !== 'number' || !Number.isInteger(profileId) || profileId <= 0) {
    return { ok: false, error: { code: 'invalid-input', message: 'printReportPdf: profileId must be a profile id' } };
  }
  try {
    const pdf = await event.sender.printToPDF(PRINT_OPTIONS);
    return {
      ok: true,
      value: { fileName: `evenkeys-progress-${now.toISOString().slice(0, 10)}.pdf`, mimeType: 'application/pdf', encoding: 'base64', content: Buffer.from(pdf).toString('base64') },
    };
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: `printing the report failed: ${error instanceof Error ? error.message : String(error)}` } };
  }
}
