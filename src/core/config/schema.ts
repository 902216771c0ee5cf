import { z } from 'zod'
import { GATE_CONDITIONS, ISSUE_MODES, isRepositoryPath } from '../domain.js'
import { SEVERITIES } from '../model/schema.js'

/**
 * Native models, and the file names the other tools' models conventionally have: OTM (`*.otm`,
 * `*.otm.json`), Threagile (`threagile.yaml`), Threat Composer exports (`*.tc.json`), Threat Dragon
 * (`*.threat-dragon.json`, its model folder) and TM-BOM files. Anything else is added with `models:`.
 */
export const DEFAULT_MODEL_GLOBS = [
  '**/*.threatmodel.{yaml,yml,json}',
  '**/threatmodel.{yaml,yml}',
  '**/*.otm',
  '**/*.otm.{json,yaml,yml}',
  '**/{threagile,*.threagile}.{yaml,yml}',
  '**/*.tc.json',
  '**/*.threat-dragon.json',
  '**/ThreatDragonModels/**/*.json',
  '**/*.tmbom.json'
] as const
/**
 * Broader names real models often have (`payments-threat-model.json`, `ThreatModel.json`, a Threat
 * Dragon file anywhere). Matched without regard to case, and only when `models:` is not configured;
 * content detection confirms them: a file that is not a threat model is skipped quietly.
 */
export const CONTENT_CONFIRMED_MODEL_GLOBS = [
  '**/*threat-model*.{json,yaml,yml}',
  '**/*threat_model*.{json,yaml,yml}',
  '**/*threatmodel*.json',
  '**/*threat-dragon*.json',
  '**/*threatdragon*.json',
  '**/threat-models/**/*.{json,yaml,yml}',
  '**/threatmodels/**/*.{json,yaml,yml}'
] as const
export const DEFAULT_IGNORE_GLOBS = ['**/node_modules/**', '**/.git/**', '**/dist/**'] as const

export { GATE_CONDITIONS, ISSUE_MODES } from '../domain.js'

const Glob = z.string().min(1).max(1000)
const RelativePath = z.string().min(1).max(1000).refine(isRepositoryPath, {
  error: 'expected a path inside the repository (relative, without `..`)'
})

/**
 * The repository configuration file `.threatloop.yaml`. Built on first use (`unwrap()`): most runs
 * have no configuration file, and the CLI's start is shorter without it.
 */
export const RepositoryConfig = z.lazy(() =>
  z.strictObject({
    $schema: z.string().optional(),
    /** Globs of model files, relative to the repository root. */
    models: z.array(Glob).optional(),
    /** Globs excluded from discovery. */
    ignore: z.array(Glob).optional(),
    rules: z
      .strictObject({
        /** Folders (in the repository) holding custom rule files, one rule per YAML file. */
        custom: z.array(RelativePath).optional(),
        /** Rule ids that are switched off. */
        disable: z.array(z.string()).optional(),
        /** New severities for rule ids. */
        severity: z.record(z.string(), z.enum(SEVERITIES)).optional(),
        /** Days after which a model's `reviewed` date is stale. */
        stale_after_days: z.number().int().positive().optional()
      })
      .optional(),
    knowledge_base: z
      .strictObject({
        /** MITRE CWE catalogue XML (as shipped in the cwe-sdk package or downloaded from MITRE). */
        cwe: RelativePath.optional(),
        /** CAPEC STIX 2.1 bundle. */
        capec: RelativePath.optional(),
        /** ATT&CK Enterprise STIX 2.1 bundle. */
        attack: RelativePath.optional()
      })
      .optional(),
    /** Operational evidence for `threatloop intel` (files in the repository) and OSV on/off. */
    intelligence: z
      .strictObject({
        /** STIX 2.1 bundles with sightings. */
        stix: z.array(RelativePath).max(100).optional(),
        /** Incident exports (CSV or JSON), with the column names when they differ from id, date, techniques, summary, count. */
        incidents: z
          .array(
            z.union([
              RelativePath,
              z.strictObject({
                path: RelativePath,
                columns: z
                  .strictObject({
                    id: z.string().min(1).max(200).optional(),
                    date: z.string().min(1).max(200).optional(),
                    techniques: z.string().min(1).max(200).optional(),
                    summary: z.string().min(1).max(200).optional(),
                    count: z.string().min(1).max(200).optional()
                  })
                  .optional()
              })
            ])
          )
          .max(100)
          .optional(),
        /** Query OSV for components whose technologies hold versioned purls. */
        osv: z.boolean().optional(),
        /** An OSV JSON export read instead of the OSV API (offline). */
        osv_file: RelativePath.optional(),
        /** Days of evidence counted (default 90). */
        window_days: z.number().int().min(1).max(3650).optional()
      })
      .optional(),
    gate: z
      .strictObject({
        fail_on: z.array(z.enum(GATE_CONDITIONS)).optional(),
        warn_on: z.array(z.enum(GATE_CONDITIONS)).optional()
      })
      .optional(),
    issues: z
      .strictObject({
        mode: z.enum(ISSUE_MODES).optional(),
        labels: z.array(z.string().min(1).max(50)).optional(),
        assign_owners: z.boolean().optional(),
        max_writes_per_run: z.number().int().min(0).max(500).optional(),
        /** A label on the issues of the `count` open mitigations of most value (per cost, then reduction); off by default. */
        top_value: z.strictObject({ label: z.string().min(1).max(50), count: z.number().int().min(1).max(100) }).optional()
      })
      .optional(),
    approvals: z
      .strictObject({
        /** Logins or teams (`org/team`) whose approving review a new or changed risk acceptance needs. */
        acceptance: z.array(z.string().min(1).max(200)).max(100).optional(),
        /** Logins or teams whose approving review a new or changed suppression of a high/critical finding needs. */
        suppression: z.array(z.string().min(1).max(200)).max(100).optional()
      })
      .optional(),
    value: z
      .strictObject({
        /** Years over which a one-off mitigation cost is spread when valuing mitigations (default 3). */
        amortisation_years: z.number().positive().max(50).optional()
      })
      .optional(),
    maturity: z
      .strictObject({
        /** Threshold overrides of the maturity checks by name, e.g. `mapping-percent: 90`. */
        thresholds: z.record(z.string(), z.number()).optional()
      })
      .optional(),
    risk: z
      .strictObject({
        iterations: z.number().int().min(1000).max(1000000).optional(),
        seed: z.number().int().min(0).max(4294967295).optional()
      })
      .optional()
  })
)
export type RepositoryConfig = z.infer<typeof RepositoryConfig>
