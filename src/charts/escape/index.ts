/** Charts of the escape & grokking lab (issue 5). */
export { SurvivalChart, type SurvivalChartProps } from './SurvivalChart';
export { EscapeHistogram, type EscapeHistogramProps } from './EscapeHistogram';
export { ArrheniusChart, type ArrheniusChartProps } from './ArrheniusChart';
export { ReplicaLandscape, type ReplicaLandscapeProps } from './ReplicaLandscape';
export { GrokkingChart, type GrokkingChartProps } from './GrokkingChart';
export {
  survivalCurve,
  logBins,
  arrheniusAnalysis,
  saddleManifoldDimension,
  type SurvivalPoint,
  type HistogramBin,
  type ArrheniusAnalysis,
  type ArrheniusPoint,
  type RunLike,
} from './escapeModel';
export { temperatureColor, fmtT, fmtNum } from './common';
