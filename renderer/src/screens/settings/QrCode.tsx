import { useEffect, useState } from 'react';

/** The dark modules of a QR code as one SVG path, one square per module. */
async function qrPath(text: string): Promise<{ size: number; path: string }> {
  // Loaded on demand: only this dialog needs the encoder.
  const { create } = await import('qrcode');
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) path += `M${x} ${y}h1v1h-1z`;
  }
  return { size: modules.size, path };
}

/**
 * A QR code drawn as inline SVG (no image URL, nothing for the CSP to refuse). Dark on
 * white whatever the theme, with a quiet zone, as scanners expect.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [code, setCode] = useState<{ text: string; size: number; path: string } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    qrPath(text).then(
      (drawn) => current && setCode({ text, ...drawn }),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [text]);

  if (failed) return <p className="qr-missing">The QR code could not be drawn. Type the key below into your app instead.</p>;
  if (code?.text !== text) return <div className="qr-code qr-loading" role="img" aria-label="QR code loading" />;
  const quiet = 4;
  const box = code.size + quiet * 2;
  return (
    <svg className="qr-code" role="img" aria-label={label} viewBox={`${-quiet} ${-quiet} ${box} ${box}`} shapeRendering="crispEdges">
      <rect x={-quiet} y={-quiet} width={box} height={box} fill="#fff" />
      <path d={code.path} fill="#000" />
    </svg>
  );
}
