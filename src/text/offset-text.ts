/**
 * A string that remembers, for each of its UTF-16 code units, the range of the
 * original text it came from. Normalisation passes rewrite it; extractors work on
 * `text`; `toSource` maps their spans back into the original decoded text.
 */
export interface Span {
  start: number;
  end: number;
}

export class OffsetText {
  private constructor(
    readonly text: string,
    /** source start of each code unit */
    private readonly starts: Int32Array,
    /** source end of each code unit */
    private readonly ends: Int32Array,
    /** length of the source text (for empty spans at the end) */
    private readonly sourceLength: number,
  ) {}

  static identity(text: string, offset = 0, sourceLength = offset + text.length): OffsetText {
    const n = text.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      starts[i] = offset + i;
      ends[i] = offset + i + 1;
    }
    return new OffsetText(text, starts, ends, sourceLength);
  }

  get length(): number {
    return this.text.length;
  }

  /** Maps a span of `text` to the span of the source it was read from. */
  toSource(start: number, end: number): Span {
    if (end <= start) {
      const at = start < this.text.length ? this.starts[start]! : this.sourceLength;
      return { start: at, end: at };
    }
    return { start: this.starts[start]!, end: this.ends[end - 1]! };
  }

  /**
   * Rewrites every match of `re` (global) with `replace(match)`; unmatched text is kept.
   * Characters of a replacement map to the whole source range of the match.
   */
  rewrite(re: RegExp, replace: (m: RegExpExecArray) => string): OffsetText {
    if (!re.global) throw new Error(`rewrite needs a global regex: ${re}`);
    const pieces: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    let last = 0;
    let changed = false;
    re.lastIndex = 0;
    for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const out = replace(m);
      if (out === m[0]) continue;
      changed = true;
      this.copy(last, m.index, pieces, starts, ends);
      if (out.length) {
        const s = this.starts[m.index]!;
        const e = this.ends[m.index + m[0].length - 1]!;
        // Keep a 1:1 mapping where lengths agree, so that single-character
        // substitutions (apostrophes, spaces) keep exact offsets.
        const sameLength = out.length === m[0].length;
        for (let i = 0; i < out.length; i++) {
          starts.push(sameLength ? this.starts[m.index + i]! : s);
          ends.push(sameLength ? this.ends[m.index + i]! : e);
        }
        pieces.push(out);
      }
      last = m.index + m[0].length;
    }
    if (!changed) return this;
    this.copy(last, this.text.length, pieces, starts, ends);
    return new OffsetText(pieces.join(""), Int32Array.from(starts), Int32Array.from(ends), this.sourceLength);
  }

  /** Removes the given ranges of `text` (sorted, non-overlapping). */
  remove(ranges: Span[]): OffsetText {
    if (ranges.length === 0) return this;
    const pieces: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    let last = 0;
    for (const r of ranges) {
      this.copy(last, r.start, pieces, starts, ends);
      last = r.end;
    }
    this.copy(last, this.text.length, pieces, starts, ends);
    return new OffsetText(pieces.join(""), Int32Array.from(starts), Int32Array.from(ends), this.sourceLength);
  }

  private copy(from: number, to: number, pieces: string[], starts: number[], ends: number[]): void {
    if (to <= from) return;
    pieces.push(this.text.slice(from, to));
    for (let i = from; i < to; i++) {
      starts.push(this.starts[i]!);
      ends.push(this.ends[i]!);
    }
  }
}
