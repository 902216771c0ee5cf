/** A plain JSON value: what every part of a ModelDiff is made of, so the Review JSON can embed it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** The sections a diff covers, in the order changes are reported. */
export const DIFF_SECTIONS = [
  'model',
  'zones',
  'assets',
  'components',
  'dataflows',
  'actors',
  'threats',
  'mitigations',
  'assumptions',
  'incidents',
  'suppressions',
  'risk'
] as const
export type DiffSection = (typeof DIFF_SECTIONS)[number]

/** The kind of thing a section holds, as named in messages. */
export const SECTION_KINDS: Record<DiffSection, string> = {
  model: 'model',
  zones: 'zone',
  assets: 'asset',
  components: 'component',
  dataflows: 'dataflow',
  actors: 'actor',
  threats: 'threat',
  mitigations: 'mitigation',
  assumptions: 'assumption',
  incidents: 'incident',
  suppressions: 'suppression',
  risk: 'risk-settings'
}

/**
 * One changed field of an element. `path` is dotted (`risk.fair.tef.max`); entries of object lists
 * are addressed by their natural key (`effects[T-001/lef].strength`).
 * - `added` / `removed`: the field was set or unset (`after` / `before` hold the value);
 * - `modified`: a value replaced by another;
 * - `members`: a list compared as a set gained or lost members (`added` / `removed` hold them).
 */
export interface FieldChange {
  path: string
  change: 'added' | 'removed' | 'modified' | 'members'
  before?: JsonValue
  after?: JsonValue
  addedMembers?: JsonValue[]
  removedMembers?: JsonValue[]
  /** Unified diff of a changed text field (from the `diff` package). */
  patch?: string
}

/** The change of one element (or of the `model` / `risk` section) between base and head. */
export interface ElementChange {
  section: DiffSection
  kind: string
  change: 'added' | 'removed' | 'changed' | 'renamed'
  /** The element's id in the head (in the base for a removal). */
  id: string
  /** The base id of a renamed element. */
  previousId?: string
  /** How alike a renamed element's base and head are, 0–1 (rounded to 3 decimals). */
  similarity?: number
  /** Field changes of a changed or renamed element, ordered by path. */
  fields: FieldChange[]
  /** The whole element, for a removal. */
  before?: JsonValue
  /** The whole element, for an addition. */
  after?: JsonValue
}

export const DERIVED_CHANGE_KINDS = [
  'threat-severity-moved',
  'threat-lost-last-mitigation',
  'mitigation-status-moved',
  'flow-crosses-trust-boundary',
  'flow-lost-encryption',
  'flow-lost-authentication',
  'flow-data-more-sensitive',
  'asset-classification-moved',
  'component-became-internet-facing'
] as const
export type DerivedChangeKind = (typeof DERIVED_CHANGE_KINDS)[number]

/** Which way a derived change points: worse (`up`, `regression`) or better. */
export type DerivedDirection = 'up' | 'down' | 'rated' | 'unrated' | 'progress' | 'regression' | 'lateral' | 'rose' | 'fell'

/** A consequence of the change computed from both model graphs, e.g. a threat whose severity moved. */
export interface DerivedChange {
  kind: DerivedChangeKind
  section: DiffSection
  /** The element's id in the head. */
  elementId: string
  /** Its base id when it was renamed. */
  previousId?: string
  direction?: DerivedDirection
  before: JsonValue
  after: JsonValue
  /** One human sentence describing the change. */
  message: string
}

export interface ChangeCounts {
  added: number
  removed: number
  changed: number
  renamed: number
}

export interface DiffSummary {
  total: ChangeCounts
  /** Counts for each section that has changes, in section order. */
  bySection: Partial<Record<DiffSection, ChangeCounts>>
  /** Number of derived changes of each kind present, in kind order. */
  derived: Partial<Record<DerivedChangeKind, number>>
}

/** The semantic difference between two versions of one threat model. */
export interface ModelDiff {
  kind: 'model-added' | 'model-removed' | 'model-changed' | 'model-unchanged'
  /** The model id in the head (in the base when the model was removed); empty when both are absent. */
  modelId: string
  /** The base model id when it differs from the head's. */
  previousModelId?: string
  baseFile?: string
  headFile?: string
  /** True when nothing semantic changed (formatting-only edits). */
  isEmpty: boolean
  /** Element changes in section order, then id. */
  changes: ElementChange[]
  /** Derived changes in section order, then element id, then kind. */
  derived: DerivedChange[]
  summary: DiffSummary
}
