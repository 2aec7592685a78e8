import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports that cross a folder boundary the wrong way are bugs (../shared/ARCHITECTURE.md, "Folders"). */
const outside = (...folders) => folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]);

/** Electron security checklist items that a literal in the code can break. */
const insecureWebPreferences = [
  ["Property[key.name='nodeIntegration'][value.value=true]", 'nodeIntegration must stay off.'],
  ["Property[key.name='nodeIntegrationInWorker'][value.value=true]", 'nodeIntegrationInWorker must stay off.'],
  ["Property[key.name='contextIsolation'][value.value=false]", 'contextIsolation must stay on.'],
  ["Property[key.name='sandbox'][value.value=false]", 'The renderer must stay sandboxed.'],
  ["Property[key.name='webSecurity'][value.value=false]", 'webSecurity must stay on.'],
  ["Property[key.name='allowRunningInsecureContent'][value.value=true]", 'Insecure content must stay blocked.'],
  ["Property[key.name='experimentalFeatures'][value.value=true]", 'Experimental features stay off.'],
  ["Property[key.name='webviewTag'][value.value=true]", 'No <webview>.'],
].map(([selector, message]) => ({ selector, message }));

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'test-results', 'playwright-report', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: outside('electron', 'renderer', 'server', 'tests').concat(['electron', 'node:*', 'axios']) }],
    },
  },
  {
    files: ['electron/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/services is plain Node; put Electron glue in electron/main.' }],
          patterns: outside('main', 'preload', 'host', 'renderer', 'server').concat(['electron-store']),
        },
      ],
    },
  },
  {
    files: ['electron/host/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'electron-store'], patterns: outside('main', 'preload', 'renderer', 'server') }],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-syntax': ['error', ...insecureWebPreferences] },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'axios', 'fs', 'child_process', 'path', 'os'],
          patterns: ['node:*', ...outside('electron', 'server', 'tests')],
        },
      ],
    },
  },
);
