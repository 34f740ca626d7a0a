/**
 * The app's security rules, beside the window's own settings (written out in main/windows.ts,
 * where Electronegativity reads them): pages come from the `app://tessera` protocol under a strict
 * Content-Security-Policy, navigation and new windows are denied, permission requests are refused,
 * and only http(s) links leave the app, for the system browser.
 */

import type { WebContents } from 'electron';

export const appScheme = 'app';
export const appHost = 'tessera';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Scripts only from the app itself; Monaco's workers are files of the app too. Styles allow inline
 * attributes because Monaco sets positions in `style`. User HTML never runs here: outputs render in
 * sandboxed `srcdoc` iframes (`frame-src` about: and data:), which get no same-origin access.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  `script-src 'self'`,
  `worker-src 'self' blob:`,
  `style-src 'self' 'unsafe-inline'`,
  `img-src 'self' data: blob:`,
  `font-src 'self' data:`,
  `connect-src 'self'`,
  `frame-src 'self' data: about:`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

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

/** Denies navigation away from the app and new windows; web links go to the system browser. */
export function lockDown(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isExternalWebUrl(url)) openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
