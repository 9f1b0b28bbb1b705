/**
 * Exports: the XState config (JSON that raw xstate runs), the pathway
 * document, and the canvas as a PNG or SVG picture.
 */
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';
import { exportXState, type PathwayDocument } from '@jalur/engine';

/** Saves `content` as a file through the browser. */
export function downloadFile(name: string, content: string | Blob, type = 'application/json'): void {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The XState config of a pathway, as the text of a `.json` file. */
export function xstateJson(doc: PathwayDocument): string {
  return JSON.stringify(exportXState(doc).config, null, 2);
}

function dataUrlToBlob(dataUrl: string): Blob {
  const [head, body = ''] = dataUrl.split(',');
  const type = /data:([^;,]+)/.exec(head ?? '')?.[1] ?? 'application/octet-stream';
  if (head?.includes(';base64')) {
    const bin = atob(body);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type });
  }
  return new Blob([decodeURIComponent(body)], { type });
}

/** Renders every node of the canvas (not just the visible part) to a PNG or SVG file. */
export async function exportImage(nodes: Node[], format: 'png' | 'svg', name: string): Promise<void> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) return;
  const bounds = getNodesBounds(nodes);
  const width = Math.min(6000, Math.max(400, Math.ceil(bounds.width + 160)));
  const height = Math.min(6000, Math.max(300, Math.ceil(bounds.height + 160)));
  const vp = getViewportForBounds(bounds, width, height, 0.2, 2, 0.05);
  const options = {
    backgroundColor: '#ffffff',
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
  };
  // Edge strokes come from stylesheets, which the picture does not carry: inline them while capturing.
  const paths = [...viewport.querySelectorAll<SVGElement>('.react-flow__edge-path, .react-flow__connection-path')];
  const saved = paths.map((p) => p.getAttribute('style'));
  for (const p of paths) {
    const cs = getComputedStyle(p);
    p.style.stroke = cs.stroke;
    p.style.strokeWidth = cs.strokeWidth;
    p.style.strokeDasharray = cs.strokeDasharray;
    p.style.fill = 'none';
  }
  let dataUrl: string;
  try {
    dataUrl = format === 'png' ? await toPng(viewport, options) : await toSvg(viewport, options);
  } finally {
    paths.forEach((p, i) => {
      const s = saved[i];
      if (s === null || s === undefined) p.removeAttribute('style');
      else p.setAttribute('style', s);
    });
  }
  downloadFile(`${name}.${format}`, dataUrlToBlob(dataUrl));
}
