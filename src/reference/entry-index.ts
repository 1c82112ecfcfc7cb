/**
 * Places by folded key, kept as columns (arrays of strings and typed arrays) instead of
 * one object per entry. Each worker thread reads the gazetteer back from its cache: ~60,000
 * keys and ~63,000 entries took ~100 ms to deserialize as objects, and stayed in every
 * worker's heap; as columns they read back in a fraction of that, and an entry becomes an
 * object only when it is looked up (a few hundred in a run), then the same object is
 * returned for that key.
 */
import type { PartyKind } from "../schema/record.js";
import type { PlaceEntry, PlaceType } from "./gazetteer.js";

export interface EntryColumns {
  keys: string[];
  /** the entries of key i are first[i] … first[i + 1] - 1, best first */
  first: Uint32Array;
  names: string[];
  codes: (string | null)[];
  population: Float64Array;
  free: Uint8Array;
  /** indices into the value tables below */
  kind: Uint8Array;
  type: Uint8Array;
  country: Uint16Array;
  kinds: string[];
  types: string[];
  countries: (string | null)[];
}

const EMPTY: readonly PlaceEntry[] = Object.freeze([]);

export class EntryIndex {
  private readonly index = new Map<string, number>();
  private readonly lists: (readonly PlaceEntry[] | undefined)[];

  constructor(readonly columns: EntryColumns) {
    const keys = columns.keys;
    for (let i = 0; i < keys.length; i++) this.index.set(keys[i]!, i);
    this.lists = new Array<readonly PlaceEntry[] | undefined>(keys.length);
  }

  /** The columns of a map from key to entries (in the map's order, each list in its order). */
  static from(map: ReadonlyMap<string, readonly PlaceEntry[]>): EntryIndex {
    let total = 0;
    for (const list of map.values()) total += list.length;
    const tables = { kind: new Table<string>(), type: new Table<string>(), country: new Table<string | null>() };
    tables.country.id(null);
    const c: EntryColumns = {
      keys: [],
      first: new Uint32Array(map.size + 1),
      names: [],
      codes: [],
      population: new Float64Array(total),
      free: new Uint8Array(total),
      kind: new Uint8Array(total),
      type: new Uint8Array(total),
      country: new Uint16Array(total),
      kinds: tables.kind.values,
      types: tables.type.values,
      countries: tables.country.values,
    };
    let e = 0;
    for (const [key, list] of map) {
      c.first[c.keys.length] = e;
      c.keys.push(key);
      for (const x of list) {
        c.names.push(x.name);
        c.codes.push(x.code);
        c.population[e] = x.population;
        c.free[e] = x.free ? 1 : 0;
        c.kind[e] = tables.kind.id(x.kind);
        c.type[e] = tables.type.id(x.type);
        c.country[e] = tables.country.id(x.country);
        e++;
      }
    }
    c.first[c.keys.length] = e;
    if (tables.kind.values.length > 256 || tables.type.values.length > 256 || tables.country.values.length > 65536) throw new Error("gazetteer: too many distinct values for its columns");
    return new EntryIndex(c);
  }

  /** The entries of a key, best first (the same array each time). */
  get(key: string): readonly PlaceEntry[] {
    const i = this.index.get(key);
    if (i === undefined) return EMPTY;
    return (this.lists[i] ??= this.entriesOf(i));
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  keys(): readonly string[] {
    return this.columns.keys;
  }

  private entriesOf(i: number): readonly PlaceEntry[] {
    const c = this.columns;
    const out: PlaceEntry[] = [];
    for (let e = c.first[i]!; e < c.first[i + 1]!; e++) {
      out.push({
        name: c.names[e]!,
        kind: c.kinds[c.kind[e]!] as PartyKind,
        type: c.types[c.type[e]!] as PlaceType,
        country: c.countries[c.country[e]!] ?? null,
        code: c.codes[e] ?? null,
        population: c.population[e]!,
        free: c.free[e] === 1,
      });
    }
    return out;
  }
}

/** Distinct values, each with its index. */
class Table<T> {
  readonly values: T[] = [];
  private readonly ids = new Map<T, number>();
  id(v: T): number {
    let i = this.ids.get(v);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(v);
      this.ids.set(v, i);
    }
    return i;
  }
}
