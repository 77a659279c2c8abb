/** The pieces of src/charts the Papers view draws with, imported in one place (the chart kit is being reorganised). */
export { ChartFrame } from '../../charts/ChartFrame';
export { Axis, AxisLabel, formatTick } from '../../charts/Axis';
export { SvgLegend, legendHeight, type LegendItem } from '../../charts/Legend';
export { useChartTheme } from '../../charts/theme';
export { useElementWidth } from '../../charts/useElementWidth';
export { OKABE_ITO, FEATURE_COLORS, SERIES_COLORS } from '../../charts/palette';
export type { Row } from '../../charts/serialize';
