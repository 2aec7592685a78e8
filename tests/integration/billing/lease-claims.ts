/** The claims of a compact JWS lease (read, not verified: the service's own tests verify it). */
export function decodeLease(lease: string): { protectedUntil: string; subscriptionId: string } {
  const payload = lease.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { protectedUntil: string; subscriptionId: string };
}
