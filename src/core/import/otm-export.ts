import type { Level, ModelDocument, Threat } from '../model/schema.js'
import { OTM_MITIGATION_STATE, OTM_THREAT_STATE } from './states.js'

type Json = Record<string, unknown>

const LEVEL_PERCENT: Record<Level, number> = { 'very-low': 10, low: 30, medium: 50, high: 70, 'very-high': 90 }
const CIA_PERCENT = { none: 0, low: 25, medium: 50, high: 75, 'very-high': 100 } as const
const STRENGTH_PERCENT = { weak: 25, average: 50, strong: 75, maximum: 95 } as const

/**
 * Writes a native model as an OTM 0.2 document. OTM carries zones, components, dataflows, assets,
 * threats (with instances on components and dataflows) and mitigations; actors, assumptions,
 * incidents and suppressions have no OTM counterpart and are left out.
 */
export function exportOtm(document: ModelDocument): Json {
  const m = document.model
  const out: Json = {
    otmVersion: '0.2.0',
    project: clean({ name: m.title, id: m.id, description: m.description, owner: m.owner, tags: m.tags })
  }
  const mitigationsById = new Map((document.mitigations ?? []).map((x) => [x.id, x]))
  const threatsOn = new Map<string, Threat[]>()
  for (const threat of document.threats ?? [])
    for (const target of new Set(threat.targets ?? [])) threatsOn.set(target, [...(threatsOn.get(target) ?? []), threat])
  const instancesOn = (targetId: string): Json[] | undefined => threatsOn.get(targetId)?.map((t) => threatInstance(t, mitigationsById))

  if (document.assets) {
    out.assets = document.assets.map((a) =>
      clean({
        name: a.title ?? a.id,
        id: a.id,
        description: a.description,
        risk: a.cia
          ? clean({
              confidentiality: percentOf(a.cia.confidentiality),
              integrity: percentOf(a.cia.integrity),
              availability: percentOf(a.cia.availability)
            })
          : undefined
      })
    )
  }
  out.trustZones = (document.zones ?? []).map((z) =>
    clean({
      id: z.id,
      name: z.title ?? z.id,
      description: z.description,
      risk: { trustRating: z.trust },
      parent: z.parent ? { trustZone: z.parent } : undefined
    })
  )
  if (document.components) {
    out.components = document.components.map((k) =>
      clean({
        id: k.id,
        name: k.title ?? k.id,
        type: k.type,
        description: k.description,
        parent: k.parent ? { component: k.parent } : k.zone ? { trustZone: k.zone } : undefined,
        tags: k.tags,
        assets: k.assets ? { processed: k.assets } : undefined,
        threats: instancesOn(k.id)
      })
    )
  }
  out.dataflows = (document.dataflows ?? []).map((f) =>
    clean({
      id: f.id,
      name: f.title ?? f.id,
      description: f.description,
      bidirectional: f.bidirectional,
      source: f.from,
      destination: f.to,
      assets: f.assets,
      tags: f.tags,
      threats: instancesOn(f.id)
    })
  )
  if (document.threats) {
    out.threats = document.threats.map((t) =>
      clean({
        id: t.id,
        name: t.title,
        description: t.description,
        categories: t.category ? [t.category] : undefined,
        cwes: t.references?.cwe,
        risk: clean({
          likelihood: t.likelihood ? LEVEL_PERCENT[t.likelihood] : undefined,
          impact: t.impact ? LEVEL_PERCENT[t.impact] : undefined
        }),
        tags: t.tags
      })
    )
  }
  if (document.mitigations) {
    out.mitigations = document.mitigations.map((x) => {
      const reductions = (x.effects ?? [])
        .map((e) => (e.by ? Math.round(e.by.likely * 100) : e.strength ? STRENGTH_PERCENT[e.strength] : undefined))
        .filter((n): n is number => n !== undefined)
      return clean({
        id: x.id,
        name: x.title,
        description: x.description,
        riskReduction: reductions.length > 0 ? Math.max(...reductions) : undefined
      })
    })
  }
  return out
}

function threatInstance(threat: Threat, mitigations: Map<string, { status?: keyof typeof OTM_MITIGATION_STATE }>): Json {
  return clean({
    threat: threat.id,
    state: OTM_THREAT_STATE[threat.status ?? 'open'],
    mitigations: threat.mitigations?.map((id) => {
      const status = mitigations.get(id)?.status
      return clean({ mitigation: id, state: status ? OTM_MITIGATION_STATE[status] : undefined })
    })
  })
}

function percentOf(level: keyof typeof CIA_PERCENT | undefined): number | undefined {
  return level === undefined ? undefined : CIA_PERCENT[level]
}

/** Leaves out undefined values and empty objects so the output holds only what the model states. */
function clean(value: Json): Json {
  const out: Json = {}
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue
    out[key] = v
  }
  return out
}
