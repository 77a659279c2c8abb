/**
 * Colour and type scale shared by every chart. Okabe–Ito palette (safe for the common colour-vision
 * deficiencies). Sizes live in the chart theme (theme.ts), which lecture mode scales.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

/** one colour per teacher feature k = 1, 2, 3, … */
export const FEATURE_COLORS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.green, OKABE_ITO.purple, OKABE_ITO.orange, OKABE_ITO.skyBlue];

export const featureColor = (k: number): string => FEATURE_COLORS[k % FEATURE_COLORS.length];

export const SERIES_COLORS = {
  train: OKABE_ITO.blue,
  test: OKABE_ITO.vermillion,
  penalty: OKABE_ITO.green,
  total: OKABE_ITO.black,
  up: OKABE_ITO.vermillion,
  down: OKABE_ITO.blue,
  theory: '#3a3a3a',
  critical: '#555555',
  spinodal: OKABE_ITO.purple,
  grid: '#e6e6e6',
  axis: '#333333',
} as const;

/** the neutral inks of every chart: text, rules, markers' outlines, the paper */
export const INK = {
  /** body text, legend labels, marker outlines */
  text: '#222222',
  /** secondary text (annotations, notes) */
  muted: '#444444',
  /** hints on an empty chart, the "now" rule */
  faint: '#666666',
  /** the zero lines of a plot */
  zero: '#999999',
  /** the outline of the network's "now" marker */
  outline: '#000000',
  /** the background, text halos, hollow markers */
  paper: '#ffffff',
  /** a legend swatch for "the network now" (any feature's colour) */
  neutral: '#9a9a9a',
  /** a grid cell without a category */
  empty: '#cccccc',
  /** a heatmap cell that is not a number */
  invalid: '#ff00ff',
  /** shading of a plateau window */
  shade: '#000000',
} as const;

/** the caption an exported picture carries (title, subtitle, source line) */
export const CAPTION_COLORS = {
  title: '#111111',
  text: '#333333',
  source: '#444444',
} as const;

/** the exact theory's branches besides the global minimum */
export const BRANCH_COLORS = {
  metastable: '#7a7a7a',
  saddle: '#9a9a9a',
} as const;

/** the barrier region of a landscape (its fill and its label, dark enough to read on white) */
export const BARRIER_COLORS = {
  fill: OKABE_ITO.orange,
  text: '#8a5a00',
} as const;

const SUB = '₀₁₂₃₄₅₆₇₈₉';
export const subscript = (k: number): string =>
  String(k)
    .split('')
    .map((d) => SUB[Number(d)] ?? d)
    .join('');
