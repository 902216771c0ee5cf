import type { Finding } from '../../src/core/findings.js'
import { findingId } from '../../src/core/findings.js'
import type { RuleDescriptor } from '../../src/core/report/rule-descriptor.js'

/** A finding as the rules engine would produce it. */
export function makeFinding(ruleId: string, elementIds: string[], overrides: Partial<Finding> = {}): Finding {
  return {
    id: findingId(ruleId, elementIds),
    ruleId,
    title: `Title of ${ruleId}`,
    severity: 'high',
    message: `${ruleId} fired on ${elementIds.join(', ')}`,
    modelId: 'payments-api',
    file: 'models/payments-api.threatmodel.yaml',
    elementIds,
    position: { line: 42, column: 5 },
    ...overrides
  }
}

export const RULES: RuleDescriptor[] = [
  {
    id: 'unencrypted-confidential-flow',
    title: 'Unencrypted flow carries confidential data',
    severity: 'high',
    description: 'A data flow carrying confidential or restricted data is not encrypted in transit.',
    helpMarkdown: '**Why:** data in transit can be read.\n\n**Fix:** set `encrypted: true` and use TLS 1.2+.',
    helpText: 'Why: data in transit can be read. Fix: set encrypted: true and use TLS 1.2+.',
    cwe: ['CWE-319'],
    category: 'information-disclosure',
    tags: ['design-risk']
  },
  {
    id: 'threat-without-mitigation',
    title: 'Threat has no mitigation',
    severity: 'medium',
    description: 'An open threat lists no mitigation and is not accepted.',
    helpMarkdown: 'Link a mitigation or accept the threat.',
    helpText: 'Link a mitigation or accept the threat.',
    tags: ['model-quality']
  },
  {
    id: 'model-not-reviewed',
    title: 'Model not reviewed recently',
    severity: 'info',
    description: 'The model has not been reviewed within the configured number of days.',
    helpMarkdown: 'Review the model and update `reviewed`.',
    helpText: 'Review the model and update reviewed.'
  },
  {
    id: 'accepted-threat-expired',
    title: 'Accepted threat has expired',
    severity: 'critical',
    description: 'A risk acceptance is past its expiry date.',
    helpMarkdown: 'Renew or revoke the acceptance.',
    helpText: 'Renew or revoke the acceptance.'
  },
  {
    id: 'component-without-owner',
    title: 'Component has no owner',
    severity: 'low',
    description: 'A component names no owner.',
    helpMarkdown: 'Add `owner:`.',
    helpText: 'Add owner:.'
  }
]
