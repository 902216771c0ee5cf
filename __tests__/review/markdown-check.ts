// Checks rendered review Markdown the way GitHub reads it: a GitHub-flavoured Markdown lexer
// (marked) for tables and <details>, and Mermaid's own parser for the diagrams.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { Lexer, type Token, type Tokens } from 'marked'

/** What the GFM lexer sees in a rendered comment. */
export interface GfmFacts {
  tables: { header: number; rows: number[] }[]
  mermaid: string[]
  /** Paragraph lines that start with `|`: a table that GFM did not recognise. */
  brokenTables: string[]
  detailsOpen: number
  detailsClose: number
}

function walk(tokens: readonly Token[], facts: GfmFacts): void {
  for (const token of tokens) {
    if (token.type === 'table') {
      const table = token as Tokens.Table
      facts.tables.push({ header: table.header.length, rows: table.rows.map((r) => r.length) })
    } else if (token.type === 'code' && (token as Tokens.Code).lang === 'mermaid') {
      facts.mermaid.push((token as Tokens.Code).text)
    } else if (token.type === 'paragraph') {
      for (const line of (token as Tokens.Paragraph).raw.split('\n')) if (line.startsWith('|')) facts.brokenTables.push(line)
    }
    if (token.type === 'html' || token.type === 'paragraph' || token.type === 'text') {
      facts.detailsOpen += (token.raw.match(/<details[ >]/g) ?? []).length
      facts.detailsClose += (token.raw.match(/<\/details>/g) ?? []).length
    }
    const nested = (token as { tokens?: Token[] }).tokens
    if (nested && token.type !== 'paragraph' && token.type !== 'text') walk(nested, facts)
    if (token.type === 'list') for (const item of (token as Tokens.List).items) walk(item.tokens, facts)
  }
}

/** Lexes Markdown with GitHub-flavoured rules (tables, strikethrough) and collects its structure. */
export function gfmFacts(markdown: string): GfmFacts {
  const facts: GfmFacts = { tables: [], mermaid: [], brokenTables: [], detailsOpen: 0, detailsClose: 0 }
  walk(new Lexer({ gfm: true }).lex(markdown), facts)
  return facts
}

/** Structure errors a GFM reader would see: ragged tables, tables not recognised, unbalanced details. */
export function gfmProblems(markdown: string): string[] {
  const facts = gfmFacts(markdown)
  const problems: string[] = []
  facts.tables.forEach((t, i) =>
    t.rows.forEach((n, r) => n !== t.header && problems.push(`table ${i + 1} row ${r + 1}: ${n} cells, header has ${t.header}`))
  )
  for (const line of facts.brokenTables) problems.push(`not a table: ${line.slice(0, 80)}`)
  if (facts.detailsOpen !== facts.detailsClose) problems.push(`${facts.detailsOpen} <details> opened, ${facts.detailsClose} closed`)
  return problems
}

/**
 * Parses Mermaid diagrams with Mermaid's own parser in a separate Node process (mermaid-parse.mjs):
 * Mermaid needs a DOM even to parse, and a DOM inside Jest's test globals does not survive its
 * clean-up. Returns one error message per diagram, null where it parses.
 */
export function parseMermaid(texts: readonly string[]): (string | null)[] {
  if (texts.length === 0) return []
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('./mermaid-parse.mjs', import.meta.url))], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    timeout: 120_000
  })
  if (result.status !== 0) throw new Error(`mermaid-parse.mjs failed: ${result.stderr.slice(0, 1000)}`)
  return JSON.parse(result.stdout) as (string | null)[]
}
