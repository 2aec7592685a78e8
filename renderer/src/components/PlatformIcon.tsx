import type { DevicePlatform } from '../../../shared/api/devices';

/** Simple line drawings, one per platform; decoration only (the platform is also written out). */
const drawings: Record<DevicePlatform, string> = {
  // Four panes.
  windows: 'M4 5.5 11 4.5v7H4Zm9-1.3L20 3v8.5h-7ZM4 12.5h7v7l-7-1Zm9 0h7V21l-7-1.2Z',
  // A laptop.
  macos: 'M5 6a1 1 0 0 1 1-1h12a1 1 0 0 1 1 1v9H5Zm-2.5 10.5h19l-1 2.5h-17Z',
  // A terminal window with a prompt.
  linux: 'M3 5a1 1 0 0 1 1-1h16a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1Zm3 4 3 3-3 3m5 0h6',
  // A phone with an antenna-eared top.
  android: 'M7 6a2 2 0 0 1 2-2h6a2 2 0 0 1 2 2v13a2 2 0 0 1-2 2H9a2 2 0 0 1-2-2Zm4 12.5h2M9 2l1.5 2M15 2l-1.5 2',
  // A phone with a notch.
  ios: 'M7 4.5A2.5 2.5 0 0 1 9.5 2h5A2.5 2.5 0 0 1 17 4.5v15a2.5 2.5 0 0 1-2.5 2.5h-5A2.5 2.5 0 0 1 7 19.5Zm3.5-.5h3',
};

export function PlatformIcon({ platform, size = 24 }: { platform: DevicePlatform; size?: number }) {
  return (
    <svg className="platform-icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path
        d={drawings[platform]}
        fill={platform === 'windows' ? 'currentColor' : 'none'}
        stroke={platform === 'windows' ? 'none' : 'currentColor'}
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
