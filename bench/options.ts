/** The bench's command line (node:util parseArgs, as every script of the project). */
import { parseArgs } from 'node:util';

export const USAGE =
  'usage: npm run bench [-- --quick] [--n 1000,10000] [--publish 10000] [--publish-rounds 3] [--seed 1] [--no-hugo] [--no-browser] [--no-warm] [--rounds 5] [--keep] [--profile] [--max-wait 600]';

export interface Options {
  /** The corpus sizes to build side by side with the baselines; none when only --publish is asked for. */
  sizes: number[];
  /** The N of the publish-one scenario (bench/publish.ts), or null. */
  publish: number | null;
  /** Rounds of the publish scenario's changes, each timed against a clean cold build. */
  publishRounds: number;
  seed: number;
  quick: boolean;
  hugo: boolean;
  browser: boolean;
  keep: boolean;
  profile: boolean;
  warm: boolean;
  /** Pairs of (cold full build, bare build) at the target's N, the first pair included. */
  rounds: number;
  /** Longest wait for other processes to leave the CPUs before a timed step. */
  maxWaitMs: number;
  help: boolean;
}

/** An option's whole number (underscores allowed as separators), at least `least`. */
export function whole(name: string, text: string, least: number): number {
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < least) throw new Error(`--${name} needs a whole number of at least ${least}, got "${text}"`);
  return value;
}

/**
 * --quick runs N = 100 (unless --n says otherwise), one publish round, and waits at most a minute
 * for a quiet machine (unless --max-wait says otherwise), so a quick check stays quick on a busy
 * machine. --publish without --n runs the publish scenario alone.
 */
export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      quick: { type: 'boolean', default: false },
      n: { type: 'string' },
      publish: { type: 'string' },
      'publish-rounds': { type: 'string' },
      seed: { type: 'string', default: '1' },
      hugo: { type: 'boolean', default: true },
      browser: { type: 'boolean', default: true },
      warm: { type: 'boolean', default: true },
      rounds: { type: 'string', default: '5' },
      keep: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'max-wait': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const publish = values.publish === undefined ? null : whole('publish', values.publish, 2);
  const defaultSizes = publish !== null ? [] : values.quick ? [100] : [1000, 10000];
  const sizes = values.n === undefined ? defaultSizes : values.n.split(',').map((each) => whole('n', each, 1));
  const maxWaitS = values['max-wait'] === undefined ? (values.quick ? 60 : 600) : whole('max-wait', values['max-wait'], 0);
  return {
    sizes,
    publish,
    publishRounds: values['publish-rounds'] === undefined ? (values.quick ? 1 : 3) : whole('publish-rounds', values['publish-rounds'], 1),
    seed: whole('seed', values.seed, 0),
    quick: values.quick,
    hugo: values.hugo,
    browser: values.browser,
    warm: values.warm,
    rounds: whole('rounds', values.rounds, 1),
    keep: values.keep,
    profile: values.profile,
    maxWaitMs: maxWaitS * 1000,
    help: values.help,
  };
}
