import { renderSVG } from 'uqr';

/** A QR code of `text` as an SVG data URL, for an <img> (the CSP allows data: images, not inline SVG scripts). */
export function qrDataUrl(text: string): string {
  const svg = renderSVG(text, { ecc: 'M', border: 2, pixelSize: 6 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
