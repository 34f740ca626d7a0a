/** Whether Electron can show a window here: on Linux it needs a display (X11 or Wayland). */
export function noDisplay(): string | undefined {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return undefined;
  return 'there is no display: run it under xvfb-run (the release workflow does)';
}
