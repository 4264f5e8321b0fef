export { buildJourney } from './build-journey.js'
export {
  compileMatcher,
  messageMatcherSchema,
  propertyPredicateSchema,
  type EntryPredicate,
  type MessageMatcher,
  type PropertyPredicate,
} from './message-matcher.js'
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
