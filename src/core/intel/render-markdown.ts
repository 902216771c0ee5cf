// The intel report for people: what to change in which model, why, and the YAML to paste.
import { codeSpan, escapeInline, escapeTableCell } from '../render/escape.js'
import type { EvidenceRef, IntelReport, Proposal } from './types.js'

const MAX_ROWS = 100

export function renderIntelMarkdown(report: IntelReport, options: { heading?: string } = {}): string {
  const out: string[] = [`## ${options.heading ?? 'Threat intelligence update'}`, '']
  out.push(
    `Evidence from the last ${report.windowDays} days up to ${report.today}${report.knowledgeBase.attack ? `, ATT&CK ${escapeInline(report.knowledgeBase.attack)}` : ''}.`,
    ''
  )
  if (report.proposals.length === 0 && report.unmodelled.length === 0 && report.vulnerable.length === 0)
    out.push(
      'No proposals: the evidence raises no likelihood, every sighted technique is modelled and no component has a known advisory.',
      ''
    )

  if (report.proposals.length > 0) {
    out.push(`### Proposed changes (${report.proposals.length})`, '')
    for (const p of report.proposals.slice(0, MAX_ROWS)) {
      out.push(
        `- **${escapeInline(p.modelId)}** · threat ${codeSpan(p.threatId)} · ${codeSpan(p.field)}: ${showValue(p.from)} → **${showValue(p.to)}**`
      )
      out.push(`  ${escapeInline(p.reason, 1000)}.`)
      out.push(`  Evidence: ${p.evidence.map(showEvidence).join('; ')}`)
      out.push('', indent(yamlBlock(p), '  '), '')
    }
    if (report.proposals.length > MAX_ROWS) out.push(`${report.proposals.length - MAX_ROWS} more proposals are in the JSON report.`, '')
  }
  if (report.unmodelled.length > 0) {
    out.push(`### Techniques seen that no threat covers (${report.unmodelled.length})`, '')
    out.push('| Technique | Name | Count | Last seen | Evidence |', '|---|---|---:|---|---|')
    for (const u of report.unmodelled.slice(0, MAX_ROWS)) {
      out.push(
        `| ${codeSpan(u.technique)} | ${u.name ? escapeTableCell(u.name) : 'not in the catalogue'} | ${u.count} | ${u.evidence[0]?.lastSeen ?? 'unknown'} | ${escapeTableCell(u.evidence.map((e) => `${e.kind} ${e.id}`).join(', '), 300)} |`
      )
    }
    out.push(
      '',
      'To model one, add a threat that lists the technique, for example:',
      '',
      fence(
        [
          'threats:',
          ...report.unmodelled
            .slice(0, 3)
            .flatMap((u) => [
              `  - id: ${yamlScalar(`T-${u.technique}`)}`,
              `    title: ${yamlScalar(u.name ?? u.technique)}`,
              `    references: { attack: [${u.technique}] }`
            ])
        ].join('\n'),
        'yaml'
      ),
      ''
    )
  }
  if (report.vulnerable.length > 0) {
    out.push(`### Components with known advisories (${report.vulnerable.length})`, '')
    out.push('| Model | Component | Package | Advisory | Severity | CWE | Fixed in |', '|---|---|---|---|---|---|---|')
    let rows = 0
    for (const v of report.vulnerable) {
      for (const a of v.advisories) {
        if (++rows > MAX_ROWS) break
        const aliases = a.aliases.length > 0 ? ` (${a.aliases.slice(0, 3).join(', ')})` : ''
        out.push(
          `| ${escapeTableCell(v.modelId)} | ${codeSpan(v.component)} | ${codeSpan(v.purl)} | ${escapeTableCell(a.id + aliases)} | ${escapeTableCell(a.severity ?? 'unknown')} | ${escapeTableCell(a.cwe.join(', ') || 'none stated')} | ${escapeTableCell(a.fixed.join(', ') || 'no fix listed')} |`
        )
      }
    }
    out.push('')
  }
  if (report.problems.length > 0) {
    out.push('### Problems in the inputs', '')
    for (const p of report.problems.slice(0, 50))
      out.push(`- ${codeSpan(`${p.file}:${p.line}:${p.column}`, 300)} ${p.severity}: ${escapeInline(p.message, 1000)}`)
    out.push('')
  }
  if (report.warnings.length > 0) {
    out.push('### Warnings', '')
    for (const w of report.warnings.slice(0, 50)) out.push(`- ${escapeInline(w, 1000)}`)
    out.push('')
  }
  return out.join('\n')
}

function showValue(value: unknown): string {
  if (value === null || value === undefined) return '_not set_'
  if (typeof value === 'string') return codeSpan(value)
  return codeSpan(flowMapping(value))
}

function showEvidence(e: EvidenceRef): string {
  return `${e.kind} ${codeSpan(e.id, 120)} ×${e.count}${e.lastSeen ? `, last seen ${e.lastSeen}` : ''}`
}

/** The change as YAML to paste into the threat (the field path under the threat). */
function yamlBlock(p: Proposal): string {
  const value = typeof p.to === 'string' ? yamlScalar(p.to) : flowMapping(p.to)
  const path = p.field.split('.')
  const lines = [`# ${oneLine(p.file)}: threat ${oneLine(p.threatId)}`]
  path.forEach((key, depth) => lines.push(`${'  '.repeat(depth)}${key}:${depth === path.length - 1 ? ` ${value}` : ''}`))
  return fence(lines.join('\n'), 'yaml')
}

function flowMapping(value: unknown): string {
  if (typeof value !== 'object' || value === null) return yamlScalar(String(value))
  return `{ ${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? String(v) : yamlScalar(String(v))}`)
    .join(', ')} }`
}

function yamlScalar(text: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/.test(text) && !/^(true|false|null|yes|no|on|off)$/i.test(text)
    ? text
    : JSON.stringify(oneLine(text))
}

/** A code fence longer than any backtick run in the content, so feed or model text cannot close it. */
function fence(content: string, info: string): string {
  let longest = 2
  for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const marks = '`'.repeat(longest + 1)
  return `${marks}${info}\n${content}\n${marks}`
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are removed on purpose
  return text.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, ' ').slice(0, 300)
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n')
}
