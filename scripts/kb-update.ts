// `npm run kb:update FILE...`: rebuilds the bundled knowledge base in kb/ from MITRE's files
// (CWE XML or JSON, CAPEC and ATT&CK STIX 2.1 bundles) and regenerates the modules that ship it.
// Deterministic: the same files give byte-identical output. Built and run by scripts/kb-update.mjs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderBundledModules } from '../src/core/kb/bundled.js'
import {
  CATALOGUE_KINDS,
  EXTRACT_FILES,
  parseExtract,
  readCatalogueFile,
  renderExtract,
  type CatalogueExtract,
  type CatalogueKind
} from '../src/core/kb/extract.js'

const USAGE = `Usage: npm run kb:update -- FILE... [--out DIR]

FILE is one of MITRE's catalogue files: the CWE XML (cwec_v4.x.xml, or raw/cwe-archive.xml of the
cwe-sdk package) or its JSON form (raw/cwe-archive.json), the CAPEC STIX 2.1 bundle
(capec/2.1/stix-capec.json) or the ATT&CK Enterprise STIX 2.1 bundle (enterprise-attack.json).
The catalogues given replace those in DIR (default kb/); the others are kept. The bundled modules
in src/core/kb/ are regenerated from DIR.`

function main(argv: string[]): number {
  const files: string[] = []
  let out = 'kb'
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE)
      return 0
    }
    if (arg === '--out') {
      const value = argv[++i]
      if (value === undefined) return usage('--out needs a folder')
      out = value
    } else if (arg.startsWith('-')) return usage(`unknown option ${arg}`)
    else files.push(arg)
  }
  if (files.length === 0) return usage('give at least one catalogue file')
  const read = new Map<CatalogueKind, { file: string; extract: CatalogueExtract }>()
  let failed = false
  for (const file of files) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      console.error(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
      failed = true
      continue
    }
    const result = readCatalogueFile(file, text)
    for (const p of result.problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`)
    if (!result.extract || result.problems.some((p) => p.severity === 'error')) {
      failed = true
      continue
    }
    const kind = result.extract.catalogue
    const earlier = read.get(kind)
    if (earlier) return usage(`${file} and ${earlier.file} are both ${kind} catalogues; give one of each`)
    read.set(kind, { file, extract: result.extract })
  }
  if (failed) return 1
  for (const [kind, { file, extract }] of read) {
    writeFileSync(join(out, EXTRACT_FILES[kind]), renderExtract(extract))
    const date = extract.released ?? 'release date not stated'
    console.log(
      `${join(out, EXTRACT_FILES[kind])}: ${extract.title} ${extract.version ?? '(version not stated)'}, ${date}, ${extract.entries.length} entries from ${file}`
    )
  }
  const extracts = {} as Record<CatalogueKind, CatalogueExtract>
  for (const kind of CATALOGUE_KINDS) {
    const path = join(out, EXTRACT_FILES[kind])
    if (!existsSync(path)) {
      console.error(`${path} is missing: give the ${kind} catalogue too`)
      return 1
    }
    const parsed = parseExtract(readFileSync(path, 'utf8'), path)
    if (!parsed.extract) {
      for (const p of parsed.problems) console.error(`${p.file}: ${p.message}`)
      return 1
    }
    extracts[kind] = parsed.extract
  }
  if (out === 'kb') {
    const modules = renderBundledModules(extracts)
    writeFileSync('src/core/kb/bundled-catalogues.generated.ts', modules.catalogues)
    writeFileSync('src/core/kb/bundled-release.generated.ts', modules.releases)
    console.log('src/core/kb/bundled-catalogues.generated.ts and bundled-release.generated.ts regenerated')
  }
  return 0
}

function usage(message: string): number {
  console.error(`kb:update: ${message}\n\n${USAGE}`)
  return 2
}

process.exitCode = main(process.argv.slice(2))
