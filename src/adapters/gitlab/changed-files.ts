import type { GitLabClient } from './gitlab-client.js'

/** The fields of GitLab's merge request diff entity this adapter reads. */
interface DiffEntity {
  old_path: string
  new_path: string
}

/** Every path `GET /projects/:id/merge_requests/:iid/diffs` lists, over all pages, sorted. */
export async function mergeRequestDiffPaths(client: GitLabClient, target: { projectId: string; iid: number }): Promise<string[]> {
  const { items } = await client.list<DiffEntity>(`/projects/${encodeURIComponent(target.projectId)}/merge_requests/${target.iid}/diffs`)
  const files = new Set<string>()
  for (const diff of items) {
    if (typeof diff.new_path === 'string') files.add(diff.new_path)
    if (typeof diff.old_path === 'string') files.add(diff.old_path)
  }
  return [...files].sort()
}

/**
 * Every path `GET /projects/:id/repository/compare?from=&to=` lists between two commits (from their
 * merge base, as GitLab compares by default), for pipelines whose clone cannot tell. One request:
 * the comparison is not paginated.
 */
export async function comparedPaths(client: GitLabClient, target: { projectId: string; from: string; to: string }): Promise<string[]> {
  const { data } = await client.request<{ diffs?: DiffEntity[] }>(
    'GET',
    `/projects/${encodeURIComponent(target.projectId)}/repository/compare`,
    {
      query: { from: target.from, to: target.to }
    }
  )
  const files = new Set<string>()
  for (const diff of data?.diffs ?? []) {
    if (typeof diff.new_path === 'string') files.add(diff.new_path)
    if (typeof diff.old_path === 'string') files.add(diff.old_path)
  }
  return [...files].sort()
}
