// The simulation worker thread's whole program (built into a small bundle that dist/cli.js and
// dist/index.js carry as text): it serves the risk engine's batches and nothing else.
import { serveSimulations } from './adapters/review/simulation-serve.js'

serveSimulations()
