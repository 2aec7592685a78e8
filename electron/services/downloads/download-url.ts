/**
 * Where a download's `url` (relative to the service, `/v1/downloads/<id>/file`) points,
 * or undefined when it would leave the service: a list that said `@elsewhere.example/x`
 * or `//elsewhere.example/x` must not send the app to fetch (and run) someone else's file.
 */
export function downloadUrl(serviceBaseUrl: string, path: string): string | undefined {
  if (!path.startsWith('/') || path.startsWith('//')) return undefined;
  const base = new URL(serviceBaseUrl);
  let target: URL;
  try {
    target = new URL(path, base);
  } catch {
    return undefined;
  }
  return target.origin === base.origin && target.username === '' && target.password === '' ? target.href : undefined;
}
