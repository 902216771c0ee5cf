// Parses Mermaid diagrams with Mermaid's own parser, outside Jest: Mermaid needs a DOM even to
// parse (DOMPurify at import), given here by jsdom. Reads a JSON array of diagram texts on stdin,
// writes a JSON array of error messages (null when a diagram parses).
import { JSDOM } from 'jsdom'

const dom = new JSDOM('<!doctype html><html><body></body></html>')
globalThis.window = dom.window
globalThis.document = dom.window.document
const { default: mermaid } = await import('mermaid')
mermaid.initialize({ startOnLoad: false })

let input = ''
for await (const chunk of process.stdin) input += chunk
const results = []
for (const text of JSON.parse(input)) {
  try {
    await mermaid.parse(text)
    results.push(null)
  } catch (error) {
    results.push(String(error?.message ?? error).slice(0, 500))
  }
}
process.stdout.write(JSON.stringify(results))
