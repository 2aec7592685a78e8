import { useEffect, useState } from 'react';
import { useT } from '../i18n/use-t';

/** An SVG of `text` as a data: URL, which the CSP allows for images. */
async function drawQr(text: string): Promise<string> {
  // Loaded on demand: only the dialogs that show a code need the encoder.
  const qrcode = await import('qrcode');
  const svg = await qrcode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export interface QrCodeProps {
  text: string;
  /** What the code is for, read out in place of the image. */
  label: string;
  size?: number;
  /** What to do instead when it cannot be drawn ("Type the key below …"); says only that it failed otherwise. */
  unavailable?: string;
}

/**
 * A QR code of `text` as an image, dark on light in both themes with a quiet zone, since
 * cameras read that best.
 */
export function QrCode({ text, label, size = 192, unavailable }: QrCodeProps) {
  const t = useT();
  // Keyed by the text it was drawn for, so a new text never shows the old code.
  const [drawn, setDrawn] = useState<{ text: string; src: string | null } | null>(null);
  const src = drawn?.text === text ? drawn.src : null;
  const failed = drawn?.text === text && drawn.src === null;

  useEffect(() => {
    let current = true;
    drawQr(text).then(
      (drawnSrc) => current && setDrawn({ text, src: drawnSrc }),
      () => current && setDrawn({ text, src: null }),
    );
    return () => {
      current = false;
    };
  }, [text]);

  if (failed) return <p className="muted">{unavailable ?? t('shell.qrCode.unavailable')}</p>;
  if (!src) {
    return (
      <div className="qr-placeholder" style={{ width: size, height: size }} role="status">
        <span className="spinner" aria-hidden="true" />
        <span className="visually-hidden">{t('shell.qrCode.drawing')}</span>
      </div>
    );
  }
  return <img className="qr-code" src={src} width={size} height={size} alt={label} />;
}
