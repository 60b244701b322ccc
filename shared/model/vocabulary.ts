/**
 * The closed vocabularies of the domain (docs/domain.md). Each is a readonly tuple so that zod enums,
 * TypeScript unions, the JSON Schema and UI pickers all come from one list.
 */

export const BLUEPRINT_STATUSES = ['draft', 'in-review', 'approved', 'retired'] as const;
export type BlueprintStatus = (typeof BLUEPRINT_STATUSES)[number];

/** Lifecycle macro stages that group the stages of the scroll. */
export const MACRO_STAGES = ['awareness', 'consideration', 'purchase', 'onboarding', 'retention', 'advocacy'] as const;
export type MacroStage = (typeof MACRO_STAGES)[number];

/** The layers of the experience, from the customer down to the back office. */
export const LANE_KINDS = [
  'customer-actions',
  'thinking-feeling',
  'touchpoints',
  'data',
  'systems',
  'teams',
  'automation',
  'custom',
] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

/** What a card describes; each lane kind has a natural card kind, `note` fits anywhere. */
export const CARD_KINDS = ['action', 'feeling', 'touchpoint', 'data', 'system', 'team', 'automation', 'note'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export const CARD_KIND_FOR_LANE: Record<LaneKind, CardKind> = {
  'customer-actions': 'action',
  'thinking-feeling': 'feeling',
  touchpoints: 'touchpoint',
  data: 'data',
  systems: 'system',
  teams: 'team',
  automation: 'automation',
  custom: 'note',
};

export const CARD_STATUSES = ['draft', 'active', 'in-test', 'retired'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export const CHANNELS = [
  'email',
  'web-page',
  'landing-page',
  'social',
  'display-ad',
  'paid-search',
  'webinar',
  'event',
  'sales-call',
  'chat',
  'support-ticket',
  'in-product',
  'sms',
  'direct-mail',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where captured data is stored. */
export const SYSTEM_CATEGORIES = [
  'crm',
  'cdp',
  'marketing-automation',
  'data-warehouse',
  'support-desk',
  'product-analytics',
  'billing',
  'other',
] as const;
export type SystemCategory = (typeof SYSTEM_CATEGORIES)[number];

/** Martech gap analysis: what a system card says about the system's future at this stage. */
export const SYSTEM_STATUSES = ['in-use', 'planned', 'gap', 'retire'] as const;
export type SystemStatus = (typeof SYSTEM_STATUSES)[number];

/** Legal basis for a captured field. */
export const CONSENT_BASES = ['none', 'legitimate-interest', 'consent', 'contract', 'legal-obligation'] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];

export const TRIGGER_TYPES = ['event', 'score', 'elapsed', 'segment'] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];

export const ACTION_TYPES = ['send', 'set-field', 'change-classification', 'create-task', 'notify'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const EXIT_TYPES = ['opt-out', 'move-to-journey', 'goal-reached'] as const;
export type ExitType = (typeof EXIT_TYPES)[number];

export const HISTORY_KINDS = ['status', 'approval', 'note'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** Emotion scores run from very negative to very positive. */
export const EMOTION_MIN = -5;
export const EMOTION_MAX = 5;
