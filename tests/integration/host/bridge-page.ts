import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const bridgeModule = fileURLToPath(new URL('../../../renderer/src/api/browser-bridge.ts', import.meta.url));

/**
 * Writes into `rendererDir` a page that runs the real bridge client, as the app does at
 * start (`connectBrowserHost()` with the page's own location, fragment and sessionStorage),
 * and shows its status in `window.bridgeStatus`: a real browser tab without the whole app.
 */
export async function writeBridgePage(rendererDir: string): Promise<void> {
  const entry = join(rendererDir, 'entry.ts');
  await writeFile(
    entry,
    `import { connectBrowserHost } from ${JSON.stringify(bridgeModule)};
const bridge = connectBrowserHost();
const w = window as unknown as { bridgeStatus: string };
w.bridgeStatus = bridge.status();
bridge.onStatus((status) => (w.bridgeStatus = status));
`,
  );
  await build({
    configFile: false,
    logLevel: 'silent',
    root: rendererDir,
    build: {
      outDir: rendererDir,
      emptyOutDir: false,
      minify: false,
      lib: { entry, formats: ['es'], fileName: () => 'tab.js' },
    },
  });
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>Palisade</title><div id="root"></div><script type="module" src="/tab.js"></script>',
  );
}
