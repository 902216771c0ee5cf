export const id = 811;
export const ids = [811];
export const modules = {

/***/ 6811:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runAction: () => (/* binding */ runAction)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/adapters/github/client.ts + 6 modules
var github_client = __webpack_require__(2400);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
;// CONCATENATED MODULE: ./src/adapters/github/event.ts

const Sha = schemas/* string */.YjP().regex(/^[0-9a-f]{40}$/);
const RepoRef = schemas/* object */.Ikc({ full_name: schemas/* string */.YjP().optional(), fork: schemas/* boolean */.zMY().optional() }).nullish();
const PullRequestPayload = schemas/* object */.Ikc({
    pull_request: schemas/* object */.Ikc({
        number: schemas/* number */.aig().int().positive(),
        base: schemas/* object */.Ikc({ sha: Sha, ref: schemas/* string */.YjP(), repo: RepoRef }),
        head: schemas/* object */.Ikc({ sha: Sha, ref: schemas/* string */.YjP(), repo: RepoRef })
    }),
    repository: schemas/* object */.Ikc({ default_branch: schemas/* string */.YjP().optional(), html_url: schemas/* string */.YjP().optional() }).optional()
});
const PushPayload = schemas/* object */.Ikc({
    before: Sha.optional(),
    after: Sha.optional(),
    ref: schemas/* string */.YjP().optional(),
    repository: schemas/* object */.Ikc({ default_branch: schemas/* string */.YjP().optional(), master_branch: schemas/* string */.YjP().optional(), html_url: schemas/* string */.YjP().optional() }).optional()
});
const AnyPayload = schemas/* object */.Ikc({ repository: schemas/* object */.Ikc({ default_branch: schemas/* string */.YjP().optional(), html_url: schemas/* string */.YjP().optional() }).optional() });
const ZERO_SHA = /^0{40}$/;
const event_short = (sha) => sha.slice(0, 7);
/**
 * Reads the event: pull_request (base.sha → head.sha), push (before → after; an all-zero `before`
 * is a first push), workflow_dispatch and schedule (the current commit, no base). Returns a message
 * instead when the run cannot be understood.
 */
function readActionEvent(env, payload) {
    const name = env.GITHUB_EVENT_NAME ?? '';
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo)
        return { problem: 'GITHUB_REPOSITORY is not set (expected owner/repo); run the action inside a GitHub Actions workflow' };
    const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
    const any = AnyPayload.safeParse(payload);
    const repositoryUrl = (any.success ? any.data.repository?.html_url : undefined) ?? `${server}/${owner}/${repo}`;
    const defaultBranch = any.success ? any.data.repository?.default_branch : undefined;
    const ref = env.GITHUB_REF ?? '';
    const onDefault = defaultBranch !== undefined && ref === `refs/heads/${defaultBranch}`;
    const common = { name, owner, repo, repositoryUrl, defaultBranch };
    if (name === 'pull_request' || name === 'pull_request_target') {
        const parsed = PullRequestPayload.safeParse(payload);
        if (!parsed.success)
            return { problem: `the ${name} event payload has no pull_request with base.sha and head.sha (${parsed.error.issues[0]?.path.join('.') ?? 'payload'})` };
        const pr = parsed.data.pull_request;
        const baseName = pr.base.repo?.full_name;
        const headName = pr.head.repo?.full_name;
        const fork = pr.head.repo?.fork === true || (baseName !== undefined && headName !== undefined && baseName.toLowerCase() !== headName.toLowerCase());
        return {
            ...common,
            kind: 'pull_request',
            baseSha: pr.base.sha,
            baseLabel: `${pr.base.ref} (${event_short(pr.base.sha)})`,
            headSha: pr.head.sha,
            headLabel: `#${pr.number} ${pr.head.ref} (${event_short(pr.head.sha)})`,
            number: pr.number,
            fork,
            onDefaultBranch: false
        };
    }
    if (name === 'push') {
        const parsed = PushPayload.safeParse(payload);
        const data = parsed.success ? parsed.data : {};
        const after = data.after ?? env.GITHUB_SHA;
        if (!after || ZERO_SHA.test(after))
            return { problem: 'the push deleted the branch (after is all zeros); there is nothing to review' };
        const branch = (data.ref ?? ref).replace(/^refs\/heads\//, '');
        const before = data.before && !ZERO_SHA.test(data.before) ? data.before : null;
        return {
            ...common,
            kind: 'push',
            baseSha: before,
            baseLabel: before ? `${branch} before (${event_short(before)})` : 'nothing (first push)',
            headSha: after,
            headLabel: `${branch} (${event_short(after)})`,
            fork: false,
            onDefaultBranch: defaultBranch !== undefined && (data.ref ?? ref) === `refs/heads/${defaultBranch}`
        };
    }
    const sha = env.GITHUB_SHA;
    if (!sha)
        return { problem: `GITHUB_SHA is not set for the ${name || 'unknown'} event` };
    const branch = ref.replace(/^refs\/(heads|tags)\//, '');
    return { ...common, kind: 'full', baseSha: null, baseLabel: 'nothing (full review)', headSha: sha, headLabel: `${branch || 'HEAD'} (${event_short(sha)})`, fork: false, onDefaultBranch: onDefault };
}

// EXTERNAL MODULE: ./src/adapters/github/issue-sync.ts
var issue_sync = __webpack_require__(1257);
;// CONCATENATED MODULE: ./src/adapters/github/action-main.ts





async function readPayload(path) {
    if (!path)
        return {};
    try {
        return JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch {
        return {};
    }
}
/** Reports invalid inputs, or reviews the change of this event and reports it where GitHub shows it. */
async function runAction(env, read, early) {
    try {
        if (read.inputs?.token)
            core/* setSecret */.Pq(read.inputs.token);
        (0,github_client/* setClientWarningSink */.$s)((message) => core/* warning */.$e(message));
        if (!read.inputs) {
            for (const problem of read.problems)
                core/* error */.z3(problem);
            core/* setFailed */.C1(`Threatloop: ${read.problems.length} invalid input(s): ${read.problems.join('; ')}`);
            return;
        }
        await review(read.inputs, env, early);
    }
    catch (error) {
        core/* setFailed */.C1(`Threatloop failed: ${error instanceof Error ? error.message : String(error)}`);
    }
}
async function review(inputs, env, early) {
    const event = readActionEvent(env, await readPayload(env.GITHUB_EVENT_PATH));
    if ('problem' in event) {
        core/* setFailed */.C1(`Threatloop: ${event.problem}`);
        return;
    }
    // The early listing was made with these inputs; it counts when the event names the same repository.
    const reusable = early !== undefined && early.owner === event.owner && early.repo === event.repo;
    const client = reusable ? early.client : (0,github_client/* proxyConfigured */.$o)(env) ? await (0,github_client/* createProxiedGitHubClient */.e7)(inputs.token, env.GITHUB_API_URL) : (0,github_client/* createGitHubClient */.LX)(inputs.token, env.GITHUB_API_URL);
    const listAgain = () => (0,issue_sync/* listIssues */.ts)(client, { owner: event.owner, repo: event.repo }, inputs.issueLabel);
    const listing = inputs.issues === 'off' ? undefined : reusable ? early.listed : listAgain();
    const { reviewEvent } = await Promise.all(/* import() */[__webpack_require__.e(950), __webpack_require__.e(664)]).then(__webpack_require__.bind(__webpack_require__, 6664));
    await reviewEvent({ inputs, event, env, client, listIssues: listAgain, early: listing });
}


/***/ })

};
