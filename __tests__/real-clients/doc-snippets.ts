/** The fenced YAML blocks of the documentation, with where they are, for the real-client tests. */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Snippet {
  /** `file:line` of the opening fence. */
  where: string
  file: string
  text: string
}

/** Markdown files users read: the README, docs/, the GitLab component's README. */
export function documentationFiles(): string[] {
  const docs = readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name))
  return ['README.md', 'gitlab/README.md', ...docs].sort()
}

/** Every ```yaml / ```yml block of a Markdown file. */
export function yamlSnippets(file: string): Snippet[] {
  const lines = readFileSync(file, 'utf8').split('\n')
  const out: Snippet[] = []
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i])) continue
    const start = i
    const body: string[] = []
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i])
    out.push({ where: `${file}:${start + 1}`, file, text: body.join('\n') + '\n' })
  }
  return out
}

/** What a snippet is, from its top-level keys. */
export type SnippetKind = 'github-workflow' | 'gitlab-ci' | 'other'

export function kindOf(snippet: Snippet): SnippetKind {
  const top = new Set([...snippet.text.matchAll(/^([A-Za-z_$"'][^:\n]*):/gm)].map((m) => m[1].replace(/^["']|["']$/g, '')))
  if (top.has('jobs') && (top.has('on') || top.has('name'))) return 'github-workflow'
  if (top.has('include') || /^\s+script:/m.test(snippet.text)) return 'gitlab-ci'
  return 'other'
}

export function allSnippets(): Snippet[] {
  return documentationFiles().flatMap(yamlSnippets)
}
