/** D3 charts as React components (React owns the DOM; D3 does scales, axes and shapes). */
export { ChartFrame, ToggleButton, type ChartFrameProps, type ToggleButtonProps } from './ChartFrame';
export { LossChart, type LossChartProps, type LossSeries, type LossKey, type LossLevel } from './LossChart';
export { LandscapeChart, type LandscapeChartProps, type LandscapeMode } from './LandscapeChart';
export { PhasePlaneChart, type PhasePlaneChartProps, type PhaseMode, type PhaseTracePoint } from './PhasePlaneChart';
export { SliceHeatmap, type SliceHeatmapProps, type SliceMarker } from './SliceHeatmap';
export { SmallMultiples, sharedGammaDomain, type SmallMultiplesProps } from './SmallMultiples';
export { FEATURE_COLORS, featureColor, OKABE_ITO, SERIES_COLORS } from './palette';
export { rowsToCsv, rowsToJson, csvField, safeFilename, type Row, type Cell } from './serialize';
export { minMaxDecimate, capTrace } from './decimate';
export { lossSeriesFromRecords, type LossRecord } from './adapters';
