/**
 * String similarity (Jaro-Winkler, from natural) on folded strings: spelling
 * variants of one name ("Pecresse", "Pécresse"; "Abrahamse Pleux") compare close to 1.
 */
import { createRequire } from "node:module";
import { foldKey } from "./fold.js";

const require = createRequire(import.meta.url);
// By file: natural's index loads dotenv, which prints notices.
const jaroWinkler = require("natural/lib/natural/distance/jaro-winkler_distance.js") as (a: string, b: string, o?: { ignoreCase?: boolean }) => number;

export function similarity(a: string, b: string): number {
  const fa = foldKey(a);
  const fb = foldKey(b);
  if (fa === fb) return 1;
  if (!fa || !fb) return 0;
  return jaroWinkler(fa, fb);
}
