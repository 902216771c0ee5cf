/**
 * One GitLab "instance" on 127.0.0.1 for gitlab-ci-local: git over smart HTTP (git http-backend)
 * for the projects a pipeline includes from, raw files (`/-/raw/<ref>/<path>`, used by
 * `include: remote:`), the repository files API and generic packages, and everything else of
 * `/api/v4` forwarded to the fake GitLab (notes, issues, labels). gitlab-ci-local derives
 * CI_SERVER_FQDN and CI_API_V4_URL from the project's `origin` remote, so one port serves it all.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { FakeGitLab } from '../fakes/gitlab-server.js'

export interface GitLabInstance {
  url: string
  /** `127.0.0.1:<port>`, what CI_SERVER_FQDN is. */
  fqdn: string
  /** Creates an empty bare project `group/name` that accepts pushes over HTTP; returns its clone URL. */
  createProject(path: string, id: number): string
  /** Generic packages: `project/package/version/file` → bytes. */
  packages: Map<string, Buffer>
  /** `METHOD path` of every request this front handled itself (git, raw, packages). */
  handled: string[]
  close(): Promise<void>
}

const JOB_TOKEN = 'ci-job-token'

export async function startGitLabInstance(fake: FakeGitLab, root: string): Promise<GitLabInstance> {
  const projects = new Map<string, { id: number; dir: string }>()
  const packages = new Map<string, Buffer>()
  const handled: string[] = []
  const projectOf = (idOrPath: string) => {
    const decoded = decodeURIComponent(idOrPath)
    for (const [path, project] of projects) if (decoded === path || decoded === String(project.id)) return { path, ...project }
    return undefined
  }
  const gitShow = (dir: string, ref: string, file: string): Buffer | undefined => {
    try {
      return execFileSync('git', ['--git-dir', dir, 'show', `${ref}:${file}`], {
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 64 * 1024 * 1024
      })
    } catch {
      return undefined
    }
  }
  const reply = (res: ServerResponse, status: number, body: string | Buffer, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type })
    res.end(body)
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const path = url.pathname
    const git = /^\/(.+?)\.git(\/.*)$/.exec(path)
    if (git && projects.has(git[1])) {
      handled.push(`${req.method} ${path}`)
      return void gitBackend(req, res, root, `/${git[1]}.git${git[2]}`, url.search.slice(1))
    }
    const raw = /^\/(.+?)\/-\/raw\/([^/]+)\/(.+)$/.exec(path)
    if (raw && req.method === 'GET' && projects.has(raw[1])) {
      handled.push(`${req.method} ${path}`)
      const body = gitShow(projects.get(raw[1])!.dir, decodeURIComponent(raw[2]), decodeURIComponent(raw[3]))
      return body ? reply(res, 200, body, 'text/plain') : reply(res, 404, '{"message":"404 Not Found"}')
    }
    const files = /^\/api\/v4\/projects\/([^/]+)\/repository\/files\/([^/]+)\/raw$/.exec(path)
    if (files && projectOf(files[1])) {
      handled.push(`${req.method} ${path}`)
      const body = gitShow(projectOf(files[1])!.dir, url.searchParams.get('ref') ?? 'HEAD', decodeURIComponent(files[2]))
      return body ? reply(res, 200, body, 'text/plain') : reply(res, 404, '{"message":"404 File Not Found"}')
    }
    const pkg = /^\/api\/v4\/projects\/([^/]+)\/packages\/generic\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path)
    if (pkg && projectOf(pkg[1])) {
      handled.push(`${req.method} ${path}`)
      const key = [projectOf(pkg[1])!.path, pkg[2], pkg[3], pkg[4]].map(decodeURIComponent).join('/')
      if (req.headers['job-token'] !== JOB_TOKEN && req.headers['private-token'] === undefined)
        return reply(res, 401, '{"message":"401 Unauthorized"}')
      if (req.method === 'GET')
        return packages.has(key)
          ? reply(res, 200, packages.get(key)!, 'application/octet-stream')
          : reply(res, 404, '{"message":"404 Package Not Found"}')
      if (req.method === 'PUT') {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          packages.set(key, Buffer.concat(chunks))
          reply(res, 201, '{"message":"201 Created"}')
        })
        return
      }
    }
    forward(req, res, fake.url)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    fqdn: `127.0.0.1:${port}`,
    packages,
    handled,
    createProject(path: string, id: number): string {
      const dir = join(root, `${path}.git`)
      mkdirSync(dir, { recursive: true })
      execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', dir])
      for (const [key, value] of [
        ['http.receivepack', 'true'],
        ['uploadpack.allowFilter', 'true'],
        ['uploadpack.allowAnySHA1InWant', 'true']
      ])
        execFileSync('git', ['--git-dir', dir, 'config', key, value])
      projects.set(path, { id, dir })
      return `${url}/${path}.git`
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** Smart HTTP through `git http-backend` (CGI): request in on stdin, headers and body out on stdout. */
function gitBackend(req: IncomingMessage, res: ServerResponse, root: string, pathInfo: string, query: string): void {
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REMOTE_USER: 'release-bot',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: pathInfo,
      QUERY_STRING: query,
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: (req.headers['git-protocol'] as string | undefined) ?? ''
    }
  })
  req.pipe(child.stdin)
  let head = Buffer.alloc(0)
  let headersDone = false
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) return void res.write(chunk)
    head = Buffer.concat([head, chunk])
    const end = head.indexOf('\r\n\r\n')
    if (end === -1) return
    headersDone = true
    let status = 200
    const headers: Record<string, string> = {}
    for (const line of head.subarray(0, end).toString().split('\r\n')) {
      const colon = line.indexOf(':')
      const name = line.slice(0, colon).trim()
      const value = line.slice(colon + 1).trim()
      if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0])
      else headers[name] = value
    }
    res.writeHead(status, headers)
    res.write(head.subarray(end + 4))
  })
  child.on('close', () => res.end())
}

function forward(req: IncomingMessage, res: ServerResponse, target: string): void {
  const upstream = request(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers)
    answer.pipe(res)
  })
  upstream.on('error', () => {
    res.writeHead(502)
    res.end()
  })
  req.pipe(upstream)
}
