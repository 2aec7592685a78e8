/**
 * The account service's address: `https`, or plain `http` only on this computer's own
 * loopback (a development service). Anything else would send passwords and tokens in the clear.
 */
export function checkServiceUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`The account service address "${text}" is not a URL. Give one such as https://account.example.`);
  }
  if (url.protocol === 'https:') return text;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return text;
  throw new Error(
    `The account service address "${text}" is not https. Use its https:// address; plain http is only allowed for a service on this computer (127.0.0.1, localhost or [::1]).`,
  );
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
