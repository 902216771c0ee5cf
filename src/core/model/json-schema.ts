import { z } from 'zod'
import {
  Acceptance,
  Actor,
  Asset,
  Assumption,
  CalendarDate,
  Component,
  Dataflow,
  FairInputs,
  Id,
  Incident,
  Mitigation,
  MitigationEffect,
  ModelDocument,
  ModelSection,
  OwaspRating,
  References,
  RiskSettings,
  Suppression,
  Threat,
  ThreatRisk,
  Zone
} from './schema.js'
import { RepositoryConfig } from '../config/schema.js'

/** The `$id` of the exported model schema; stable across releases of format version 1. */
export const MODEL_SCHEMA_ID = 'urn:threatloop:schema:threatmodel:1'
/** The `$id` of the exported `.threatloop.yaml` schema. */
export const CONFIG_SCHEMA_ID = 'urn:threatloop:schema:config:1'

type JsonObject = { [key: string]: JsonValue }
type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject

interface Definition {
  schema: z.ZodType
  title: string
  description: string
  /** Descriptions of the definition's properties, shown by editors on hover and completion. */
  properties?: Record<string, string>
}

// Named definitions become `$defs` entries, so editors show a title per element kind and the
// schema stays small (shared shapes such as ids are written once).
const MODEL_DEFINITIONS: Record<string, Definition> = {
  Id: {
    schema: Id,
    title: 'Element id',
    description: 'Letters, digits and . _ : / -, starting with a letter or digit; unique within the model.'
  },
  CalendarDate: { schema: CalendarDate, title: 'Date', description: 'A calendar date written YYYY-MM-DD.' },
  Model: {
    schema: ModelSection,
    title: 'Model',
    description: 'What the model describes and who owns it.',
    properties: {
      id: 'Stable id of the model; tracker issues and suppressions refer to it.',
      title: 'Human-readable name of the system.',
      owner: 'Team or person accountable for the model.',
      business: 'Business context: criticality, objectives, use cases.',
      standards: 'Standards the system follows, e.g. owasp-top10-2021, asvs-4.0.',
      templates: 'Reusable templates the model builds on.',
      reviewed: 'Date of the last full review (YYYY-MM-DD).'
    }
  },
  Zone: {
    schema: Zone,
    title: 'Trust zone',
    description: 'A trust boundary. Components live in zones; flows that cross zones cross a boundary.',
    properties: {
      trust: 'Trust level: 0 for untrusted (the internet), higher for more trusted.',
      parent: 'Id of the enclosing zone.'
    }
  },
  Asset: {
    schema: Asset,
    title: 'Asset',
    description: 'Data worth protecting.',
    properties: {
      classification: 'public, internal, confidential or restricted.',
      cia: 'Confidentiality, integrity and availability needs.'
    }
  },
  Component: {
    schema: Component,
    title: 'Component',
    description: 'A process, service, datastore, external system or user.',
    properties: {
      type: 'What kind of component this is.',
      zone: 'Id of the trust zone the component runs in.',
      technologies: 'Technologies, ideally as package URLs (pkg:npm/express@4.21.2).',
      internet_facing: 'Whether the internet can reach the component directly.',
      assets: 'Ids of the assets the component stores or processes.',
      lifecycle: 'Where the component is in its life.',
      parent: 'Id of the component this one is part of.'
    }
  },
  Dataflow: {
    schema: Dataflow,
    title: 'Data flow',
    description: 'Data moving from one component to another.',
    properties: {
      from: 'Id of the component the data leaves.',
      to: 'Id of the component the data reaches.',
      assets: 'Ids of the assets carried.',
      authentication: 'How the receiver authenticates the sender: none, session-cookie, oauth2, mtls, api-key, …',
      authorization: 'Whether (or how) the receiver checks what the sender may do.',
      encrypted: 'Whether the flow is encrypted in transit.'
    }
  },
  Actor: {
    schema: Actor,
    title: 'Threat actor',
    description: 'An attacker profile threats can name as their source.'
  },
  References: {
    schema: References,
    title: 'References',
    description: 'Catalogue ids: CWE weaknesses, CAPEC attack patterns, ATT&CK techniques, standards and links.'
  },
  OwaspRating: { schema: OwaspRating, title: 'OWASP risk rating', description: 'OWASP Risk Rating factors, each 0–9.' },
  FairInputs: {
    schema: FairInputs,
    title: 'FAIR inputs',
    description: 'Quantitative ranges: min/likely/max (beta-PERT) or p5/p95 (lognormal).'
  },
  ThreatRisk: {
    schema: ThreatRisk,
    title: 'Threat risk inputs',
    description: 'Qualitative ratings, an imported score, or FAIR ranges; see the risk specification.'
  },
  Acceptance: {
    schema: Acceptance,
    title: 'Risk acceptance',
    description: 'Who accepted the risk, why, and until when.'
  },
  Threat: {
    schema: Threat,
    title: 'Threat',
    description: 'Something that can go wrong, what it targets and what mitigates it.',
    properties: {
      category: 'STRIDE or LINDDUN category.',
      targets: 'Ids of the components, data flows, assets or zones the threat applies to.',
      source: 'Id of the threat actor behind the threat.',
      likelihood: 'Qualitative likelihood.',
      impact: 'Qualitative impact.',
      status: 'open, mitigated, accepted, transferred or not-applicable.',
      mitigations: 'Ids of the mitigations that address the threat.'
    }
  },
  MitigationEffect: {
    schema: MitigationEffect,
    title: 'Mitigation effect',
    description: 'How a mitigation changes one risk factor of one linked threat: exactly one of `by` or `strength`.',
    properties: {
      threat: 'Id of a threat that lists this mitigation.',
      reduces: 'The FAIR factor reduced.',
      by: 'Fractional reduction as a min/likely/max range between 0 and 1.',
      strength: 'Qualitative strength of the reduction.'
    }
  },
  Mitigation: {
    schema: Mitigation,
    title: 'Mitigation',
    description: 'A control, its status, roadmap horizon and how to verify it.',
    properties: {
      type: 'preventive, detective, corrective, deterrent, recovery or compensating.',
      status: 'Where the mitigation is: proposed … implemented, verified.',
      roadmap: 'Planned horizon: short, mid or long.',
      verification: 'A verifiable criterion that shows the mitigation works.',
      effects: 'Effects on the risk of linked threats.',
      detects: 'ATT&CK techniques a detective control detects.'
    }
  },
  Assumption: { schema: Assumption, title: 'Assumption', description: 'A statement the model relies on.' },
  Incident: {
    schema: Incident,
    title: 'Incident',
    description: 'What operations observed, fed back into the model.',
    properties: { techniques: 'ATT&CK techniques seen.', threats: 'Ids of the modelled threats the incident realised.' }
  },
  Suppression: {
    schema: Suppression,
    title: 'Suppression',
    description: 'A rule finding deliberately accepted, with a reason, an approver and an expiry.',
    properties: { rule: 'Id of the rule.', target: 'The model id or element ids the finding is about, joined with +.' }
  },
  RiskSettings: { schema: RiskSettings, title: 'Risk settings', description: 'Model-level risk engine configuration.' }
}

const MODEL_ROOT_PROPERTIES: Record<string, string> = {
  $schema: 'Optional schema reference for editors.',
  threatloop: 'Format version; this release reads 1.',
  model: 'What the model describes and who owns it.',
  zones: 'Trust zones.',
  assets: 'Data assets.',
  components: 'Processes, services, datastores, external systems and users.',
  dataflows: 'Data flows between components.',
  actors: 'Threat actors.',
  threats: 'Threats.',
  mitigations: 'Mitigations.',
  assumptions: 'Assumptions the model relies on.',
  incidents: 'Incidents observed in operation.',
  suppressions: 'Accepted rule findings.',
  risk: 'Risk engine settings.'
}

const CONFIG_ROOT_PROPERTIES: Record<string, string> = {
  $schema: 'Optional schema reference for editors.',
  models: 'Globs of model files, relative to the repository root.',
  ignore: 'Globs excluded from model discovery.',
  rules: 'Custom rule folders, disabled rules and severity overrides.',
  knowledge_base: 'Paths (in the repository) of the CWE, CAPEC and ATT&CK catalogues.',
  intelligence: 'Operational evidence for threatloop intel: STIX sightings, incident exports, OSV.',
  gate: 'Conditions that fail or warn the check.',
  issues: 'Tracker issue synchronisation.',
  maturity: 'Threshold overrides of the maturity checks.',
  risk: 'Risk engine iterations and seed.'
}

/** The JSON Schema (draft 2020-12) of the native model format, for editors and other tools. */
export function modelJsonSchema(): JsonObject {
  const registry = z.registry<{ id: string; title: string; description: string }>()
  for (const [id, definition] of Object.entries(MODEL_DEFINITIONS)) {
    registry.add(definition.schema, { id, title: definition.title, description: definition.description })
  }
  const generated = toJson(z.toJSONSchema(ModelDocument, { target: 'draft-2020-12', io: 'input', metadata: registry }))
  const defs = objectAt(generated, '$defs')
  for (const [id, definition] of Object.entries(MODEL_DEFINITIONS)) {
    if (definition.properties) describeProperties(objectAt(defs, id), definition.properties)
  }
  // zod cannot express "exactly one of" in JSON Schema; editors should still flag it.
  objectAt(defs, 'MitigationEffect').oneOf = [
    { properties: { by: true }, required: ['by'] },
    { properties: { strength: true }, required: ['strength'] }
  ]
  describeProperties(generated, MODEL_ROOT_PROPERTIES)
  return withHeader(generated, MODEL_SCHEMA_ID, 'Threatloop threat model', 'A threat model in Threatloop’s native format (threatloop: 1).')
}

/** The JSON Schema (draft 2020-12) of the repository configuration `.threatloop.yaml`. */
export function configJsonSchema(): JsonObject {
  const generated = toJson(z.toJSONSchema(RepositoryConfig, { target: 'draft-2020-12', io: 'input' }))
  describeProperties(generated, CONFIG_ROOT_PROPERTIES)
  return withHeader(generated, CONFIG_SCHEMA_ID, 'Threatloop repository configuration', 'The .threatloop.yaml file at the repository root.')
}

/** The schema as committed: two-space JSON with a trailing newline. */
export function formatJsonSchema(schema: JsonObject): string {
  return `${JSON.stringify(schema, null, 2)}\n`
}

function withHeader(schema: JsonObject, id: string, title: string, description: string): JsonObject {
  const { $schema, ...rest } = schema
  return { $schema, $id: id, title, description, ...rest }
}

function describeProperties(schema: JsonObject, descriptions: Record<string, string>): void {
  const properties = objectAt(schema, 'properties')
  for (const [name, description] of Object.entries(descriptions)) {
    const property = objectAt(properties, name)
    property.description = description
  }
}

function objectAt(parent: JsonObject, key: string): JsonObject {
  const value = parent[key]
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`generated JSON Schema has no object at \`${key}\`; the schema and its descriptions are out of step`)
  }
  return value
}

function toJson(value: unknown): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject
}
