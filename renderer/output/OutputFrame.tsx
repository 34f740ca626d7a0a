/**
 * HTML and SVG outputs, in a sandboxed iframe: `sandbox="allow-scripts"` without allow-same-origin
 * gives the frame an opaque origin, so the output's scripts run but cannot reach this page, its
 * bridge (`window.tessera`), its storage or its cookies. The frame loads output-frame.html
 * (renderer/public/), which asks for the output once loaded and then reports its height; a message
 * counts only when it comes from this frame's own window, and the height is clamped.
 */

import { useEffect, useRef, useState } from 'react';

const frameUrl = './output-frame.html';
const minHeightPx = 8;
/** Taller outputs scroll inside their frame. */
export const maxFrameHeightPx = 2000;

interface FrameMessage {
  readonly type?: unknown;
  readonly height?: unknown;
}

export function OutputFrame({ html, title }: { readonly html: string; readonly title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(24);

  useEffect(() => {
    const onMessage = (event: MessageEvent<FrameMessage>) => {
      const window = frame.current?.contentWindow;
      if (window === null || window === undefined || event.source !== window) return;
      const { type, height: reported } = event.data ?? {};
      if (type === 'tessera-output-ready') {
        // The frame has an opaque origin: '*' is the only target that reaches it. It is our own frame.
        window.postMessage({ type: 'tessera-output-render', html }, '*');
      } else if (type === 'tessera-output-height' && typeof reported === 'number' && Number.isFinite(reported)) {
        setHeight(Math.min(maxFrameHeightPx, Math.max(minHeightPx, Math.ceil(reported))));
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [html]);

  return (
    <iframe
      // A new output loads the frame afresh: the frame shows one output per load.
      key={html}
      ref={frame}
      className="output-frame"
      src={frameUrl}
      sandbox="allow-scripts"
      referrerPolicy="no-referrer"
      title={title}
      style={{ height }}
    />
  );
}
