// Lint rules, including the layer boundaries: core/ is platform-free, renderer/ never reaches into
// electron/, and the backend under electron/ (everything but electron/shell) never imports 'electron'.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Browser-only globals that have no meaning in the platform-free core. */
const domGlobals = [
  'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location',
  'history', 'fetch', 'XMLHttpRequest', 'WebSocket', 'HTMLElement', 'Element', 'Node', 'Event',
  'requestAnimationFrame', 'alert', 'confirm', 'MIDIAccess',
];
const nodeGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'module'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: 'core/ is platform-free: no Node built-ins.' })),
          { name: 'electron', message: 'core/ is platform-free: no Electron.' },
          { name: 'better-sqlite3', message: 'core/ is platform-free: storage lives in electron/.' },
          { name: 'webmidi', message: 'core/ is platform-free: MIDI capture lives in renderer/.' },
          { name: 'react', message: 'core/ is platform-free: UI lives in renderer/.' },
        ],
        patterns: [
          { group: ['**/electron/**', '**/electron', '**/renderer/**', '**/renderer'], message: 'core/ must not import from electron/ or renderer/: import arrows point toward core.' },
        ],
      }],
      'no-restricted-globals': ['error',
        ...domGlobals.map((name) => ({ name, message: 'core/ is platform-free: no DOM APIs.' })),
        ...nodeGlobals.map((name) => ({ name, message: 'core/ is platform-free: no Node globals.' })),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: 'renderer/ runs in the browser: no Node built-ins.' })),
          { name: 'electron', message: 'renderer/ talks to the backend only through the API contract.' },
          { name: 'better-sqlite3', message: 'renderer/ talks to the backend only through the API contract.' },
        ],
        patterns: [{ group: ['**/electron/**', '**/electron'], message: 'renderer/ must never import from electron/.' }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: "The backend runs in plain Node: only electron/shell may import 'electron'." }],
        patterns: [{ group: ['**/renderer/**', '**/renderer'], message: 'electron/ must not import renderer code.' }],
      }],
    },
  },
  {
    // The one exception to "electron/ never imports renderer/": the CLI prints the progress report
    // from the SAME template the app shows (issue 13), rendered with react-dom/server. Only the
    // presentational report folder, nothing else of the renderer.
    files: ['electron/report/html.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: "The backend runs in plain Node: only electron/shell may import 'electron'." }],
        patterns: [{ regex: '(^|/)renderer/(?!screens/teacher/report/)', message: 'Only the report template may be imported here.' }],
      }],
    },
  },
);
