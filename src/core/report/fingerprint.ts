import type { Finding } from '../findings.js'
import { sha256Hex } from '../encoding/sha256.js'

/**
 * Version tag mixed into every fingerprint; bump it only on purpose, because a new value makes
 * code scanning and GitLab treat every existing finding as fixed and re-opened.
 * v2 added the model file's path (v1 collided when two files declared the same model id).
 */
const FINGERPRINT_SCHEME = 'threatloop-finding-v2'

/**
 * Stable fingerprint of a finding: SHA-256 (hex) of the model file's repository path, rule id,
 * model id and element ids — never the line, the message or the severity, so moving an element or
 * rewording a rule keeps the alert's identity, and the same finding in a copied model (same model
 * id, other file) gets its own.
 */
export function findingFingerprint(finding: Pick<Finding, 'file' | 'ruleId' | 'modelId' | 'elementIds'>): string {
  // NUL separators cannot occur in paths or ids, so distinct tuples never produce the same input.
  return sha256Hex(
    [FINGERPRINT_SCHEME, repositoryPath(finding.file), finding.ruleId, finding.modelId, ...finding.elementIds].join('\u0000')
  )
}

/** A repository-relative path in one spelling: forward slashes, no leading `./`. */
export function repositoryPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
}
