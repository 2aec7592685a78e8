/**
 * The Devices screen with 1,000 devices, in Chromium against the production build of the
 * renderer: time to first render (navigation start → the first device row in the
 * page, and → the frame that shows it) and frame times while the list scrolls fast.
 *
 * A bench, not a test: `window.palisade` is a stand-in injected before the app loads
 * (answers at once, 1,000 devices), so the numbers are the renderer's own cost. The
 * renderer is built into a temporary folder (the shared out/ is left alone) and served
 * from 127.0.0.1.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { chromiumLaunchOptions } from '../tests/support/chromium';

const DEVICES = 1000;
const LOADS = 5;
/** Frames of scrolling measured, after a short warm-up. */
const SCROLL_FRAMES = 300;
const WARM_UP_FRAMES = 30;
/** Pixels per frame: 7,200 px/s at 60 Hz, a hard fling through the list. */
const SCROLL_STEP_PX = 120;
const TARGET_FIRST_RENDER_MS = 1000;
/** 60 Hz with some jitter: a frame takes 16.7 ms, a dropped one 33 ms. */
const TARGET_FRAME_P95_MS = 25;
/** Half a 60 Hz frame of main-thread work per scrolled frame leaves room for the rest. */
const TARGET_MAIN_THREAD_MS = 8;

const root = fileURLToPath(new URL('..', import.meta.url));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** The stand-in for the main process, as page script (a string, so no bundler helper leaks into it). */
const fakeMainProcess = `
(() => {
  const DAY = 86400000, now = Date.now();
  const platforms = ['windows', 'macos', 'linux', 'android', 'ios'];
  const os = { windows: 'Windows 11 Pro', macos: 'macOS 15.1', linux: 'Ubuntu 24.04', android: 'Android 15', ios: 'iOS 18.1' };
  const devices = Array.from({ length: ${DEVICES} }, (_, i) => {
    const platform = platforms[i % platforms.length];
    return {
      id: 'dev-' + i, name: 'Device ' + (i + 1) + ' of the family', os: os[platform], platform,
      subscriptionId: 'sub-' + Math.floor(i / 10), status: i % 7 === 3 ? 'deactivated' : 'active',
      registeredAt: new Date(now - (400 + i) * DAY).toISOString(), lastSeenAt: new Date(now - i * 3600000).toISOString(),
    };
  });
  const thisComputer = {
    state: 'protected', device: devices[0], protectedUntil: new Date(now + 200 * DAY).toISOString(),
    leaseExpiresAt: new Date(now + 14 * DAY).toISOString(), lastCheckedAt: new Date(now - 60000).toISOString(),
    removedAt: null, offline: false, licenceKeyChanged: false, suggestedName: 'bench-host',
  };
  const answers = {
    'app.info': { version: '0.0.0-bench', platform: 'linux', host: 'electron', online: true },
    'session.get': { user: { id: 'u1', email: 'bench@example.com', name: 'Bench Person', mfaEnabled: false }, storage: 'secure' },
    'thisComputer.status': thisComputer,
    'subscriptions.list': [],
    'devices.list': { devices, thisDeviceId: devices[0].id },
  };
  const area = (name) => new Proxy({}, { get: (_, method) => async () => ({ ok: true, value: answers[name + '.' + String(method)] ?? null }) });
  const api = new Proxy({ on: () => () => {} }, { get: (target, name) => (name === 'on' ? target.on : area(String(name))) });
  Object.defineProperty(window, 'palisade', { value: api });

  // When the first device row enters the page, and the frame after it (when it is painted).
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[role="listitem"]')) return;
    observer.disconnect();
    window.__firstRowInDom = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => (window.__firstRowPainted = performance.now())));
  }).observe(document, { childList: true, subtree: true });
})();
`;

/**
 * Page script: scrolls the devices list by `step` px every frame (back to the top at the
 * end) and resolves to the time between frames, after `warmUp` frames.
 */
const scrollAndTimeFrames = (frames: number, warmUp: number, step: number) => `
new Promise((done, fail) => {
  const viewport = document.querySelector('.device-list-viewport');
  if (!viewport) return fail(new Error('The devices list is not on the page.'));
  const deltas = [];
  let last = 0, count = 0;
  const tick = (t) => {
    if (last && count > ${warmUp}) deltas.push(t - last);
    last = t;
    count++;
    const max = viewport.scrollHeight - viewport.clientHeight;
    viewport.scrollTop = viewport.scrollTop + ${step} > max ? 0 : viewport.scrollTop + ${step};
    if (deltas.length < ${frames}) requestAnimationFrame(tick);
    else done(deltas);
  };
  requestAnimationFrame(tick);
})
`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = resolve(dir, `.${path === '/' ? '/index.html' : path}`);
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) =>
        res.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

export default async function benchDevicesScreen() {
  const outDir = await mkdtemp(join(tmpdir(), 'palisade-bench-renderer-'));
  let server: Server | undefined;
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    // The renderer exactly as electron-vite builds it (same root, plugin, minification).
    await build({
      root: join(root, 'renderer'),
      base: './',
      plugins: [react()],
      logLevel: 'warn',
      configFile: false,
      build: { outDir, emptyOutDir: true, minify: true },
    });
    server = await serve(outDir);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/#/devices`;

    // The page's CSP forbids eval, which Playwright's page scripts need; the app's own code is unchanged.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await context.addInitScript(fakeMainProcess);

    const inDom: number[] = [];
    const painted: number[] = [];
    let rowsInPage = 0;
    for (let i = 0; i < LOADS; i++) {
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction('window.__firstRowPainted !== undefined');
      const times = (await page.evaluate(
        `({ dom: window.__firstRowInDom, painted: window.__firstRowPainted, rows: document.querySelectorAll('[role="listitem"]').length })`,
      )) as { dom: number; painted: number; rows: number };
      inDom.push(times.dom);
      painted.push(times.painted);
      rowsInPage = times.rows;
      if (i < LOADS - 1) await page.close();
    }

    // Scroll the last page's list by a fixed step every frame and time the frames.
    const pages = context.pages();
    const page = pages[pages.length - 1];
    if (!page) throw new Error('No page left to scroll.');
    // Main-thread time (script, style, layout) the scrolling costs, from Chromium's own
    // counters: unlike frame times, it says little about other load on the machine.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const counters = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const read = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
      return {
        task: read('TaskDuration'),
        script: read('ScriptDuration'),
        layout: read('LayoutDuration'),
        style: read('RecalcStyleDuration'),
      };
    };
    const before = await counters();
    const frames = (await page.evaluate(
      scrollAndTimeFrames(SCROLL_FRAMES, WARM_UP_FRAMES, SCROLL_STEP_PX),
    )) as number[];
    const after = await counters();
    const framesRun = SCROLL_FRAMES + WARM_UP_FRAMES + 1;
    const perFrame = (key: keyof typeof before) => round((after[key] - before[key]) / framesRun, 2);
    const mainThreadPerFrame = perFrame('task');
    const rowsWhileScrolling = (await page.evaluate(`document.querySelectorAll('[role="listitem"]').length`)) as number;

    const sortedFrames = [...frames].sort((a, b) => a - b);
    const sortedPainted = [...painted].sort((a, b) => a - b);
    const firstRender = percentile(sortedPainted, 50);
    const frameP95 = percentile(sortedFrames, 95);
    const results = {
      devices: DEVICES,
      firstRenderMs: {
        firstRowInDomMedian: round(
          percentile(
            [...inDom].sort((a, b) => a - b),
            50,
          ),
        ),
        firstRowPaintedMedian: round(firstRender),
        firstRowPaintedMax: round(sortedPainted.at(-1) ?? NaN),
        loads: LOADS,
      },
      scrollFrameMs: {
        median: round(percentile(sortedFrames, 50)),
        p95: round(frameP95),
        p99: round(percentile(sortedFrames, 99)),
        max: round(sortedFrames.at(-1) ?? NaN),
        over33ms: frames.filter((f) => f > 33.4).length,
        frames: frames.length,
        pxPerFrame: SCROLL_STEP_PX,
      },
      mainThreadMsPerScrollFrame: {
        total: mainThreadPerFrame,
        script: perFrame('script'),
        style: perFrame('style'),
        layout: perFrame('layout'),
      },
      /** Frame times suffer when other work shares the cores; this says how busy they were. */
      loadAverage1m: round(loadavg()[0] ?? NaN, 2),
      rowsInPage: { afterLoad: rowsInPage, whileScrolling: rowsWhileScrolling },
      targets: {
        firstRenderMs: TARGET_FIRST_RENDER_MS,
        scrollFrameP95Ms: TARGET_FRAME_P95_MS,
        mainThreadMsPerScrollFrame: TARGET_MAIN_THREAD_MS,
      },
      meetsTargets:
        firstRender <= TARGET_FIRST_RENDER_MS &&
        frameP95 <= TARGET_FRAME_P95_MS &&
        mainThreadPerFrame <= TARGET_MAIN_THREAD_MS,
    };
    return {
      name: 'devices-screen',
      summary:
        `first render ${round(firstRender)} ms (median of ${LOADS}); scrolling: p95 frame ${round(frameP95)} ms, ` +
        `${results.scrollFrameMs.over33ms} of ${frames.length} frames over 33 ms, ${mainThreadPerFrame} ms main-thread work per frame; ` +
        `${rowsWhileScrolling} rows in the page for ${DEVICES} devices (load average ${results.loadAverage1m})`,
      results,
    };
  } finally {
    await browser.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    await rm(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchDevicesScreen(), null, 2));
}
