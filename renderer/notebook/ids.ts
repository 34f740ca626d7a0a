/**
 * Ids for cells and sections the user creates. The session reducer never makes ids (it is pure),
 * so the renderer does; they are saved with the file, so they are short and random rather than
 * counted, and never collide with ids a file brought.
 */

export function newId(prefix: 'c' | 's'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return prefix + Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
