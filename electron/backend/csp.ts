/**
 * The Content-Security-Policy every renderer page gets, in Electron (protocol handler header and
 * the meta tag in index.html) and in browser mode (HTTP header). Only the app's own scripts,
 * styles and API; no inline script, no eval, no plugins, no framing, no form posts elsewhere.
 */

/**
 * @example res.setHeader('Content-Security-Policy', RENDERER_CSP)
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers sent with every renderer response besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
