/**
 * The progress report as one standalone HTML page: the renderer's report template
 * (renderer/screens/teacher/report/ProgressReport.tsx) rendered with react-dom/server, with its
 * stylesheet inlined. This is how the CLI prints the same template the app shows (see
 * eslint.config.js for the one import from renderer/ this allows).
 */
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ProgressReportData } from '../../core/report/progress';
import { ProgressReport } from '../../renderer/screens/teacher/report/ProgressReport';

const CSS_URL = new URL('../../renderer/screens/teacher/report/report.css', import.meta.url);

/** @example reportHtml(data).startsWith('<!doctype html>') // => true */
export function reportHtml(data: ProgressReportData): string {
  const body = renderToStaticMarkup(createElement(ProgressReport, { data }));
  const css = readFileSync(CSS_URL, 'utf8');
  const title = `Evenkeys progress report: ${data.profileName}`.replace(/[<>&]/g, '');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${css}\nbody{margin:0;background:#fff}</style></head><body>${body}</body></html>`;
}
