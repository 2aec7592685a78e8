/**
 * The one permission the renderer may use: writing sanitised text to the clipboard (the
 * copy buttons for recovery codes, secrets and invitation links), and only from the app's
 * own origin. Everything else — camera, notifications, geolocation, reading the
 * clipboard, … — is denied.
 */
const allowedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string, appOrigin: string): boolean {
  if (!allowedPermissions.has(permission)) return false;
  try {
    // Compared by scheme and host: WHATWG URL gives a custom scheme's origin as "null".
    const requesting = new URL(requestingUrl);
    const own = new URL(appOrigin);
    return requesting.protocol === own.protocol && requesting.host === own.host && requesting.host !== '';
  } catch {
    return false;
  }
}
