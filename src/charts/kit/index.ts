/** The chart kit: a plot frame (layout, svg, legend, axes, clip, titles, card) and small marks. */
export { frameLayout, withExtraTop, tickPlan, textWidth, type FrameLayout, type FrameLayoutOptions, type Margin } from './layout';
export { placeLabels, overlappingPairs, samplePolyline, type Box, type Point, type LabelRequest, type PlacedLabel, type PlaceOptions } from './labels';
export { useFrame, useClipId, plotAxis, ChartSvg, PlotArea, PlotFrame, ChartCard, type Frame, type AxisSpec, type PlotAxis } from './PlotFrame';
export {
  Line,
  Dots,
  Rule,
  Band,
  Text,
  Labels,
  PlacedTexts,
  linePath,
  dotPositions,
  labelRequests,
  labelSize,
  placeable,
  DASH,
  type Dash,
  type XY,
  type LabelSpec,
} from './marks';
