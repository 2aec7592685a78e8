import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** One built asset of the console: its content-hashed file name, type and bytes. */
export interface ConsoleAsset {
  name: string;
  contentType: string;
  body: Buffer;
}

export interface ConsoleBundle {
  script: ConsoleAsset;
  stylesheet: ConsoleAsset;
}

const clientDir = fileURLToPath(new URL('./client/', import.meta.url));

/** `console.<hash>.<ext>`: the name changes with the content, so the asset may be cached for good. */
function asset(ext: 'js' | 'css', contentType: string, body: Buffer): ConsoleAsset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return { name: `console.${hash}.${ext}`, contentType, body };
}

/**
 * Bundles the browser code (TypeScript, its catalogues) and the stylesheet with esbuild, in
 * memory. No source map and no legal comments: the served files name no path of the server.
 */
export async function buildConsoleBundle(): Promise<ConsoleBundle> {
  const result = await build({
    entryPoints: { main: `${clientDir}main.ts`, console: `${clientDir}console.css` },
    outdir: '/agent-console',
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    platform: 'browser',
    target: 'es2022',
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const css = result.outputFiles.find((file) => file.path.endsWith('.css'));
  if (!js || !css) throw new Error('esbuild did not produce the agent console’s script and stylesheet.');
  return {
    script: asset('js', 'application/javascript; charset=utf-8', Buffer.from(js.contents)),
    stylesheet: asset('css', 'text/css; charset=utf-8', Buffer.from(css.contents)),
  };
}

/** The bundle, built on first use and then kept for the life of the process; a failed build is tried again. */
export function memoisedConsoleBundle(): () => Promise<ConsoleBundle> {
  let pending: Promise<ConsoleBundle> | undefined;
  return () => {
    pending ??= buildConsoleBundle().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
