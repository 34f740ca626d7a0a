/**
 * Splits streamed text into lines without re-splitting what was split before: output grows by
 * appending, so a 10 MB output that gains a chunk every 16 ms costs the chunk, not the 10 MB.
 */

export class LineSplitter {
  private text = '';
  private lines: string[] = [];
  /** What the last split returned: the lines without the empty one after a final newline. */
  private visible: readonly string[] = [];

  split(text: string): readonly string[] {
    if (text === this.text) return this.visible;
    if (this.text.length > 0 && text.startsWith(this.text)) {
      // The last line may have been partial: re-split from its start.
      const partial = this.lines.pop() ?? '';
      const added = (partial + text.slice(this.text.length)).split('\n');
      this.lines = this.lines.concat(added);
    } else {
      this.lines = text.split('\n');
    }
    this.text = text;
    // A trailing newline ends the last line; it does not start an empty one to show.
    this.visible = this.lines.at(-1) === '' ? this.lines.slice(0, -1) : this.lines;
    return this.visible;
  }
}
