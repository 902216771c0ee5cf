import type { ModelDocument, Mitigation, Threat } from '../../src/core/model/schema.js'

/** A small model exercising every input layer: FAIR (both frequency forms, secondary loss, 90 % intervals), imports, qualitative, unrated. */
export function riskModel(iterations = 4000): ModelDocument {
  const threats: Threat[] = [
    {
      id: 'T-042',
      title: 'SQL injection in orders API',
      category: 'tampering',
      risk: {
        fair: {
          confidence: 'medium',
          tef: { min: 2, likely: 6, max: 24 },
          vulnerability: { min: 0.05, likely: 0.15, max: 0.4 },
          loss: {
            primary: { response: { min: 5000, likely: 20000, max: 150000 }, productivity: { min: 0, likely: 10000, max: 200000 } },
            secondary: {
              probability: { min: 0.1, likely: 0.3, max: 0.6 },
              fines_judgements: { p5: 50000, p95: 3000000 },
              reputation: { min: 0, likely: 100000, max: 2000000 }
            }
          }
        }
      }
    },
    {
      id: 'T-010',
      title: 'Session fixation',
      likelihood: 'high',
      impact: 'medium'
    },
    {
      id: 'T-020',
      title: 'Token replay',
      risk: { likelihood: 'medium', impact: 'high' }
    },
    {
      id: 'T-030',
      title: 'Deserialisation RCE',
      risk: { cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }
    },
    {
      id: 'T-031',
      title: 'Admin panel brute force',
      risk: {
        owasp: {
          skill: 6,
          motive: 4,
          opportunity: 7,
          size: 9,
          discovery: 7,
          exploit: 5,
          awareness: 6,
          detection: 8,
          confidentiality: 6,
          integrity: 3,
          availability: 1,
          accountability: 7
        }
      }
    },
    {
      id: 'T-032',
      title: 'Cache poisoning',
      risk: { threagile: { likelihood: 'likely', impact: 'high' } }
    },
    { id: 'T-033', title: 'Log injection', risk: { bugbar: 'moderate' } },
    {
      id: 'T-034',
      title: 'Clickjacking',
      risk: { dread: { damage: 3, reproducibility: 8, exploitability: 7, affected_users: 4, discoverability: 9 } }
    },
    {
      id: 'T-050',
      title: 'Insider exfiltration',
      risk: {
        fair: {
          tef: { min: 0.5, likely: 1, max: 4 },
          vulnerability: { threat_capability: { min: 40, likely: 60, max: 90 }, resistance_strength: { min: 50, likely: 70, max: 85 } },
          loss: { primary: { replacement: { p5: 10000, p95: 400000 } } }
        }
      }
    },
    { id: 'T-060', title: 'Unrated idea' },
    { id: 'T-070', title: 'Retired feature abuse', likelihood: 'very-high', impact: 'very-high', status: 'not-applicable' }
  ]
  const mitigations: Mitigation[] = [
    {
      id: 'M-7',
      title: 'WAF SQLi ruleset',
      status: 'implemented',
      roadmap: 'short',
      effects: [{ threat: 'T-042', reduces: 'vulnerability', by: { min: 0.4, likely: 0.7, max: 0.9 } }]
    },
    {
      id: 'M-8',
      title: 'Rotate session on login',
      status: 'planned',
      roadmap: 'short',
      effects: [{ threat: 'T-010', reduces: 'lef', strength: 'strong' }]
    },
    {
      id: 'M-9',
      title: 'DPoP',
      status: 'planned',
      roadmap: 'mid',
      effects: [{ threat: 'T-020', reduces: 'lef', by: { min: 0.5, likely: 0.8, max: 0.95 } }]
    },
    {
      id: 'M-10',
      title: 'Incident response retainer',
      status: 'existing',
      effects: [{ threat: 'T-042', reduces: 'loss', strength: 'weak' }]
    },
    {
      id: 'M-11',
      title: 'DLP',
      status: 'planned',
      roadmap: 'long',
      effects: [{ threat: 'T-050', reduces: 'primary', by: { min: 0.1, likely: 0.3, max: 0.5 } }]
    },
    { id: 'M-12', title: 'Brainstormed control', status: 'proposed', effects: [{ threat: 'T-020', reduces: 'tef', strength: 'maximum' }] }
  ]
  return {
    threatloop: 1,
    model: { id: 'risk-fixture', title: 'Risk fixture' },
    threats,
    mitigations,
    risk: { seed: 20240601, iterations }
  }
}
