/**
 * Terminal colour and cursor codes in output text. A runtime keeps them (the UI renders colours),
 * but a saved notebook must read well on GitHub, where they would show as `[31m` noise.
 */

// CSI sequences (colours, cursor moves), OSC sequences (titles, hyperlinks) ended by BEL or ST,
// and the two-character escapes that remain.
const ansiPattern = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;

export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ansiPattern, '') : text;
}
