import { type BrowserWindow, screen } from 'electron';
import Store from 'electron-store';
import { z } from 'zod';
import { placeWindow, type SavedWindowState } from '../services/window/window-bounds';

const rect = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().min(200), height: z.number().int().min(200) });
const savedSchema = z.object({ bounds: rect, maximized: z.boolean() });

const DEFAULT_SIZE = { width: 1100, height: 760 };

/** Remembers where the window was and how big, across launches. */
export function createWindowState() {
  const store = new Store<{ window?: unknown }>({ name: 'window-state' });

  function initial(): SavedWindowState {
    const saved = savedSchema.safeParse(store.get('window'));
    const areas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
    return placeWindow(saved.success ? saved.data : undefined, areas, DEFAULT_SIZE);
  }

  function track(window: BrowserWindow) {
    let timer: NodeJS.Timeout | undefined;
    const save = () => {
      if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
      store.set('window', { bounds: window.getNormalBounds(), maximized: window.isMaximized() } satisfies SavedWindowState);
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(save, 500);
    };
    window.on('resize', later);
    window.on('move', later);
    window.on('close', () => {
      clearTimeout(timer);
      save();
    });
  }

  return { initial, track };
}
