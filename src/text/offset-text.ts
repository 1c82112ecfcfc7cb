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
   * Characters of a replacement map to the whole source range of the match (one for one
   * when the replacement has the same length, so that substitutions keep exact offsets).
   */
  rewrite(re: RegExp, replace: (m: RegExpExecArray) => string): OffsetText {
    if (!re.global) throw new Error(`rewrite needs a global regex: ${re}`);
    // pieces: [from, to) of this text kept as it is, or a replacement for [from, to)
    const pieces: { from: number; to: number; out?: string }[] = [];
    let last = 0;
    re.lastIndex = 0;
    for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const out = replace(m);
      if (out === m[0]) continue;
      if (m.index > last) pieces.push({ from: last, to: m.index });
      pieces.push({ from: m.index, to: m.index + m[0].length, out });
      last = m.index + m[0].length;
    }
    if (pieces.length === 0) return this;
    if (last < this.text.length) pieces.push({ from: last, to: this.text.length });
    return this.build(pieces);
  }

  /** Removes the given ranges of `text` (sorted, non-overlapping). */
  remove(ranges: Span[]): OffsetText {
    if (ranges.length === 0) return this;
    const pieces: { from: number; to: number; out?: string }[] = [];
    let last = 0;
    for (const r of ranges) {
      if (r.start > last) pieces.push({ from: last, to: r.start });
      last = Math.max(last, r.end);
    }
    if (last < this.text.length) pieces.push({ from: last, to: this.text.length });
    return this.build(pieces);
  }

  private build(pieces: { from: number; to: number; out?: string }[]): OffsetText {
    let n = 0;
    for (const p of pieces) n += p.out === undefined ? p.to - p.from : p.out.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const parts: string[] = [];
    let k = 0;
    for (const p of pieces) {
      if (p.out === undefined) {
        starts.set(this.starts.subarray(p.from, p.to), k);
        ends.set(this.ends.subarray(p.from, p.to), k);
        parts.push(this.text.slice(p.from, p.to));
        k += p.to - p.from;
      } else {
        const same = p.out.length === p.to - p.from;
        const s = this.starts[p.from]!;
        const e = this.ends[p.to - 1]!;
        for (let i = 0; i < p.out.length; i++) {
          starts[k + i] = same ? this.starts[p.from + i]! : s;
          ends[k + i] = same ? this.ends[p.from + i]! : e;
        }
        parts.push(p.out);
        k += p.out.length;
      }
    }
    return new OffsetText(parts.join(""), starts, ends, this.sourceLength);
  }
}
