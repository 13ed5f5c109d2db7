/**
 * Every chart's colours, chosen to be told apart with any common colour-vision
 * deficiency: Okabe and Ito's palette (blue, sky blue, bluish green, orange, yellow,
 * vermillion, reddish purple) and Paul Tol's (indigo, green, sand, light blue, olive, teal), with a
 * dark grey for the cost line. Charts never rely on colour alone: the shortfall carries
 * its figure as a label, the cumulative shortfall is dashed, and every chart has a legend.
 */
export const chartColours = {
  /** Recurring sources, in stack order. */
  recurring: ['#0072B2', '#56B4E9', '#009E73', '#88CCEE'],
  /** One-off pots' drawdown, in stack order. */
  pots: ['#E69F00', '#F0E442', '#DDCC77'],
  /** Reserves' drawdown, in stack order (Tol's olive and teal). */
  reserves: ['#999933', '#44AA99'],
  shortfall: '#D55E00',
  cost: '#404040',
  cumulative: '#CC79A7',
  selected: '#332288',
  notSelected: '#BBBBBB',
  allocation: '#117733',
} as const;
