/**
 * The app's security rules, beside the window's own settings (written out in main/windows.ts,
 * where Electronegativity reads them): pages come from the `app://tessera` protocol under a strict
 * Content-Security-Policy, navigation and new windows are denied, permission requests are refused,
 * and only http(s) links leave the app, for the system browser.
 */

import type { Session, WebContents } from 'electron';

export const appScheme = 'app';
export const appHost = 'tessera';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Scripts and workers only from the app's own files. Styles allow inline attributes because Monaco
 * and KaTeX set positions in `style`; images allow data: URIs, which Monaco's CSS uses and image
 * outputs are shown as. Frames only from the app itself: the one page HTML and SVG outputs render
 * in (`output-frame.html`), always in an iframe sandboxed without same-origin, so that an output's
 * scripts run cut off from this page and its bridge. `renderer/index.html` carries it in a meta tag.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The page HTML and SVG outputs render in, from the renderer's build (renderer/public/). */
export const outputFramePath = '/output-frame.html';

/**
 * The output frame's own policy: the output's inline scripts and styles run (that is what an HTML
 * output is for), nothing reaches the network, and data: and blob: URLs serve its images and
 * fonts. It can be this loose because the frame is sandboxed without same-origin: an opaque
 * origin that reaches neither the app's page nor its bridge. It is a page of its own, served with
 * this policy, because a `srcdoc` frame would inherit the app page's policy, under which none of
 * its scripts could run. `renderer/public/output-frame.html` carries the same policy in a meta tag.
 */
export const outputFrameContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'unsafe-inline' 'unsafe-eval' data: blob:",
  "style-src 'unsafe-inline' data: blob:",
  "img-src data: blob:",
  "font-src data:",
  "media-src data: blob:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The policy to send with a file of the renderer's build, by its path in the app's URL. */
export function contentSecurityPolicyFor(pathname: string): string {
  // No page may frame the app's own pages: `frame-ancestors` works only in a header, not a meta tag.
  return pathname === outputFramePath ? outputFrameContentSecurityPolicy : `${contentSecurityPolicy}; frame-ancestors 'none'`;
}

/** The app's own page: the only page the bridge answers and permissions are granted to. */
export const appPagePath = '/index.html';

/** Whether `url` is the app's main page, not the output frame's page nor anything else. */
export function isAppPage(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost && parsed.pathname === appPagePath;
  } catch {
    return false;
  }
}

export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * What the app's page may do beyond the web's defaults: Copy on an output writes the clipboard
 * (`clipboard-sanitized-write`) and paste reads it (`clipboard-read`). Nothing else, and nothing
 * for any other page or frame: no camera or microphone (so WebRTC gets no devices), no
 * notifications, no geolocation.
 */
const grantedToAppPage: ReadonlySet<string> = new Set(['clipboard-sanitized-write', 'clipboard-read']);

export function permissionGranted(permission: string, requester: { readonly requestingUrl: string; readonly isMainFrame: boolean }): boolean {
  return grantedToAppPage.has(permission) && requester.isMainFrame && isAppPage(requester.requestingUrl);
}

/**
 * Both of Chromium's questions get the same answer: the request handler (a page asks to use a
 * permission) and the check handler (a page's synchronous "may I?", which the clipboard API asks
 * first). Without a check handler every check is allowed.
 */
export function handlePermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionGranted(permission, details)));
  session.setPermissionCheckHandler((contents, permission, _origin, details) =>
    permissionGranted(permission, {
      // Chromium names the frame's URL; a check without a frame is the page's own.
      requestingUrl: details.requestingUrl ?? (details.isMainFrame ? (contents?.getURL() ?? '') : ''),
      isMainFrame: details.isMainFrame,
    }),
  );
}

/** Whether a navigation may go on; a web link that may not goes to the system browser. */
function allowNavigation(url: string, openExternal: (url: string) => void): boolean {
  if (isAppUrl(url)) return true;
  if (isExternalWebUrl(url)) openExternal(url);
  return false;
}

/**
 * Denies navigation away from the app, in the page and in its frames, and new windows; web links
 * go to the system browser. WebRTC may not send UDP around the proxy settings (with none, not
 * at all): an output cannot reach the network through it, nor learn the machine's addresses.
 */
export function lockDown(contents: WebContents, openExternal: (url: string) => void): void {
  contents.setWebRTCIPHandlingPolicy('disable_non_proxied_udp');
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url, openExternal)) event.preventDefault();
  });
  // Fired for the main frame too, after will-navigate, which has answered for it already.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return;
    if (!allowNavigation(event.url, openExternal)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
