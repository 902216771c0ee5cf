import { COMPONENT_TYPES, type Component, type MitigationStatus, type ThreatStatus } from '../model/schema.js'

/** Threat states written by OTM producers (IriusRisk and others) and the native status each means. */
const THREAT_STATE_WORDS: Record<string, ThreatStatus> = {
  open: 'open',
  expose: 'open',
  exposed: 'open',
  'partly-mitigate': 'open',
  'partly-mitigated': 'open',
  'partially-mitigated': 'open',
  mitigate: 'mitigated',
  mitigated: 'mitigated',
  accept: 'accepted',
  accepted: 'accepted',
  transfer: 'transferred',
  transferred: 'transferred',
  'not-applicable': 'not-applicable',
  na: 'not-applicable',
  'n/a': 'not-applicable'
}

/** The native threat status for a foreign state word, if it is one we know. */
export function threatStatusFromState(state: string): ThreatStatus | undefined {
  return THREAT_STATE_WORDS[normaliseWord(state)]
}

/** The OTM instance state the exporter writes for a native status (read back by `threatStatusFromState`). */
export const OTM_THREAT_STATE: Record<ThreatStatus, string> = {
  open: 'exposed',
  mitigated: 'mitigated',
  accepted: 'accepted',
  transferred: 'transferred',
  'not-applicable': 'not-applicable'
}

const MITIGATION_STATE_WORDS: Record<string, MitigationStatus> = {
  recommended: 'proposed',
  proposed: 'proposed',
  required: 'planned',
  planned: 'planned',
  'in-progress': 'in-progress',
  implemented: 'implemented',
  verified: 'verified',
  existing: 'existing',
  rejected: 'rejected',
  'not-applicable': 'rejected'
}

/** The native mitigation status for a foreign state word, if it is one we know. */
export function mitigationStatusFromState(state: string): MitigationStatus | undefined {
  return MITIGATION_STATE_WORDS[normaliseWord(state)]
}

/** The OTM mitigation-instance state the exporter writes for a native status. */
export const OTM_MITIGATION_STATE: Record<MitigationStatus, string> = {
  proposed: 'recommended',
  planned: 'required',
  'in-progress': 'in-progress',
  implemented: 'implemented',
  verified: 'verified',
  existing: 'existing',
  rejected: 'rejected'
}

/** How far along a threat status is; when instances disagree the least settled one is kept. */
const THREAT_STATUS_ORDER: ThreatStatus[] = ['open', 'transferred', 'accepted', 'mitigated', 'not-applicable']

/** Combines per-instance threat statuses into one: the least settled wins, so nothing looks safer than it is. */
export function combineThreatStatuses(statuses: ThreatStatus[]): ThreatStatus | undefined {
  let best: ThreatStatus | undefined
  for (const status of statuses) {
    if (best === undefined || THREAT_STATUS_ORDER.indexOf(status) < THREAT_STATUS_ORDER.indexOf(best)) best = status
  }
  return best
}

function normaliseWord(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
}

const TYPE_KEYWORDS: [RegExp, Component['type']][] = [
  [/secret|vault|kms|hsm|key-?management/, 'secrets-store'],
  [/identity|idp|cognito|okta|keycloak|oauth|oidc|ldap|active-?directory|auth-?server/, 'identity-provider'],
  [/queue|sqs|sns|kafka|rabbit|topic|event-?bus|stream|pubsub|mq\b|message/, 'queue'],
  [
    /database|\bdb\b|-db$|^db-|sql|mongo|dynamo|redis|cache|storage|bucket|\bs3\b|datastore|data-?store|file-?server|data-?lake|elastic/,
    'datastore'
  ],
  [/lambda|function|serverless/, 'function'],
  [/gateway|load-?balancer|\belb\b|\balb\b|proxy|cdn|cloudfront|waf|ingress|firewall/, 'gateway'],
  [/pipeline|build|\bci\b|jenkins|deploy/, 'pipeline'],
  [/repo(sitory)?|registry|git/, 'repository'],
  [/device|iot|sensor|embedded|mobile-?device/, 'device'],
  [/browser|client|user|mobile|desktop|human|person/, 'user'],
  [/external|third-?party|saas|partner/, 'external'],
  [/process|worker|job|batch|task/, 'process']
]

/** The native component type for a foreign type label; exact native names first, then keywords, else `service`. */
export function componentTypeFromLabel(label: string | undefined): Component['type'] {
  if (label === undefined) return 'service'
  const word = normaliseWord(label)
  if ((COMPONENT_TYPES as readonly string[]).includes(word)) return word as Component['type']
  for (const [pattern, type] of TYPE_KEYWORDS) if (pattern.test(word)) return type
  return 'service'
}
