import type { ChangeDiagram, DiagramEdge, DiagramState } from '../review/change-diagram.js'
import { escapeMermaidLabel, mermaidId } from './escape.js'

const CLASS_STYLES: Record<DiagramState, string> = {
  added: 'fill:#d4f7dc,stroke:#1a7f37,color:#0b3d1a',
  removed: 'fill:#ffd8d3,stroke:#cf222e,color:#5c0a0a,stroke-dasharray:4 3',
  changed: 'fill:#fff1c2,stroke:#bf8700,color:#4d3800',
  context: 'fill:#f0f0f0,stroke:#8c959f,color:#57606a'
}
const EDGE_COLOURS: Record<DiagramState, string> = { added: '#1a7f37', removed: '#cf222e', changed: '#bf8700', context: '#8c959f' }

/** Shapes by component type: datastores as cylinders, users and externals as rounded boxes. */
function shape(type: string, label: string): string {
  if (type === 'datastore') return `[("${label}")]`
  if (type === 'user' || type === 'external') return `(["${label}"])`
  if (type === 'queue') return `[/"${label}"/]`
  return `["${label}"]`
}

/** A flow's label: protocol and data, then what changed about it that matters. */
function edgeLabel(edge: DiagramEdge): string {
  const parts = [edge.label]
  if (edge.encryption === 'lost') parts.push('now unencrypted')
  if (edge.encryption === 'gained') parts.push('now encrypted')
  const notes = edge.notes ?? []
  if (notes.length > 0) parts.push(`⚠ ${notes[0]}${notes.length > 1 ? ` +${notes.length - 1}` : ''}`)
  return parts.join(' · ')
}

/** Renders a change diagram as a Mermaid flowchart: added green, removed red, changed amber, context grey. */
export function renderMermaid(diagram: ChangeDiagram): string {
  const lines = ['flowchart LR']
  const byZone = new Map<string | null, typeof diagram.nodes>()
  for (const node of diagram.nodes) {
    const list = byZone.get(node.zone) ?? []
    list.push(node)
    byZone.set(node.zone, list)
  }
  const nodeLine = (node: (typeof diagram.nodes)[number], indent: string): string => {
    const marker = node.state === 'added' ? '+ ' : node.state === 'removed' ? '− ' : node.state === 'changed' ? '~ ' : ''
    return `${indent}${mermaidId('c', node.id)}${shape(node.type, escapeMermaidLabel(marker + node.label))}:::${node.state}`
  }
  for (const zone of diagram.zones) {
    const trust = zone.trust === null ? '' : ` (trust ${zone.trust})`
    lines.push(`  subgraph ${mermaidId('z', zone.id)}["${escapeMermaidLabel(zone.label + trust)}"]`)
    for (const node of byZone.get(zone.id) ?? []) lines.push(nodeLine(node, '    '))
    lines.push('  end')
  }
  for (const node of byZone.get(null) ?? []) lines.push(nodeLine(node, '  '))
  diagram.edges.forEach((edge) => {
    const arrow = edge.state === 'removed' ? '-.->' : edge.state === 'added' ? '==>' : '-->'
    lines.push(`  ${mermaidId('c', edge.from)} ${arrow}|"${escapeMermaidLabel(edgeLabel(edge), 90)}"| ${mermaidId('c', edge.to)}`)
  })
  diagram.edges.forEach((edge, index) => {
    const flagged = (edge.notes?.length ?? 0) > 0 || edge.encryption === 'lost'
    if (edge.state === 'context' && !flagged) return
    const dash = edge.encryption === 'lost' ? ',stroke-dasharray:6 4' : ''
    lines.push(`  linkStyle ${index} stroke:${EDGE_COLOURS[edge.state]},stroke-width:${flagged ? 4 : 2}px${dash}`)
  })
  for (const [state, style] of Object.entries(CLASS_STYLES)) lines.push(`  classDef ${state} ${style}`)
  return lines.join('\n')
}
