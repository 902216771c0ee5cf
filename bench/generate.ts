import { dump } from 'js-yaml'
import type { ModelDocument } from '../src/core/model/schema.js'
import { LEVELS, MITIGATION_STATUSES, MITIGATION_TYPES, STRIDE_CATEGORIES, ROADMAP_HORIZONS } from '../src/core/model/schema.js'

/** The bench sizes: about 50, 1,000 and 5,000 threats with proportional architecture. */
export const BENCH_SIZES = { small: 50, medium: 1000, large: 5000 } as const
export type BenchSize = keyof typeof BENCH_SIZES

/** A deterministic pseudo-random sequence (mulberry32) so every run generates the same models. */
function sequence(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Generates the base model document with `threats` threats (deterministic for a given count). */
export function generateModel(threats: number, seed = 1): ModelDocument {
  const random = sequence(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const componentCount = Math.max(6, Math.round(threats / 5))
  const flowCount = Math.round(componentCount * 1.5)
  const mitigationCount = Math.round(threats * 0.8)
  const zones = [
    { id: 'internet', title: 'Internet', trust: 0 },
    { id: 'dmz', title: 'DMZ', trust: 1 },
    { id: 'app', title: 'Application tier', trust: 2 },
    { id: 'data', title: 'Data tier', trust: 3 }
  ]
  const assets = Array.from({ length: Math.max(4, Math.round(componentCount / 10)) }, (_, i) => ({
    id: `asset-${i}`,
    title: `Data set ${i}`,
    classification: pick(['public', 'internal', 'confidential', 'restricted'] as const),
    owner: `team-${i % 7}`
  }))
  const types = ['service', 'process', 'datastore', 'queue', 'function', 'gateway'] as const
  const components = Array.from({ length: componentCount }, (_, i) => ({
    id: `c-${i}`,
    title: `Component ${i}`,
    type: i === 0 ? ('user' as const) : pick(types),
    zone: i === 0 ? 'internet' : zones[1 + (i % 3)].id,
    owner: `team-${i % 7}`,
    technologies: [`pkg:npm/lib-${i % 13}@1.${i % 9}.0`],
    internet_facing: i % 17 === 1,
    assets: [assets[i % assets.length].id]
  }))
  const dataflows = Array.from({ length: flowCount }, (_, i) => {
    const from = i % componentCount
    let to = Math.floor(random() * componentCount)
    if (to === from) to = (to + 1) % componentCount
    return {
      id: `f-${i}`,
      title: `Flow ${i}`,
      from: components[from].id,
      to: components[to].id,
      protocol: pick(['https', 'grpc', 'postgres', 'amqp'] as const),
      assets: [assets[i % assets.length].id],
      authentication: pick(['none', 'mtls', 'oauth2', 'api-key'] as const),
      encrypted: random() < 0.8
    }
  })
  const mitigations = Array.from({ length: mitigationCount }, (_, i) => ({
    id: `M-${i}`,
    title: `Mitigation ${i}`,
    description: `Control number ${i} reduces exposure of the related threat.`,
    type: pick(MITIGATION_TYPES),
    status: pick(MITIGATION_STATUSES.filter((s) => s !== 'rejected')),
    roadmap: pick(ROADMAP_HORIZONS),
    owner: `team-${i % 7}`,
    verification: `Integration test ${i} proves the control.`
  }))
  const threatList = Array.from({ length: threats }, (_, i) => {
    const linked = i < mitigationCount ? [mitigations[i].id] : []
    const target = random() < 0.5 ? components[i % componentCount].id : dataflows[i % flowCount].id
    const threat: ModelDocument['threats'] extends (infer T)[] | undefined ? T : never = {
      id: `T-${i}`,
      title: `Threat ${i} against ${target}`,
      description: `An attacker abuses weakness ${i} to reach ${target}.`,
      category: pick(STRIDE_CATEGORIES),
      targets: [target],
      references: { cwe: [`CWE-${20 + (i % 900)}`] },
      likelihood: pick(LEVELS),
      impact: pick(LEVELS),
      status: 'open',
      mitigations: linked
    }
    if (i % 10 === 0) {
      threat.risk = {
        fair: {
          lef: { min: 0.05, likely: 0.2 + (i % 5) / 10, max: 2 },
          loss: { primary: { response: { min: 10000, likely: 50000 + i, max: 500000 } } }
        }
      }
    }
    return threat
  })
  for (let i = 0; i < mitigationCount; i++) {
    if (i % 4 === 0) (mitigations[i] as Record<string, unknown>).effects = [{ threat: `T-${i}`, reduces: 'lef', strength: 'average' }]
  }
  return {
    threatloop: 1,
    model: {
      id: `bench-${threats}`,
      title: `Bench model with ${threats} threats`,
      owner: 'bench',
      reviewed: '2026-10-01',
      standards: ['asvs-4.0']
    },
    zones,
    assets,
    components,
    dataflows,
    threats: threatList,
    mitigations
  }
}

/** Changes about `fraction` of the elements of a model deterministically, as a pull request would. */
export function changeModel(base: ModelDocument, fraction = 0.05, seed = 2): ModelDocument {
  const random = sequence(seed)
  const head = structuredClone(base)
  const threats = head.threats ?? []
  const mitigations = head.mitigations ?? []
  for (const threat of threats) {
    if (random() >= fraction) continue
    const roll = random()
    if (roll < 0.4) threat.likelihood = LEVELS[Math.min(4, LEVELS.indexOf(threat.likelihood ?? 'low') + 1)]
    else if (roll < 0.7) threat.description = `${threat.description ?? ''} Seen again in review.`
    else threat.status = 'mitigated'
  }
  for (const mitigation of mitigations) {
    if (random() >= fraction) continue
    mitigation.status = mitigation.status === 'implemented' ? 'verified' : 'implemented'
  }
  for (const flow of head.dataflows ?? []) if (random() < fraction) flow.encrypted = !flow.encrypted
  const extra = Math.max(1, Math.round(threats.length * fraction * 0.2))
  for (let i = 0; i < extra; i++) {
    threats.push({
      id: `T-new-${i}`,
      title: `New threat ${i}`,
      category: 'tampering',
      targets: [head.components![1].id],
      likelihood: 'high',
      impact: 'high',
      status: 'open'
    })
  }
  return head
}

/** A base/head pair of model texts (YAML) for a bench size. */
export function generateModelPair(size: BenchSize | number): { base: string; head: string; threats: number } {
  const threats = typeof size === 'number' ? size : BENCH_SIZES[size]
  const base = generateModel(threats)
  const head = changeModel(base)
  return { base: toYaml(base), head: toYaml(head), threats }
}

/** Serialises a model document as YAML the way a person would write it. */
export function toYaml(document: ModelDocument): string {
  return dump(document, { lineWidth: -1, noRefs: true })
}
