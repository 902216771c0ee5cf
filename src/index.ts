import { run } from './adapters/github/action.js'

await run()
