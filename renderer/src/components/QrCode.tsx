import { useEffect, useState } from 'react';

/**
 * A QR code of `text` as an image. The encoder is loaded only when a code is first shown,
 * and draws an SVG (a data: URL, which the CSP allows for images); dark on light in both
 * themes, since cameras read that best.
 */
export function QrCode({ text, label, size = 192 }: { text: string; label: string; size?: number }) {
  // Keyed by the text it was drawn for, so a new link never shows the old code.
  const [drawn, setDrawn] = useState<{ text: string; src: string | null } | null>(null);
  const src = drawn?.text === text ? drawn.src : null;
  const failed = drawn?.text === text && drawn.src === null;

  useEffect(() => {
    let current = true;
    import('qrcode')
      .then((qrcode) =>
        qrcode.toString(text, {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
          color: { dark: '#000000', light: '#ffffff' },
        }),
      )
      .then((svg) => {
        if (current) setDrawn({ text, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
      })
      .catch(() => {
        if (current) setDrawn({ text, src: null });
      });
    return () => {
      current = false;
    };
  }, [text]);

  if (failed) return <p className="muted">The QR code couldn’t be drawn; use the link instead.</p>;
  if (!src) {
    return (
      <div className="qr-placeholder" style={{ width: size, height: size }} role="status">
        <span className="spinner" aria-hidden="true" />
        <span className="visually-hidden">Drawing the QR code…</span>
      </div>
    );
  }
  return <img className="qr-code" src={src} width={size} height={size} alt={label} />;
}
