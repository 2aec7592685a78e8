import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports that cross a folder boundary the wrong way are bugs (docs/architecture.md, "Folders and who may import what"). */
const outside = (...folders) => folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]);

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Refuses every package but these (and their subpaths); relative imports are left to `outside`. */
const onlyPackages = (allowed, why, { nodeBuiltins = false } = {}) => ({
  regex: `^(?!\\.{1,2}/${nodeBuiltins ? '|node:' : ''}${allowed.map((name) => `|${escape(name)}(?:/|$)`).join('')})`,
  message: why,
});

/** shared/ runs anywhere: in the main process, the service, the renderer and the browser. */
const sharedPackages = ['zod', '@formatjs/icu-messageformat-parser'];
/** The renderer is a page: browser packages only. */
const rendererPackages = [
  'react',
  'react-dom',
  'react-router',
  'react-intl',
  '@formatjs/intl',
  'zustand',
  'zod',
  'qrcode',
];
/** The account service is deployed on its own: its own dependencies, Node, and shared/. */
const serverManifest = JSON.parse(readFileSync(new URL('./server/package.json', import.meta.url), 'utf8'));
const serverPackages = Object.keys({ ...serverManifest.dependencies, ...serverManifest.devDependencies });

const noHostGlobals = [
  { name: 'window', message: 'shared/ runs outside the browser too; take what it needs as an argument.' },
  { name: 'document', message: 'shared/ runs outside the browser too; take what it needs as an argument.' },
  { name: 'globalThis', message: 'shared/ runs in several hosts; take what it needs as an argument.' },
];

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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: outside('electron', 'renderer', 'server', 'tests', 'scripts', 'docs'),
              message: 'shared/ imports only from shared/.',
            },
            onlyPackages(sharedPackages, `shared/ may use only ${sharedPackages.join(', ')}.`),
          ],
        },
      ],
      'no-restricted-globals': ['error', ...noHostGlobals],
    },
  },
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: outside('electron', 'renderer', 'tests', 'scripts'),
              message: 'The account service imports only its own code and shared/.',
            },
            onlyPackages(serverPackages, 'The account service uses only the dependencies in server/package.json.', {
              nodeBuiltins: true,
            }),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'electron/services is plain Node; put Electron glue in electron/main.' },
          ],
          patterns: [
            {
              group: outside('main', 'preload', 'host', 'renderer', 'server', 'tests'),
              message: 'electron/services imports only services and shared/.',
            },
            {
              group: ['electron/*', 'electron-store'],
              message: 'electron/services is plain Node; put Electron glue in electron/main.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The browser host runs without Electron.' },
            { name: 'electron-store', message: 'The browser host runs without Electron.' },
          ],
          patterns: [
            {
              group: outside('main', 'preload', 'renderer', 'server', 'tests'),
              message: 'The browser host uses services and shared/ only.',
            },
          ],
        },
      ],
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
          patterns: [
            {
              group: outside('electron', 'server', 'tests', 'scripts'),
              message:
                'The renderer asks the main process through window.palisade; it imports only its own code and shared/.',
            },
            onlyPackages(
              rendererPackages,
              `The renderer is a web page: it may use ${rendererPackages.join(', ')} (no Node, Electron or HTTP client).`,
            ),
          ],
        },
      ],
    },
  },
);
