export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState {
  bounds: Rect;
  maximized: boolean;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where to open the window: where it was last time if that is still on a screen (a monitor
 * may have been unplugged since), else the default size centred on the primary screen.
 * A remembered size larger than its screen shrinks to fit.
 */
export function placeWindow(saved: SavedWindowState | undefined, workAreas: readonly Rect[], defaults: { width: number; height: number }): SavedWindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: defaults.width, height: defaults.height };
  if (saved) {
    const { bounds } = saved;
    const screen = workAreas.find((area) => overlap(bounds, area) >= Math.min(bounds.width * bounds.height, 100 * 100) / 4);
    if (screen) {
      const width = Math.min(bounds.width, screen.width);
      const height = Math.min(bounds.height, screen.height);
      const x = Math.min(Math.max(bounds.x, screen.x), screen.x + screen.width - width);
      const y = Math.min(Math.max(bounds.y, screen.y), screen.y + screen.height - height);
      return { bounds: { x, y, width, height }, maximized: saved.maximized };
    }
  }
  const width = Math.min(defaults.width, primary.width);
  const height = Math.min(defaults.height, primary.height);
  return {
    bounds: { x: primary.x + Math.round((primary.width - width) / 2), y: primary.y + Math.round((primary.height - height) / 2), width, height },
    maximized: false,
  };
}
