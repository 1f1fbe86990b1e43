// Builds the React renderer into dist/renderer. Relative asset paths (base './') so the same
// build is served by Electron's app:// protocol and by the browser-mode host.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // No inline <script> for the module-preload polyfill: the CSP allows only 'self' scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // One ~0.8 MB chunk is right for an app served from disk or 127.0.0.1 (no network to split
    // for); vite's 500 kB web-page warning only printed noise on every `npm start`.
    chunkSizeWarningLimit: 2000,
  },
});
