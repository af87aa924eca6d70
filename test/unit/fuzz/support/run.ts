// How many cases each property runs, with which seed, and what a failure prints. Inside `npm test` the run is fixed:
// 2,000 cases in all with one seed, so it is the same on every machine. `npm run fuzz` (scripts/fuzz.mjs) sets
// AZS_FUZZ_RUNS, AZS_FUZZ_SEED and AZS_FUZZ_PATH for long campaigns and replays.
import fc from 'fast-check';

/** The cases of a default run (`npm test`), spread over the properties by their `share`s, which add up to it. */
export const defaultRuns = 2000;
const defaultSeed = 20261117;

const totalRuns = Number(process.env.AZS_FUZZ_RUNS ?? defaultRuns);
const seed = process.env.AZS_FUZZ_SEED === undefined ? defaultSeed : Number(process.env.AZS_FUZZ_SEED);
const path = process.env.AZS_FUZZ_PATH;
/** Inside `npm test`: a fixed run; a campaign may run as long as it takes. */
const fixed = process.env.AZS_FUZZ_RUNS === undefined && process.env.AZS_FUZZ_PATH === undefined;
/**
 * Only against a hang: a fixed property's cases run to the end however busy the machine (a wall-clock limit here
 * failed runs on a loaded machine); how fast the linter is, npm run bench measures.
 */
const fixedHangLimitMs = 600_000;

/** The number of cases of a property whose share of the default run is `share`. */
export function runsFor(share: number): number {
  return Math.max(1, Math.round((totalRuns * share) / defaultRuns));
}

function reproduction<Ts>(details: fc.RunDetails<Ts>, grep: string): string {
  const report = fc.defaultReportMessage(details) ?? 'The property failed.';
  if (details.counterexamplePath === null) return `${report}\nseed ${details.seed}`;
  return `${report}\n\nReproduce with:\n  npm run fuzz -- --seed ${details.seed} --path ${details.counterexamplePath} --grep ${JSON.stringify(grep)}`;
}

/**
 * A mocha test that checks `property` on `share` of the run's cases and fails with fast-check's report (seed, path,
 * shrunk counterexample) and the command that replays the failure.
 */
export function fuzzIt<Ts extends [unknown, ...unknown[]]>(title: string, share: number, property: () => fc.IAsyncPropertyWithHooks<Ts>): void {
  const numRuns = runsFor(share);
  it(`${title} [${numRuns} cases]`, async function () {
    this.timeout(fixed ? fixedHangLimitMs : 0);
    const grep = `${this.test?.parent?.fullTitle() ?? ''} ${title}`.trim();
    const details = await fc.check(property(), { numRuns, seed, includeErrorInReport: true, ...(path === undefined ? {} : { path }) });
    if (details.failed) throw new Error(reproduction(details, grep));
  });
}
