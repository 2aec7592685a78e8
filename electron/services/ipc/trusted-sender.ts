/**
 * Whether an IPC call comes from the app's own page. `senderUrl` is the URL of the frame
 * that sent it (Electron's `event.senderFrame.url`); `appOrigin` is where the renderer is
 * loaded from (`app://palisade`, or the dev server's origin in development).
 */
export function isTrustedSender(senderUrl: string | undefined, appOrigin: string): boolean {
  if (!senderUrl) return false;
  try {
    const url = new URL(senderUrl);
    // Non-special schemes report origin "null"; compare scheme and host ourselves.
    const origin = url.origin !== 'null' ? url.origin : `${url.protocol}//${url.host}`;
    return origin === appOrigin;
  } catch {
    return false;
  }
}
