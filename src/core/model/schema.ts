import { z } from 'zod'
import { isRepositoryPath, MITIGATION_STATUSES } from '../domain.js'

/** Format versions this release reads. */
export const SUPPORTED_FORMAT_VERSIONS = [1] as const

export const LEVELS = ['very-low', 'low', 'medium', 'high', 'very-high'] as const
export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const
export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const
export const CIA_LEVELS = ['none', 'low', 'medium', 'high', 'very-high'] as const
export const COMPONENT_TYPES = [
  'user',
  'external',
  'service',
  'process',
  'datastore',
  'queue',
  'function',
  'identity-provider',
  'secrets-store',
  'gateway',
  'device',
  'pipeline',
  'repository'
] as const
export const LIFECYCLES = ['planned', 'development', 'production', 'deprecated', 'retired'] as const
export const STRIDE_CATEGORIES = [
  'spoofing',
  'tampering',
  'repudiation',
  'information-disclosure',
  'denial-of-service',
  'elevation-of-privilege'
] as const
export const LINDDUN_CATEGORIES = [
  'linking',
  'identifying',
  'non-repudiation',
  'detecting',
  'data-disclosure',
  'unawareness',
  'non-compliance'
] as const
export const THREAT_CATEGORIES = [...STRIDE_CATEGORIES, ...LINDDUN_CATEGORIES] as const
export const THREAT_STATUSES = ['open', 'mitigated', 'accepted', 'transferred', 'not-applicable'] as const
export const MITIGATION_TYPES = ['preventive', 'detective', 'corrective', 'deterrent', 'recovery', 'compensating'] as const
export { MITIGATION_STATUSES } from '../domain.js'
export const ROADMAP_HORIZONS = ['short', 'mid', 'long'] as const
export const RISK_FACTORS = ['tef', 'vulnerability', 'lef', 'primary', 'secondary', 'loss'] as const
export const EFFECT_STRENGTHS = ['weak', 'average', 'strong', 'maximum'] as const
export const CONFIDENCES = ['low', 'medium', 'high'] as const
export const ROOT_CAUSES = ['people', 'process', 'technology'] as const
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const
export const BUG_BAR_CLASSES = ['critical', 'important', 'moderate', 'low'] as const
export const THREAGILE_LIKELIHOODS = ['unlikely', 'likely', 'very-likely', 'frequent'] as const
export const THREAGILE_IMPACTS = ['low', 'medium', 'high', 'very-high'] as const
export const ACTOR_CAPABILITIES = ['low', 'medium', 'high', 'very-high'] as const
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/** An element id: letters, digits and `. _ : / -`, starting with a letter or digit. */
export const Id = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'an id is required'
        : `expected an id (a string), got ${describe(issue.input)}; quote it if it looks like a number`
  })
  .regex(ID_PATTERN, { error: 'an id may hold letters, digits and . _ : / - and must start with a letter or digit' })
  .max(200)

const IdList = z.array(Id)

/** A calendar date written `YYYY-MM-DD`. */
export const CalendarDate = z
  .string({ error: (issue) => `expected a date written YYYY-MM-DD, got ${describe(issue.input)}` })
  .regex(DATE_PATTERN, { error: 'expected a date written YYYY-MM-DD' })
  // Only dates that match the pattern are checked here; the pattern reports the others.
  .refine((value) => !DATE_PATTERN.test(value) || isRealDate(value), {
    error: (issue) => `expected a real calendar date (YYYY-MM-DD), got ${describe(issue.input)}`
  })

const Text = z.string().max(100_000)
const ShortText = z.string().max(2_000)

/** A repository-relative path: forward slashes, no leading slash, no `..` segment. */
const RepoPath = z
  .string()
  .min(1)
  .max(500)
  .refine(isRepositoryPath, {
    error: (issue) =>
      `expected a path relative to the repository root (forward slashes, no leading \`/\`, no \`..\`), got ${describe(issue.input)}`
  })

/** A repository-relative picomatch glob (same path rule as RepoPath). */
const CodeGlob = RepoPath
const Probability = z.number().min(0).max(1)
const NonNegative = z.number().min(0)

/** A three-point estimate (beta-PERT): min ≤ likely ≤ max, with an optional confidence. */
function threePoint(value: z.ZodNumber) {
  return z
    .strictObject({ min: value, likely: value, max: value, confidence: z.enum(CONFIDENCES).optional() })
    .refine((r) => r.min <= r.likely && r.likely <= r.max, {
      error: (issue) => `expected min ≤ likely ≤ max, got ${describeRange(issue.input, ['min', 'likely', 'max'])}`
    })
}
/** A 90 % confidence interval (p5, p95), modelled as a lognormal. */
function interval90(value: z.ZodNumber) {
  return z.strictObject({ p5: value, p95: value }).refine((r) => r.p5 > 0 && r.p5 < r.p95, {
    error: (issue) => `expected 0 < p5 < p95, got ${describeRange(issue.input, ['p5', 'p95'])}`
  })
}
function estimate(value: z.ZodNumber) {
  return z.union([threePoint(value), interval90(value)])
}

const FrequencyEstimate = estimate(NonNegative)
const ProbabilityEstimate = threePoint(Probability)
const MoneyEstimate = estimate(NonNegative)
const PercentileEstimate = threePoint(z.number().min(0).max(100))

export const FairInputs = z.strictObject({
  confidence: z.enum(CONFIDENCES).optional(),
  tef: FrequencyEstimate.optional(),
  vulnerability: z
    .union([ProbabilityEstimate, z.strictObject({ threat_capability: PercentileEstimate, resistance_strength: PercentileEstimate })])
    .optional(),
  lef: FrequencyEstimate.optional(),
  loss: z
    .strictObject({
      primary: z
        .strictObject({
          productivity: MoneyEstimate.optional(),
          response: MoneyEstimate.optional(),
          replacement: MoneyEstimate.optional(),
          competitive_advantage: MoneyEstimate.optional(),
          fines_judgements: MoneyEstimate.optional(),
          reputation: MoneyEstimate.optional()
        })
        .optional(),
      secondary: z
        .strictObject({
          probability: ProbabilityEstimate,
          productivity: MoneyEstimate.optional(),
          response: MoneyEstimate.optional(),
          replacement: MoneyEstimate.optional(),
          competitive_advantage: MoneyEstimate.optional(),
          fines_judgements: MoneyEstimate.optional(),
          reputation: MoneyEstimate.optional()
        })
        .optional()
    })
    .optional(),
  evidence: z.array(ShortText).optional()
})

const OwaspFactor = z.number().min(0).max(9)
export const OwaspRating = z.strictObject({
  skill: OwaspFactor,
  motive: OwaspFactor,
  opportunity: OwaspFactor,
  size: OwaspFactor,
  discovery: OwaspFactor,
  exploit: OwaspFactor,
  awareness: OwaspFactor,
  detection: OwaspFactor,
  confidentiality: OwaspFactor.optional(),
  integrity: OwaspFactor.optional(),
  availability: OwaspFactor.optional(),
  accountability: OwaspFactor.optional(),
  financial: OwaspFactor.optional(),
  reputation: OwaspFactor.optional(),
  non_compliance: OwaspFactor.optional(),
  privacy: OwaspFactor.optional()
})

const DreadScore = z.number().min(0).max(10)

/** Per-threat risk inputs: qualitative, imported scores, or FAIR ranges. */
export const ThreatRisk = z.strictObject({
  likelihood: z.enum(LEVELS).optional(),
  impact: z.enum(LEVELS).optional(),
  cvss: z
    .string()
    .regex(/^CVSS:3\.[01]\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[NLH]\/I:[NLH]\/A:[NLH](\/[A-Za-z]+:[A-Za-z])*$/, {
      error: 'expected a CVSS 3.1 vector such as CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N'
    })
    .optional(),
  owasp: OwaspRating.optional(),
  bugbar: z.enum(BUG_BAR_CLASSES).optional(),
  threagile: z.strictObject({ likelihood: z.enum(THREAGILE_LIKELIHOODS), impact: z.enum(THREAGILE_IMPACTS) }).optional(),
  dread: z
    .strictObject({
      damage: DreadScore,
      reproducibility: DreadScore,
      exploitability: DreadScore,
      affected_users: DreadScore,
      discoverability: DreadScore
    })
    .optional(),
  fair: FairInputs.optional()
})

export const References = z.strictObject({
  cwe: z.array(z.string().regex(/^CWE-\d+$/, { error: 'expected a CWE id such as CWE-79' })).optional(),
  capec: z.array(z.string().regex(/^CAPEC-\d+$/, { error: 'expected a CAPEC id such as CAPEC-66' })).optional(),
  attack: z
    .array(z.string().regex(/^(T\d{4}(\.\d{3})?|TA\d{4}|M\d{4})$/, { error: 'expected an ATT&CK id such as T1190 or T1550.004' }))
    .optional(),
  standards: z.array(ShortText).optional(),
  links: z.array(ShortText).optional()
})

export const Acceptance = z.strictObject({
  by: ShortText.optional(),
  reason: Text.optional(),
  expires: CalendarDate.optional(),
  date: CalendarDate.optional()
})

export const ModelSection = z.strictObject({
  id: Id,
  title: ShortText,
  owner: ShortText.optional(),
  description: Text.optional(),
  business: z
    .strictObject({
      criticality: z.enum(CRITICALITIES).optional(),
      objectives: z.array(ShortText).optional(),
      description: Text.optional(),
      use_cases: z.array(ShortText).optional()
    })
    .optional(),
  standards: z.array(ShortText).optional(),
  templates: z.array(ShortText).optional(),
  related: z.array(ShortText).optional(),
  intelligence_sources: z.array(ShortText).optional(),
  reviewed: CalendarDate.optional(),
  /** Repository path of a CODEOWNERS file; components without an owner take theirs from it. */
  code_owners_file: RepoPath.optional(),
  version: ShortText.optional(),
  tags: z.array(ShortText).optional()
})

export const Zone = z.strictObject({
  id: Id,
  title: ShortText.optional(),
  description: Text.optional(),
  trust: z
    .number({
      error: (issue) =>
        `expected a trust level (a whole number: 0 for untrusted, such as the internet; higher for more trusted), got ${describe(issue.input)}`
    })
    .int({
      error: (issue) =>
        `expected a whole number as trust level (0 for untrusted, such as the internet; higher for more trusted), got ${describe(issue.input)}`
    })
    .min(0)
    .max(100),
  parent: Id.optional(),
  tags: z.array(ShortText).optional()
})

export const Asset = z.strictObject({
  id: Id,
  title: ShortText.optional(),
  description: Text.optional(),
  classification: z.enum(CLASSIFICATIONS).optional(),
  cia: z
    .strictObject({
      confidentiality: z.enum(CIA_LEVELS).optional(),
      integrity: z.enum(CIA_LEVELS).optional(),
      availability: z.enum(CIA_LEVELS).optional()
    })
    .optional(),
  owner: ShortText.optional(),
  tags: z.array(ShortText).optional()
})

export const Component = z.strictObject({
  id: Id,
  title: ShortText.optional(),
  description: Text.optional(),
  type: z.enum(COMPONENT_TYPES),
  zone: Id.optional(),
  owner: ShortText.optional(),
  technologies: z.array(ShortText).optional(),
  internet_facing: z.boolean().optional(),
  assets: IdList.optional(),
  tags: z.array(ShortText).optional(),
  lifecycle: z.enum(LIFECYCLES).optional(),
  parent: Id.optional(),
  /** Globs (picomatch, relative to the repository root) of the code this component stands for. */
  code: z.array(CodeGlob).max(200).optional()
})

export const Dataflow = z.strictObject({
  id: Id,
  title: ShortText.optional(),
  description: Text.optional(),
  from: Id,
  to: Id,
  protocol: ShortText.optional(),
  assets: IdList.optional(),
  authentication: ShortText.optional(),
  authorization: z.union([z.boolean(), ShortText]).optional(),
  encrypted: z.boolean().optional(),
  bidirectional: z.boolean().optional(),
  tags: z.array(ShortText).optional()
})

export const Actor = z.strictObject({
  id: Id,
  title: ShortText.optional(),
  description: Text.optional(),
  capability: z.enum(ACTOR_CAPABILITIES).optional(),
  motivation: ShortText.optional(),
  insider: z.boolean().optional(),
  privileged: z.boolean().optional(),
  tags: z.array(ShortText).optional()
})

export const Threat = z.strictObject({
  id: Id,
  title: ShortText,
  description: Text.optional(),
  category: z.enum(THREAT_CATEGORIES).optional(),
  targets: IdList.optional(),
  source: Id.optional(),
  prerequisites: Text.optional(),
  action: Text.optional(),
  business_impact: Text.optional(),
  objectives: z.array(ShortText).optional(),
  references: References.optional(),
  likelihood: z.enum(LEVELS).optional(),
  impact: z.enum(LEVELS).optional(),
  risk: ThreatRisk.optional(),
  status: z.enum(THREAT_STATUSES).optional(),
  acceptance: Acceptance.optional(),
  mitigations: IdList.optional(),
  origin: ShortText.optional(),
  tags: z.array(ShortText).optional()
})

export const MitigationEffect = z
  .strictObject({
    threat: Id,
    reduces: z.enum(RISK_FACTORS),
    by: threePoint(Probability).optional(),
    strength: z.enum(EFFECT_STRENGTHS).optional()
  })
  .refine((e) => (e.by === undefined) !== (e.strength === undefined), {
    error: (issue) => {
      const effect = (issue.input ?? {}) as { threat?: unknown; by?: unknown }
      const which = effect.by === undefined ? 'neither' : 'both'
      const threat = typeof effect.threat === 'string' ? ` in the effect on threat ${effect.threat}` : ''
      return `expected exactly one of \`by\` (a min/likely/max reduction) or \`strength\`, got ${which}${threat}`
    }
  })

export const Mitigation = z.strictObject({
  id: Id,
  title: ShortText,
  description: Text.optional(),
  type: z.enum(MITIGATION_TYPES).optional(),
  status: z.enum(MITIGATION_STATUSES).optional(),
  roadmap: z.enum(ROADMAP_HORIZONS).optional(),
  priority: z.enum(PRIORITIES).optional(),
  owner: ShortText.optional(),
  verification: Text.optional(),
  effects: z.array(MitigationEffect).optional(),
  cost: z
    .union([
      NonNegative,
      z.strictObject({
        amount: NonNegative,
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .optional(),
        period: z.enum(['once', 'yearly']).optional()
      })
    ])
    .optional(),
  references: References.optional(),
  detects: z
    .array(z.string().regex(/^T\d{4}(\.\d{3})?$/, { error: 'expected an ATT&CK technique id such as T1110 or T1110.004' }))
    .optional(),
  issue: ShortText.optional(),
  tags: z.array(ShortText).optional()
})

export const Assumption = z.strictObject({
  id: Id,
  text: Text,
  validated: z.boolean().optional(),
  owner: ShortText.optional(),
  description: Text.optional(),
  expires: CalendarDate.optional()
})

export const Incident = z.strictObject({
  id: Id,
  date: CalendarDate,
  summary: Text,
  techniques: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/, { error: 'expected an ATT&CK technique id such as T1110.004' })).optional(),
  threats: IdList.optional(),
  root_cause: z.enum(ROOT_CAUSES).optional(),
  status: z.enum(['open', 'resolved']).optional()
})

export const Suppression = z.strictObject({
  rule: ShortText,
  target: ShortText,
  reason: Text.optional(),
  approved_by: ShortText.optional(),
  expires: CalendarDate.optional()
})

const Band = z.number().min(0)
export const RiskSettings = z.strictObject({
  engine: z.literal('risk-v1', { error: 'the only risk engine is risk-v1' }).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { error: 'expected a three-letter ISO 4217 currency code such as USD' })
    .optional(),
  seed: z.number().int().min(0).max(4294967295).optional(),
  iterations: z.number().int().min(1000).max(1000000).optional(),
  confidence_lambda: z.strictObject({ low: z.number().positive(), medium: z.number().positive(), high: z.number().positive() }).optional(),
  default_confidence: z.enum(CONFIDENCES).optional(),
  calibration: z
    .strictObject({
      step: z.number().gt(1).optional(),
      likelihood_anchor: z.strictObject({ level: z.enum(LEVELS), lef_per_year: threePoint(NonNegative) }).optional(),
      impact_anchor: z.strictObject({ level: z.enum(LEVELS), loss: threePoint(NonNegative) }).optional()
    })
    .optional(),
  severity: z
    .strictObject({
      scale: z.array(z.enum(SEVERITIES)).optional(),
      ale_bands: z.strictObject({ info: Band, low: Band, medium: Band, high: Band, critical: Band }).optional()
    })
    .optional(),
  gates: z
    .strictObject({
      fail_on: z.array(ShortText).optional(),
      warn_on: z.array(ShortText).optional(),
      ale_mean_increase: z.strictObject({ relative: NonNegative, absolute: NonNegative }).optional(),
      ale_p90_increase: z.strictObject({ relative: NonNegative, absolute: NonNegative }).optional(),
      noise_sigmas: z.number().positive().optional()
    })
    .optional(),
  what_if_includes_proposed: z.boolean().optional()
})

/** The native threat-model document. */
export const ModelDocument = z.strictObject({
  $schema: z.string().optional(),
  threatloop: z.literal(1, {
    error: (issue) => `unsupported format version ${describe(issue.input)}; this release reads \`threatloop: 1\``
  }),
  model: ModelSection,
  zones: z.array(Zone).optional(),
  assets: z.array(Asset).optional(),
  components: z.array(Component).optional(),
  dataflows: z.array(Dataflow).optional(),
  actors: z.array(Actor).optional(),
  threats: z.array(Threat).optional(),
  mitigations: z.array(Mitigation).optional(),
  assumptions: z.array(Assumption).optional(),
  incidents: z.array(Incident).optional(),
  suppressions: z.array(Suppression).optional(),
  risk: RiskSettings.optional()
})

export type ModelDocument = z.infer<typeof ModelDocument>
export type ModelInfo = z.infer<typeof ModelSection>
export type Zone = z.infer<typeof Zone>
export type Asset = z.infer<typeof Asset>
export type Component = z.infer<typeof Component>
export type Dataflow = z.infer<typeof Dataflow>
export type Actor = z.infer<typeof Actor>
export type Threat = z.infer<typeof Threat>
export type ThreatRisk = z.infer<typeof ThreatRisk>
export type FairInputs = z.infer<typeof FairInputs>
export type Mitigation = z.infer<typeof Mitigation>
export type MitigationEffect = z.infer<typeof MitigationEffect>
export type Assumption = z.infer<typeof Assumption>
export type Incident = z.infer<typeof Incident>
export type Suppression = z.infer<typeof Suppression>
export type RiskSettings = z.infer<typeof RiskSettings>
export type Level = (typeof LEVELS)[number]
export type Severity = (typeof SEVERITIES)[number]
export type { MitigationStatus } from '../domain.js'
export type MitigationType = (typeof MITIGATION_TYPES)[number]
export type ThreatStatus = (typeof THREAT_STATUSES)[number]
export type Classification = (typeof CLASSIFICATIONS)[number]

/** The element sections of a model, in document order, with the kind name each element has. */
export const ELEMENT_SECTIONS = [
  ['zones', 'zone'],
  ['assets', 'asset'],
  ['components', 'component'],
  ['dataflows', 'dataflow'],
  ['actors', 'actor'],
  ['threats', 'threat'],
  ['mitigations', 'mitigation'],
  ['assumptions', 'assumption'],
  ['incidents', 'incident']
] as const
export type ElementSection = (typeof ELEMENT_SECTIONS)[number][0]
export type ElementKind = (typeof ELEMENT_SECTIONS)[number][1]

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

function describeRange(input: unknown, keys: readonly string[]): string {
  if (input === null || typeof input !== 'object') return describe(input)
  const range = input as Record<string, unknown>
  return keys.map((key) => `${key} ${String(range[key])}`).join(', ')
}

function describe(input: unknown): string {
  if (input === null) return 'null'
  if (Array.isArray(input)) return 'a list'
  if (typeof input === 'object') return 'a mapping'
  if (typeof input === 'string') return `"${input.length > 40 ? input.slice(0, 40) + '…' : input}"`
  return typeof input === 'number' || typeof input === 'boolean' ? `${typeof input} ${input}` : typeof input
}
