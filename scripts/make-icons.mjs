// Renders build/icon.svg into the app's icons with Debian's Chromium (headless, through
// Playwright): PNGs 16…1024, icon.ico (PNG entries) and icon.icns (ic07…ic10 PNG chunks),
// and the tray's three states. No image library: ICO and ICNS both embed PNGs as they are.
// Run: node scripts/make-icons.mjs
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = join(root, 'build');
const svg = await readFile(join(build, 'icon.svg'), 'utf8');
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
// The tray's states recolour the shield; the rest of the drawing is the same file.
const trayStates = { protected: '#2e9e6a', attention: '#e0a100', unprotected: '#c8322d' };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  const render = async (source, size) => {
    await page.setViewportSize({ width: size, height: size });
    const data = Buffer.from(source).toString('base64');
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${data}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };

  const pngs = new Map();
  await mkdir(join(build, 'icons'), { recursive: true });
  for (const size of sizes) {
    const png = await render(svg, size);
    pngs.set(size, png);
    await writeFile(join(build, 'icons', `${size}x${size}.png`), png);
  }
  await writeFile(join(build, 'icon.png'), pngs.get(1024));
  await writeFile(join(build, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => [size, pngs.get(size)])));
  await writeFile(
    join(build, 'icon.icns'),
    icns([
      ['ic07', pngs.get(128)],
      ['ic08', pngs.get(256)],
      ['ic09', pngs.get(512)],
      ['ic10', pngs.get(1024)],
    ]),
  );
  for (const [state, colour] of Object.entries(trayStates)) {
    const tinted = svg.replace(/(id="shield" fill=")#[0-9a-f]{6}/i, `$1${colour}`);
    await writeFile(join(build, `tray-${state}.png`), await render(tinted, 32));
  }
} finally {
  await browser.close();
}

/** ICO: a 6-byte header, a 16-byte directory entry per image, then the PNGs (Vista and later read PNG entries). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(([size, png]) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(([, png]) => png)]);
}

/** ICNS: 'icns' + total length, then chunks of type + length (header included) + PNG. */
function icns(chunks) {
  const bodies = chunks.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + bodies.reduce((sum, body) => sum + body.length, 0), 4);
  return Buffer.concat([head, ...bodies]);
}
