import type { Scene } from './scene.ts';

/** Serializes a scene as a standalone SVG document (pure strings, no DOM). */
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

export function sceneToSvg(scene: Scene): string {
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(scene.width)}" height="${n(scene.height)}" viewBox="0 0 ${n(scene.width)} ${n(scene.height)}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">`,
  );
  out.push(`<title>${esc(scene.title || 'Journey')}</title>`);
  out.push(
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#6b7280"/></marker></defs>',
  );
  for (const p of scene.primitives) {
    const data = `${p.type !== 'line' && p.role ? ` data-role="${esc(p.role)}"` : ''}${p.type !== 'line' && p.id ? ` data-id="${esc(p.id)}"` : ''}`;
    if (p.type === 'rect') {
      out.push(
        `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}"${p.radius ? ` rx="${p.radius}"` : ''} fill="${p.fill}"${p.stroke ? ` stroke="${p.stroke}"` : ''}${data}/>`,
      );
    } else if (p.type === 'text') {
      out.push(
        `<text x="${n(p.x)}" y="${n(p.y)}" font-size="${p.size}" fill="${p.fill}"${p.bold ? ' font-weight="bold"' : ''}${data}>${esc(p.text)}</text>`,
      );
    } else {
      const points = p.points.map((q) => `${n(q.x)},${n(q.y)}`).join(' ');
      out.push(
        `<polyline points="${points}" fill="none" stroke="${p.stroke}" stroke-width="${p.width}"${p.arrow ? ' marker-end="url(#arrow)"' : ''}/>`,
      );
    }
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
