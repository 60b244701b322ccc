import { fitText } from '../../../shared/export/scene.ts';

/** One line of text for SVG export, cut to fit a width (the same rule as shared/export). */
export function svgText(text: string, x: number, y: number, width: number, size: number, fill: string, bold = false) {
  if (!text) return null;
  return (
    <text
      x={x}
      y={y}
      fontSize={size}
      fill={fill}
      fontWeight={bold ? 'bold' : 'normal'}
      fontFamily="IBM Plex Sans, DejaVu Sans, Helvetica, Arial, sans-serif"
    >
      {fitText(text, width, size)}
    </text>
  );
}
