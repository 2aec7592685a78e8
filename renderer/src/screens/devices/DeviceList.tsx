import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import '../../styles/devices.css';
import type { Device } from '../../../../shared/api/devices';
import type { AppError } from '../../../../shared/errors';
import { visibleRange } from '../../lib/windowing';
import { DeviceRow } from './DeviceRow';

/** Fixed so the list can place any row without measuring it; matches `.device-list-row` in the CSS. */
export const DEVICE_ROW_HEIGHT = 72;
/**
 * A list narrower than this (a 320 px window, or 400 % zoom) puts a row's buttons under its
 * name, in a taller row; the same width as the `device-list` container query in devices.css.
 */
export const NARROW_LIST_WIDTH = 440;
export const NARROW_DEVICE_ROW_HEIGHT = 152;
/** Used until the viewport is measured (and in environments without layout). */
const FALLBACK_VIEWPORT = 576;
const OVERSCAN = 6;

export interface DeviceListProps {
  devices: readonly Device[];
  thisDeviceId: string | null;
  onRename(device: Device, name: string): Promise<AppError | null>;
  onDeactivate(device: Device): void;
  onForget(device: Device): void;
  label: string;
}

/**
 * The devices as a windowed list: only the rows in view (plus a few) are in the page, so
 * a thousand devices scroll as smoothly as ten. For assistive technology each row says its
 * place in the whole list (aria-posinset/aria-setsize); ↑/↓ move between rows, Home/End go
 * to the ends, and a focused or edited row stays in the page while scrolled away.
 */
export function DeviceList({ devices, thisDeviceId, onRename, onDeactivate, onForget, label }: DeviceListProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  // The scroll offset, in whole rows: a scroll within a row changes nothing to render.
  const [firstRow, setFirstRow] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  const [narrow, setNarrow] = useState(false);
  const [pinned, setPinned] = useState<ReadonlySet<string>>(new Set());
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const pendingFocus = useRef<{ id: string; control: string } | null>(null);
  // One "now" per render of the list, so every row's "last seen" agrees.
  const [now] = useState(() => Date.now());

  useLayoutEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const measure = () => {
      setViewport(el.clientHeight || FALLBACK_VIEWPORT);
      setNarrow(el.clientWidth > 0 && el.clientWidth < NARROW_LIST_WIDTH);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const rowHeight = narrow ? NARROW_DEVICE_ROW_HEIGHT : DEVICE_ROW_HEIGHT;
  const { start, end } = visibleRange(
    firstRow * rowHeight,
    viewport,
    rowHeight,
    devices.length,
    OVERSCAN,
  );
  const onScroll = (top: number) => setFirstRow(Math.floor(Math.max(0, top) / rowHeight));
  const indices: number[] = [];
  for (let i = start; i < end; i++) indices.push(i);
  // Rows that must stay mounted: the focused one and any being renamed.
  devices.forEach((d, i) => {
    if ((i < start || i >= end) && (d.id === focusedId || pinned.has(d.id))) indices.push(i);
  });
  // In list order, so reading order matches what is on screen.
  indices.sort((a, b) => a - b);

  const onEditing = useCallback((id: string, editing: boolean) => {
    setPinned((current) => {
      const next = new Set(current);
      if (editing) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  // After a keyboard move, focus the same control in the row that is now rendered.
  useLayoutEffect(() => {
    const target = pendingFocus.current;
    if (!target || !viewportRef.current) return;
    const row = rowElement(viewportRef.current, target.id);
    const control =
      row?.querySelector<HTMLElement>(`[data-control="${target.control}"]`) ??
      row?.querySelector<HTMLElement>('[data-control]');
    if (control) {
      control.focus();
      pendingFocus.current = null;
    }
  });

  const moveTo = (index: number, control: string) => {
    const el = viewportRef.current;
    const device = devices[index];
    if (!el || !device) return;
    const top = index * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + viewport) el.scrollTop = top + rowHeight - viewport;
    pendingFocus.current = { id: device.id, control };
    onScroll(el.scrollTop);
    setFocusedId(device.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT') return;
    const row = target.closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    const control = target.dataset.control ?? 'rename';
    const moves: Record<string, number> = {
      ArrowDown: Math.min(devices.length - 1, index + 1),
      ArrowUp: Math.max(0, index - 1),
      Home: 0,
      End: devices.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    moveTo(next, control);
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[data-device-id]')?.dataset.deviceId;
    if (id) setFocusedId(id);
  };

  return (
    <div
      ref={viewportRef}
      className="device-list-viewport"
      style={{ height: `min(70vh, 640px, ${devices.length * rowHeight + 2}px)` }}
      onScroll={(e) => onScroll(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div
        role="list"
        aria-label={label}
        className="device-list"
        style={{ height: devices.length * rowHeight }}
      >
        {indices.map((i) => {
          const device = devices[i];
          if (!device) return null;
          return (
            <div
              key={device.id}
              role="listitem"
              aria-setsize={devices.length}
              aria-posinset={i + 1}
              data-index={i}
              data-device-id={device.id}
              className="device-list-row"
              style={{ blockSize: rowHeight, transform: `translateY(${i * rowHeight}px)` }}
            >
              <DeviceRow
                device={device}
                isThis={device.id === thisDeviceId}
                onRename={onRename}
                onDeactivate={onDeactivate}
                onForget={onForget}
                onEditing={onEditing}
                now={now}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The rendered row of a device, if it is in the page (ids are compared as data, not put into a selector). */
export function rowElement(root: ParentNode, deviceId: string): HTMLElement | undefined {
  return [...root.querySelectorAll<HTMLElement>('[data-device-id]')].find((el) => el.dataset.deviceId === deviceId);
}
