import type { Finding } from '../findings.js'
import { sha256Hex } from './sha256.js'

/**
 * Version tag mixed into every fingerprint; bump it only on purpose, because a new value makes
 * code scanning and GitLab treat every existing finding as fixed and re-opened.
 */
const FINGERPRINT_SCHEME = 'threatloop-finding-v1'

/**
 * Stable fingerprint of a finding: SHA-256 (hex) of rule id, model id and element ids — never the
 * line or the file path, so moving an element or renaming the file keeps the alert's identity.
 */
export function findingFingerprint(finding: Pick<Finding, 'ruleId' | 'modelId' | 'elementIds'>): string {
  // NUL separators cannot occur in ids, so distinct tuples never produce the same input.
  return sha256Hex([FINGERPRINT_SCHEME, finding.ruleId, finding.modelId, ...finding.elementIds].join('\u0000'))
}
