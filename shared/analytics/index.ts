/** shared/analytics: event logs, attribution, journey analytics, conformance and CLV (docs/analytics.md). */
export { createEventLogParser, parseEventLog, EventLogBuilder, EVENT_COLUMNS, type EventLog, type EventLogParser } from './event-log.ts';
export { createTableStream, sniffFormat, TableError, MAX_PROBLEMS, type TableFormat, type Problem } from './table-stream.ts';
export { parseTimestamp, dayOf, DAY_MS } from './timestamp.ts';
export { buildPaths, type Paths } from './paths.ts';
export {
  attribute,
  attributeAll,
  ATTRIBUTION_MODELS,
  DIRECT,
  DEFAULT_HALF_LIFE_MS,
  isAttributionModel,
  parseHalfLife,
  type Attribution,
  type AttributionModel,
  type Credit,
} from './attribution.ts';
export { MAX_MARKOV_STATES, MarkovSizeError } from './markov.ts';
export { mapTouchpoints, type TouchpointMapping, type TouchpointMatch } from './map-touchpoints.ts';
export {
  analyzeJourney,
  type JourneyAnalytics,
  type StageFigures,
  type CardFigures,
  type FlowFigures,
  type MissingTransition,
} from './journey-analytics.ts';
export { checkConformance, type Conformance, type Deviation } from './conformance.ts';
export { fitBgNbd, bgNbdLogLikelihood, expectedPurchases, probabilityAlive, type BgNbdParams, type BgNbdFit } from './bgnbd.ts';
export { fitGammaGamma, expectedSpend, type GammaGammaParams, type GammaGammaFit } from './gamma-gamma.ts';
export {
  customerLifetimeValue,
  purchasesToRfm,
  averageBy,
  PERIOD_DAYS,
  type Period,
  type Purchase,
  type ClvResult,
  type CustomerClv,
  type GroupAverage,
} from './clv.ts';
export { createPurchaseLogParser, type PurchaseLog } from './purchase-log.ts';
export { analyzeBlueprint, UNMAPPED, NO_CHANNEL, type BlueprintAnalysis, type AttributionByModel, type AnalyzeOptions } from './analyze.ts';
export { findUnderperformers, type Underperformer } from './underperformers.ts';
export { parseMetricsCsv, applyMetrics, type MetricsRow } from './metrics-import.ts';
export { importChunks, type ChunkParser, type ImportProgress } from './import-chunks.ts';
