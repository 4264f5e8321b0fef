export {
  ATTRIBUTION_MODELS,
  attributionWeights,
  type AttributionModel,
} from './attribution-models.js'
export {
  DIRECT,
  attributionDefinitionSchema,
  computeAttribution,
  safeParseAttributionDefinition,
  type AttributionCredit,
  type AttributionDefinition,
  type AttributionResult,
} from './attribution.js'
export { buildJourney } from './build-journey.js'
export {
  DEFAULT_FUNNEL_WINDOW_MS,
  funnelBreakdownSchema,
  funnelDefinitionSchema,
  funnelExclusionSchema,
  funnelStepSchema,
  parseFunnelDefinition,
  safeParseFunnelDefinition,
  type FunnelBreakdown,
  type FunnelDefinition,
  type FunnelExclusion,
  type FunnelStep,
} from './funnel-schema.js'
export {
  computeFunnel,
  type FunnelBreakdownGroup,
  type FunnelResult,
  type FunnelStepResult,
} from './funnel.js'
export {
  compileMatcher,
  messageMatcherSchema,
  propertyPredicateSchema,
  type EntryPredicate,
  type MatchableEntry,
  type MessageMatcher,
  type PropertyPredicate,
} from './message-matcher.js'
export {
  computePaths,
  pagePathOf,
  pathsDefinitionSchema,
  safeParsePathsDefinition,
  type PathLink,
  type PathNode,
  type PathsDefinition,
  type PathsResult,
} from './paths.js'
export {
  computeStageDistribution,
  type StageCount,
  type StageDistribution,
  type StageDistributionOptions,
} from './stage-distribution.js'
export {
  lapseRuleSchema,
  parseStageModel,
  safeParseStageModel,
  stageDefinitionSchema,
  stageModelSchema,
  stageRuleSchema,
  type LapseRule,
  type StageDefinition,
  type StageModel,
  type StageRule,
} from './stage-model-schema.js'
export { aarrrStageModel, defaultStageModel } from './stage-models.js'
export type {
  AnalyticsProfile,
  Journey,
  JourneyOptions,
  ProfileEvents,
  ProfileTimeline,
  StageEntry,
} from './types.js'
