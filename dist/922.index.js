export const id = 922;
export const ids = [922];
export const modules = {

/***/ 8922:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runIntelStep: () => (/* binding */ runIntelStep)
});

// UNUSED EXPORTS: INTEL_LABEL, intelSources, isIntelEvent

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/core/config/load.ts + 1 modules
var load = __webpack_require__(6183);
// EXTERNAL MODULE: ./src/core/import/ids.ts
var ids = __webpack_require__(8887);
// EXTERNAL MODULE: ./src/core/render/escape.ts
var render_escape = __webpack_require__(6745);
;// CONCATENATED MODULE: ./src/core/intel/render-markdown.ts
// The intel report for people: what to change in which model, why, and the YAML to paste.

const MAX_ROWS = 100;
function render_markdown_renderIntelMarkdown(report, options = {}) {
    const out = [`## ${options.heading ?? 'Threat intelligence update'}`, ''];
    out.push(`Evidence from the last ${report.windowDays} days up to ${report.today}${report.knowledgeBase.attack ? `, ATT&CK ${(0,render_escape/* escapeInline */.VV)(report.knowledgeBase.attack)}` : ''}.`, '');
    if (report.proposals.length === 0 && report.unmodelled.length === 0 && report.vulnerable.length === 0)
        out.push('No proposals: the evidence raises no likelihood, every sighted technique is modelled and no component has a known advisory.', '');
    if (report.proposals.length > 0) {
        out.push(`### Proposed changes (${report.proposals.length})`, '');
        for (const p of report.proposals.slice(0, MAX_ROWS)) {
            out.push(`- **${(0,render_escape/* escapeInline */.VV)(p.modelId)}** · threat ${(0,render_escape/* codeSpan */.SS)(p.threatId)} · ${(0,render_escape/* codeSpan */.SS)(p.field)}: ${showValue(p.from)} → **${showValue(p.to)}**`);
            out.push(`  ${(0,render_escape/* escapeInline */.VV)(p.reason, 1000)}.`);
            out.push(`  Evidence: ${p.evidence.map(showEvidence).join('; ')}`);
            out.push('', indent(yamlBlock(p), '  '), '');
        }
        if (report.proposals.length > MAX_ROWS)
            out.push(`${report.proposals.length - MAX_ROWS} more proposals are in the JSON report.`, '');
    }
    if (report.unmodelled.length > 0) {
        out.push(`### Techniques seen that no threat covers (${report.unmodelled.length})`, '');
        out.push('| Technique | Name | Count | Last seen | Evidence |', '|---|---|---:|---|---|');
        for (const u of report.unmodelled.slice(0, MAX_ROWS)) {
            out.push(`| ${(0,render_escape/* codeSpan */.SS)(u.technique)} | ${u.name ? (0,render_escape/* escapeTableCell */.aL)(u.name) : 'not in the catalogue'} | ${u.count} | ${u.evidence[0]?.lastSeen ?? 'unknown'} | ${(0,render_escape/* escapeTableCell */.aL)(u.evidence.map((e) => `${e.kind} ${e.id}`).join(', '), 300)} |`);
        }
        out.push('', 'To model one, add a threat that lists the technique, for example:', '', fence([
            'threats:',
            ...report.unmodelled
                .slice(0, 3)
                .flatMap((u) => [
                `  - id: ${yamlScalar(`T-${u.technique}`)}`,
                `    title: ${yamlScalar(u.name ?? u.technique)}`,
                `    references: { attack: [${u.technique}] }`
            ])
        ].join('\n'), 'yaml'), '');
    }
    if (report.vulnerable.length > 0) {
        out.push(`### Components with known advisories (${report.vulnerable.length})`, '');
        out.push('| Model | Component | Package | Advisory | Severity | CWE | Fixed in |', '|---|---|---|---|---|---|---|');
        let rows = 0;
        for (const v of report.vulnerable) {
            for (const a of v.advisories) {
                if (++rows > MAX_ROWS)
                    break;
                const aliases = a.aliases.length > 0 ? ` (${a.aliases.slice(0, 3).join(', ')})` : '';
                out.push(`| ${(0,render_escape/* escapeTableCell */.aL)(v.modelId)} | ${(0,render_escape/* codeSpan */.SS)(v.component)} | ${(0,render_escape/* codeSpan */.SS)(v.purl)} | ${(0,render_escape/* escapeTableCell */.aL)(a.id + aliases)} | ${(0,render_escape/* escapeTableCell */.aL)(a.severity ?? 'unknown')} | ${(0,render_escape/* escapeTableCell */.aL)(a.cwe.join(', ') || 'none stated')} | ${(0,render_escape/* escapeTableCell */.aL)(a.fixed.join(', ') || 'no fix listed')} |`);
            }
        }
        out.push('');
    }
    if (report.problems.length > 0) {
        out.push('### Problems in the inputs', '');
        for (const p of report.problems.slice(0, 50))
            out.push(`- ${(0,render_escape/* codeSpan */.SS)(`${p.file}:${p.line}:${p.column}`, 300)} ${p.severity}: ${(0,render_escape/* escapeInline */.VV)(p.message, 1000)}`);
        out.push('');
    }
    if (report.warnings.length > 0) {
        out.push('### Warnings', '');
        for (const w of report.warnings.slice(0, 50))
            out.push(`- ${(0,render_escape/* escapeInline */.VV)(w, 1000)}`);
        out.push('');
    }
    return out.join('\n');
}
function showValue(value) {
    if (value === null || value === undefined)
        return '_not set_';
    if (typeof value === 'string')
        return (0,render_escape/* codeSpan */.SS)(value);
    return (0,render_escape/* codeSpan */.SS)(flowMapping(value));
}
function showEvidence(e) {
    return `${e.kind} ${(0,render_escape/* codeSpan */.SS)(e.id, 120)} ×${e.count}${e.lastSeen ? `, last seen ${e.lastSeen}` : ''}`;
}
/** The change as YAML to paste into the threat (the field path under the threat). */
function yamlBlock(p) {
    const value = typeof p.to === 'string' ? yamlScalar(p.to) : flowMapping(p.to);
    const path = p.field.split('.');
    const lines = [`# ${oneLine(p.file)}: threat ${oneLine(p.threatId)}`];
    path.forEach((key, depth) => lines.push(`${'  '.repeat(depth)}${key}:${depth === path.length - 1 ? ` ${value}` : ''}`));
    return fence(lines.join('\n'), 'yaml');
}
function flowMapping(value) {
    if (typeof value !== 'object' || value === null)
        return yamlScalar(String(value));
    return `{ ${Object.entries(value)
        .map(([k, v]) => `${k}: ${typeof v === 'number' ? String(v) : yamlScalar(String(v))}`)
        .join(', ')} }`;
}
function yamlScalar(text) {
    return /^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/.test(text) && !/^(true|false|null|yes|no|on|off)$/i.test(text)
        ? text
        : JSON.stringify(oneLine(text));
}
/** A code fence longer than any backtick run in the content, so feed or model text cannot close it. */
function fence(content, info) {
    let longest = 2;
    for (const run of content.match(/`+/g) ?? [])
        longest = Math.max(longest, run.length);
    const marks = '`'.repeat(longest + 1);
    return `${marks}${info}\n${content}\n${marks}`;
}
function oneLine(text) {
    // eslint-disable-next-line no-control-regex -- control characters are removed on purpose
    return text.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, ' ').slice(0, 300);
}
function indent(text, prefix) {
    return text
        .split('\n')
        .map((l) => prefix + l)
        .join('\n');
}

;// CONCATENATED MODULE: ./src/core/intel/intel-issues.ts
// One "Threat intelligence update" issue per model, kept by scheduled CI runs: what each model's
// issue should say, and what to do with the issues already there (pure; adapters carry it out).


const INTEL_ISSUE_TITLE = 'Threat intelligence update';
const HASH_PREFIX = '<!-- threatloop:intel-hash:';
/** Marker of a model's intelligence issue; the id is reduced to a safe character set first. */
function intelMarker(modelId) {
    return `<!-- threatloop:intel:${safeKey(modelId)} -->`;
}
function safeKey(modelId) {
    return modelId.replace(/[^A-Za-z0-9._:/-]/g, '_').slice(0, 200);
}
/** The model key a body's marker names, if any. */
function intelIssueKey(body) {
    return /<!-- threatloop:intel:([A-Za-z0-9._:/-]{1,200}) -->/.exec(body)?.[1];
}
function intelHash(body) {
    const start = body.indexOf(HASH_PREFIX);
    if (start < 0)
        return undefined;
    return body.slice(start + HASH_PREFIX.length, body.indexOf(' -->', start));
}
/** A report restricted to one model (unmodelled techniques concern every model of the repository). */
function reportForModel(report, modelId) {
    return {
        ...report,
        proposals: report.proposals.filter((p) => p.modelId === modelId),
        vulnerable: report.vulnerable.filter((v) => v.modelId === modelId),
        warnings: [],
        problems: []
    };
}
/**
 * The issue body of each model, or null when the model has nothing to propose. The hash covers the
 * findings only (not the date of the run), so an unchanged report is not rewritten every day.
 */
function intelIssueBodies(report, modelIds) {
    const out = new Map();
    for (const modelId of new Set(modelIds)) {
        const own = reportForModel(report, modelId);
        if (own.proposals.length === 0 && own.vulnerable.length === 0 && own.unmodelled.length === 0) {
            out.set(safeKey(modelId), null);
            continue;
        }
        const findings = JSON.stringify({ proposals: own.proposals, unmodelled: own.unmodelled, vulnerable: own.vulnerable });
        const hash = `${(0,ids/* stableHash */.c6)(findings)}${(0,ids/* stableHash */.c6)(`${findings.length}:${findings}`)}`;
        const text = render_markdown_renderIntelMarkdown(own, { heading: `${INTEL_ISSUE_TITLE}: ${modelId.replace(/[^A-Za-z0-9._:/ -]/g, '_').slice(0, 100)}` });
        const note = 'Kept by Threatloop from the scheduled intelligence run: updated when the findings change, closed when none remain. Edit the model, not this issue.';
        out.set(safeKey(modelId), `${intelMarker(modelId)}\n${HASH_PREFIX}${hash} -->\n${text}\n\n${note}\n`);
    }
    return out;
}
/**
 * Compares the wanted bodies with the issues found (ours only: marker plus our identity). One issue
 * per key: the lowest-numbered open one is kept (else the latest closed one, reopened when needed).
 * Issues of models that no longer exist are closed like models with nothing left to propose.
 */
function planIntelIssues(wanted, listed) {
    const operations = [];
    const unchanged = [];
    const byKey = new Map();
    for (const issue of listed) {
        if (!issue.ours)
            continue;
        const key = intelIssueKey(issue.body);
        if (key === undefined)
            continue;
        byKey.set(key, [...(byKey.get(key) ?? []), issue]);
    }
    const keys = [...new Set([...wanted.keys(), ...byKey.keys()])].sort();
    for (const key of keys) {
        const body = wanted.get(key) ?? null;
        const issues = byKey.get(key) ?? [];
        const open = issues.filter((i) => i.state === 'open').sort((a, b) => a.number - b.number);
        const closed = issues.filter((i) => i.state === 'closed').sort((a, b) => b.number - a.number);
        if (body === null) {
            for (const issue of open)
                operations.push({
                    op: 'close',
                    key,
                    number: issue.number,
                    comment: 'Threatloop closes this issue: the latest intelligence run found nothing left to propose for this model.'
                });
            continue;
        }
        const keep = open[0] ?? closed[0];
        if (!keep)
            operations.push({ op: 'create', key, title: INTEL_ISSUE_TITLE, body });
        else if (keep.state === 'open' && intelHash(keep.body) === intelHash(body))
            unchanged.push(keep.number);
        else
            operations.push({ op: 'update', key, number: keep.number, body, reopen: keep.state === 'closed' });
        // Duplicates (two runs racing) are closed so one issue per key remains.
        for (const extra of open.slice(1))
            operations.push({
                op: 'close',
                key,
                number: extra.number,
                comment: `Threatloop closes this duplicate of #${keep?.number ?? 'the new issue'}.`
            });
    }
    return { operations, unchanged };
}

// EXTERNAL MODULE: ./src/core/render/log-text.ts
var log_text = __webpack_require__(7396);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/core/kb/bundled.ts + 2 modules
var bundled = __webpack_require__(4947);
// EXTERNAL MODULE: ./src/core/kb/load-knowledge-base.ts
var load_knowledge_base = __webpack_require__(2856);
;// CONCATENATED MODULE: ./src/core/intel/incidents.ts
const incidents_DEFAULT_INCIDENT_COLUMNS = {
    id: 'id',
    date: 'date',
    techniques: 'techniques',
    summary: 'summary',
    count: 'count'
};
/** Rows read at most from one export. */
const MAX_INCIDENT_ROWS = 100_000;
const MAX_LISTED = 50;
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/i;
/**
 * Reads an incident export. CSV (RFC 4180: a header row, comma or semicolon separated, quoted
 * fields) or JSON (a list of objects, or an object with an `incidents` list). Technique ids in one
 * cell are separated by commas, semicolons, `|` or spaces. Dates are YYYY-MM-DD or ISO 8601 timestamps.
 */
function parseIncidents(rawText, file, columns = {}, knownTechnique = () => true) {
    const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
    const map = { ...incidents_DEFAULT_INCIDENT_COLUMNS, ...columns };
    const problems = [];
    let listed = 0;
    const report = (line, message, severity = 'error', column = 1) => {
        if (++listed <= MAX_LISTED)
            problems.push({ file, line, column, path: '', severity, code: 'intel/incident', message });
    };
    const rows = [];
    const trimmed = text.trimStart();
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
        let json;
        try {
            json = JSON.parse(text);
        }
        catch (error) {
            report(1, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
            return { incidents: [], problems };
        }
        const list = Array.isArray(json) ? json : isObj(json) && Array.isArray(json.incidents) ? json.incidents : undefined;
        if (!list) {
            report(1, 'expected a JSON list of incidents, or an object with an "incidents" list');
            return { incidents: [], problems };
        }
        list.slice(0, MAX_INCIDENT_ROWS).forEach((item, index) => {
            if (!isObj(item)) {
                report(1, `incident #${index + 1} is not an object`);
                return;
            }
            rows.push({
                line: 1,
                get: (field) => {
                    const value = item[map[field]];
                    if (Array.isArray(value))
                        return value.map(String).join(',');
                    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
                }
            });
        });
    }
    else {
        const table = parseCsv(text);
        if ('error' in table) {
            report(table.line, table.error);
            return { incidents: [], problems };
        }
        const [header, ...body] = table.rows;
        if (!header || header.cells.length === 0 || (header.cells.length === 1 && header.cells[0] === '')) {
            report(1, 'the file is empty: expected a header row naming the columns');
            return { incidents: [], problems };
        }
        const names = header.cells.map((c) => c.trim());
        for (const field of ['id', 'date', 'techniques']) {
            if (!names.includes(map[field])) {
                report(1, `no "${map[field]}" column (for the incident ${field}); the header has: ${names.join(', ').slice(0, 300)}. Map the column names under intelligence.incidents[].columns`);
                return { incidents: [], problems };
            }
        }
        for (const row of body.slice(0, MAX_INCIDENT_ROWS)) {
            if (row.cells.length === 1 && row.cells[0].trim() === '')
                continue;
            rows.push({
                line: row.line,
                get: (field) => {
                    const index = names.indexOf(map[field]);
                    return index >= 0 ? row.cells[index] : undefined;
                }
            });
        }
    }
    const incidents = [];
    rows.forEach((row, index) => {
        const where = row.line > 1 ? `line ${row.line}` : `incident #${index + 1}`;
        const id = row.get('id')?.trim();
        const date = row.get('date')?.trim() ?? '';
        if (!id)
            return report(row.line, `${where}: no incident id in "${map.id}"`);
        const day = /^\d{4}-\d{2}-\d{2}/.test(date) && !Number.isNaN(Date.parse(date.slice(0, 10))) ? date.slice(0, 10) : undefined;
        if (!day)
            return report(row.line, `${where} (${id}): "${map.date}" must be a date (YYYY-MM-DD or an ISO 8601 timestamp), got ${JSON.stringify(date.slice(0, 40))}`);
        const countText = map.count ? row.get('count')?.trim() : undefined;
        const count = countText ? Number(countText) : 1;
        if (!Number.isInteger(count) || count < 0)
            return report(row.line, `${where} (${id}): "${map.count}" must be a whole number`);
        const ids = (row.get('techniques') ?? '').split(/[\s,;|]+/).filter(Boolean);
        if (ids.length === 0)
            return report(row.line, `${where} (${id}): no technique id in "${map.techniques}"; the incident is ignored`, 'warning');
        const summary = row.get('summary')?.trim();
        for (const raw of ids) {
            const technique = raw.toUpperCase();
            if (!TECHNIQUE.test(technique)) {
                report(row.line, `${where} (${id}): ${JSON.stringify(raw.slice(0, 40))} is not an ATT&CK technique id (T1234 or T1234.001)`);
                continue;
            }
            if (!knownTechnique(technique)) {
                report(row.line, `${where} (${id}): ATT&CK technique ${technique} is not in the ATT&CK catalogue`);
                continue;
            }
            incidents.push({ kind: 'incident', id, technique, count, firstSeen: day, lastSeen: day, file, ...(summary ? { summary } : {}) });
        }
    });
    if (listed > MAX_LISTED)
        problems.push({
            file,
            line: 1,
            column: 1,
            path: '',
            severity: 'warning',
            code: 'intel/incident',
            message: `${listed - MAX_LISTED} more problems are not listed`
        });
    return { incidents, problems };
}
/** RFC 4180 CSV; the separator (comma or semicolon) is the one the header uses. */
function parseCsv(text) {
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    const rows = [];
    let cells = [];
    let cell = '';
    let line = 1;
    let rowLine = 1;
    let quoted = false;
    let quoteLine = 1;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"') {
                if (text[i + 1] === '"') {
                    cell += '"';
                    i++;
                }
                else
                    quoted = false;
            }
            else {
                if (c === '\n')
                    line++;
                cell += c;
            }
            continue;
        }
        if (c === '"' && cell === '') {
            quoted = true;
            quoteLine = line;
        }
        else if (c === separator) {
            cells.push(cell);
            cell = '';
        }
        else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n')
                i++;
            cells.push(cell);
            rows.push({ line: rowLine, cells });
            cells = [];
            cell = '';
            line++;
            rowLine = line;
        }
        else
            cell += c;
    }
    if (quoted)
        return { error: `a quoted field opened on line ${quoteLine} is never closed (the file may be truncated)`, line: quoteLine };
    if (cell !== '' || cells.length > 0) {
        cells.push(cell);
        rows.push({ line: rowLine, cells });
    }
    return { rows };
}
function isObj(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/core/intel/osv.ts
const ECOSYSTEMS = {
    npm: 'npm',
    pypi: 'PyPI',
    maven: 'Maven',
    golang: 'Go',
    cargo: 'crates.io',
    gem: 'RubyGems',
    nuget: 'NuGet',
    composer: 'Packagist',
    hex: 'Hex',
    pub: 'Pub',
    swift: 'SwiftURL',
    cocoapods: 'CocoaPods',
    hackage: 'Hackage',
    cran: 'CRAN'
};
/** Parses a package URL (purl) that carries a version; undefined for anything else. */
function parsePurl(text) {
    const match = /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\/([^@?#]+)@([^?#]+)(?:\?[^#]*)?(?:#.*)?$/.exec(text.trim());
    if (!match)
        return undefined;
    const type = match[1].toLowerCase();
    let segments;
    let version;
    try {
        segments = match[2]
            .split('/')
            .filter(Boolean)
            .map((s) => decodeURIComponent(s));
        version = decodeURIComponent(match[3]);
    }
    catch {
        return undefined;
    }
    if (segments.length === 0 || version === '')
        return undefined;
    const name = segments[segments.length - 1];
    const namespace = segments.length > 1 ? segments.slice(0, -1).join('/') : null;
    let osvName = namespace ? `${namespace}/${name}` : name;
    if (type === 'maven' && namespace)
        osvName = `${namespace}:${name}`;
    if (type === 'pypi')
        osvName = name.toLowerCase().replace(/[-_.]+/g, '-');
    const query = `pkg:${type}/${match[2]}@${match[3]}`;
    return { text: text.trim(), type, namespace, name, version, query, ecosystem: ECOSYSTEMS[type] ?? null, osvName };
}
/** The versioned purls among a component's technologies. */
function componentPurls(component) {
    return (component.technologies ?? []).flatMap((t) => parsePurl(t) ?? []);
}
/** Summarises an OSV vulnerability record for one package. */
function advisoryFromOsv(vuln, purl) {
    if (!osv_isObj(vuln) || typeof vuln.id !== 'string')
        return undefined;
    const aliases = Array.isArray(vuln.aliases) ? vuln.aliases.filter((a) => typeof a === 'string').slice(0, 20) : [];
    const specific = osv_isObj(vuln.database_specific) ? vuln.database_specific : {};
    let severity = typeof specific.severity === 'string' ? specific.severity : null;
    if (severity === null && Array.isArray(vuln.severity)) {
        const first = vuln.severity.find((s) => osv_isObj(s) && typeof s.score === 'string');
        if (first)
            severity = String(first.score);
    }
    const cwe = Array.isArray(specific.cwe_ids)
        ? specific.cwe_ids.filter((c) => typeof c === 'string' && /^CWE-\d+$/.test(c))
        : [];
    const fixed = new Set();
    for (const affected of Array.isArray(vuln.affected) ? vuln.affected : []) {
        if (!osv_isObj(affected) || (purl && !samePackage(affected.package, purl)))
            continue;
        for (const range of Array.isArray(affected.ranges) ? affected.ranges : []) {
            for (const event of osv_isObj(range) && Array.isArray(range.events) ? range.events : []) {
                if (osv_isObj(event) && typeof event.fixed === 'string')
                    fixed.add(event.fixed);
            }
        }
    }
    const advisory = { id: vuln.id, aliases, severity, cwe, fixed: [...fixed].slice(0, 20) };
    if (typeof vuln.summary === 'string')
        advisory.summary = vuln.summary.slice(0, 300);
    if (typeof vuln.modified === 'string')
        advisory.modified = vuln.modified;
    return advisory;
}
/**
 * Whether an OSV record affects the purl's version, judged offline (for `--osv-file`): the version
 * is listed under `versions`, or lies in a SEMVER/ECOSYSTEM range (`introduced` ≤ version < `fixed`,
 * or ≤ `last_affected`), versions compared by their dotted numbers.
 */
function affectsVersion(vuln, purl) {
    if (!osv_isObj(vuln))
        return false;
    for (const affected of Array.isArray(vuln.affected) ? vuln.affected : []) {
        if (!osv_isObj(affected) || !samePackage(affected.package, purl))
            continue;
        if (Array.isArray(affected.versions) && affected.versions.includes(purl.version))
            return true;
        for (const range of Array.isArray(affected.ranges) ? affected.ranges : []) {
            if (!osv_isObj(range) || !['SEMVER', 'ECOSYSTEM'].includes(String(range.type)) || !Array.isArray(range.events))
                continue;
            let inside = false;
            for (const event of range.events) {
                if (!osv_isObj(event))
                    continue;
                if (typeof event.introduced === 'string' && (event.introduced === '0' || compareVersions(purl.version, event.introduced) >= 0))
                    inside = true;
                if (typeof event.fixed === 'string' && compareVersions(purl.version, event.fixed) >= 0)
                    inside = false;
                if (typeof event.last_affected === 'string' && compareVersions(purl.version, event.last_affected) > 0)
                    inside = false;
            }
            if (inside)
                return true;
        }
    }
    return false;
}
function samePackage(pkg, purl) {
    if (!osv_isObj(pkg))
        return false;
    if (typeof pkg.purl === 'string') {
        const bare = pkg.purl.replace(/@.*$/, '').toLowerCase();
        if (bare === purl.query.replace(/@[^@]*$/, '').toLowerCase())
            return true;
    }
    return (purl.ecosystem !== null &&
        pkg.ecosystem === purl.ecosystem &&
        typeof pkg.name === 'string' &&
        pkg.name.toLowerCase() === purl.osvName.toLowerCase());
}
/** Compares versions by their dotted numeric parts, then pre-releases before releases. */
function compareVersions(a, b) {
    const parse = (v) => {
        const [core, ...pre] = v.replace(/^v/, '').split('-');
        return { nums: core.split('.').map((n) => parseInt(n, 10) || 0), pre: pre.join('-') };
    };
    const x = parse(a);
    const y = parse(b);
    for (let i = 0; i < Math.max(x.nums.length, y.nums.length); i++) {
        const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
        if (d !== 0)
            return d;
    }
    if (x.pre === y.pre)
        return 0;
    if (x.pre === '')
        return 1;
    if (y.pre === '')
        return -1;
    return x.pre < y.pre ? -1 : 1;
}
/** The records of an OSV export file: one record, a list, `{ "vulns": [...] }` or `{ "results": [{ "vulns": [...] }] }`. */
function osvExportRecords(json) {
    if (Array.isArray(json))
        return json;
    if (!osv_isObj(json))
        return undefined;
    if (Array.isArray(json.vulns))
        return json.vulns;
    if (Array.isArray(json.results))
        return json.results.flatMap((r) => (osv_isObj(r) && Array.isArray(r.vulns) ? r.vulns : []));
    if (typeof json.id === 'string')
        return [json];
    return undefined;
}
function osv_isObj(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./src/core/model/schema.ts
var schema = __webpack_require__(6766);
;// CONCATENATED MODULE: ./src/core/intel/report.ts


const report_DEFAULT_WINDOW_DAYS = 90;
/** Evidence items cited per proposal or technique; the count covers all of them. */
const MAX_CITED = 20;
/** Sightings (threat events) in the window → the least likelihood they support. */
const SIGHTING_BANDS = [
    { atLeast: 100, level: 'very-high' },
    { atLeast: 10, level: 'high' },
    { atLeast: 1, level: 'medium' }
];
/** Incidents (loss events that happened) in the window → the least likelihood they support. */
const INCIDENT_BANDS = [
    { atLeast: 3, level: 'very-high' },
    { atLeast: 1, level: 'high' }
];
/** A known advisory on a targeted component whose CWE the threat lists supports at least this. */
const VULNERABILITY_LEVEL = 'high';
function buildIntelReport(input) {
    const windowDays = input.windowDays ?? report_DEFAULT_WINDOW_DAYS;
    const since = shiftDays(input.today, -windowDays);
    const warnings = [...(input.warnings ?? [])];
    const inWindow = [];
    let old = 0;
    let undated = 0;
    for (const item of input.evidence) {
        if (item.lastSeen === null)
            undated++;
        else if (item.lastSeen < since || item.lastSeen > shiftDays(input.today, 1))
            old++;
        else
            inWindow.push(item);
    }
    if (old > 0)
        warnings.push(`${old} evidence item(s) last seen outside the window (${since} to ${input.today}) are not counted`);
    if (undated > 0)
        warnings.push(`${undated} sighting(s) without first_seen/last_seen are not counted (no date to place them in the window)`);
    const byTechnique = new Map();
    for (const item of inWindow) {
        const list = byTechnique.get(item.technique) ?? [];
        list.push(item);
        byTechnique.set(item.technique, list);
    }
    /** Evidence for a technique a threat lists: the technique itself and its sub-techniques. */
    const evidenceFor = (id) => [...byTechnique.entries()].flatMap(([technique, items]) => (technique === id || technique.startsWith(`${id}.`) ? items : []));
    const proposals = [];
    const vulnerable = [];
    const covered = new Set();
    for (const model of input.models) {
        const modelId = model.index.modelId;
        const advisoriesOf = new Map();
        for (const component of model.document.components ?? []) {
            for (const purl of componentPurls(component)) {
                const advisories = input.advisories.get(purl.query) ?? [];
                if (advisories.length === 0)
                    continue;
                vulnerable.push({
                    modelId,
                    file: model.file,
                    component: component.id,
                    purl: purl.text,
                    advisories: [...advisories].sort((a, b) => a.id.localeCompare(b.id))
                });
                const list = advisoriesOf.get(component.id) ?? [];
                list.push({ purl: purl.text, advisories });
                advisoriesOf.set(component.id, list);
            }
        }
        for (const threat of model.document.threats ?? []) {
            const techniques = (threat.references?.attack ?? []).filter((id) => /^T\d{4}(\.\d{3})?$/.test(id));
            for (const [technique] of byTechnique)
                if (techniques.some((t) => technique === t || technique.startsWith(`${t}.`)))
                    covered.add(technique);
            if (threat.status === 'not-applicable')
                continue;
            const evidence = unique(techniques.flatMap(evidenceFor));
            const vulnerabilities = vulnerabilityEvidence(threat, advisoriesOf);
            if (evidence.length === 0 && vulnerabilities.length === 0)
                continue;
            proposals.push(...proposeFor(modelId, model.file, threat, evidence, vulnerabilities, windowDays));
        }
    }
    const unmodelled = [];
    for (const [technique, items] of byTechnique) {
        if (covered.has(technique))
            continue;
        unmodelled.push({ technique, name: input.techniqueName(technique), count: sum(items), evidence: cite(items) });
    }
    unmodelled.sort((a, b) => b.count - a.count || a.technique.localeCompare(b.technique));
    proposals.sort((a, b) => a.modelId.localeCompare(b.modelId) || a.threatId.localeCompare(b.threatId) || a.field.localeCompare(b.field));
    vulnerable.sort((a, b) => a.modelId.localeCompare(b.modelId) || a.component.localeCompare(b.component) || a.purl.localeCompare(b.purl));
    return {
        schema: 'threatloop-intel/1',
        today: input.today,
        windowDays,
        knowledgeBase: { attack: input.attackVersion },
        proposals,
        unmodelled,
        vulnerable,
        warnings,
        problems: []
    };
}
function proposeFor(modelId, file, threat, evidence, vulnerabilities, windowDays) {
    const out = [];
    const sightings = evidence.filter((e) => e.kind === 'sighting');
    const incidents = evidence.filter((e) => e.kind === 'incident');
    const fair = threat.risk?.fair;
    let qualitativeSightings = sightings;
    let qualitativeIncidents = incidents;
    const base = { modelId, file, threatId: threat.id };
    if (fair?.tef && sightings.length > 0) {
        qualitativeSightings = [];
        const rate = annualRate(sum(sightings), windowDays);
        const to = raiseEstimate(fair.tef, rate);
        if (to)
            out.push({
                ...base,
                field: 'risk.fair.tef',
                from: fair.tef,
                to,
                reason: `${sum(sightings)} sighting(s) in ${windowDays} days is about ${rate} threat events a year, above the estimate`,
                evidence: cite(sightings)
            });
    }
    if (fair?.lef && incidents.length > 0) {
        qualitativeIncidents = [];
        const rate = annualRate(sum(incidents), windowDays);
        const to = raiseEstimate(fair.lef, rate);
        if (to)
            out.push({
                ...base,
                field: 'risk.fair.lef',
                from: fair.lef,
                to,
                reason: `${sum(incidents)} incident(s) in ${windowDays} days is about ${rate} loss events a year, above the estimate`,
                evidence: cite(incidents)
            });
    }
    const reasons = [];
    let level = null;
    const raise = (candidate, why) => {
        if (candidate === null)
            return;
        reasons.push(why);
        if (level === null || rank(candidate) > rank(level))
            level = candidate;
    };
    const s = sum(qualitativeSightings);
    const i = sum(qualitativeIncidents);
    if (s > 0)
        raise(band(SIGHTING_BANDS, s), `${s} sighting(s) in ${windowDays} days → at least ${band(SIGHTING_BANDS, s)}`);
    if (i > 0)
        raise(band(INCIDENT_BANDS, i), `${i} incident(s) in ${windowDays} days → at least ${band(INCIDENT_BANDS, i)}`);
    if (vulnerabilities.length > 0)
        raise(VULNERABILITY_LEVEL, `known advisories with a CWE the threat lists on a component it targets → at least ${VULNERABILITY_LEVEL}`);
    if (level !== null) {
        const field = threat.likelihood === undefined && threat.risk?.likelihood !== undefined ? 'risk.likelihood' : 'likelihood';
        const current = field === 'likelihood' ? (threat.likelihood ?? null) : (threat.risk?.likelihood ?? null);
        if (current === null || rank(level) > rank(current)) {
            out.push({
                ...base,
                field,
                from: current,
                to: level,
                reason: reasons.join('; '),
                evidence: [...cite([...qualitativeSightings, ...qualitativeIncidents]), ...vulnerabilities].slice(0, MAX_CITED)
            });
        }
    }
    return out;
}
/** Raises a FAIR frequency so the observed annual rate is its most likely value (three-point) or its p95 (interval); undefined when it already is. */
function raiseEstimate(estimate, rate) {
    if ('likely' in estimate) {
        if (rate <= estimate.likely)
            return undefined;
        return { ...estimate, likely: rate, max: Math.max(estimate.max, rate) };
    }
    if (rate <= estimate.p95)
        return undefined;
    return { p5: estimate.p5, p95: rate };
}
function annualRate(count, windowDays) {
    const rate = (count * 365) / windowDays;
    return rate >= 10 ? Math.round(rate) : Math.round(rate * 100) / 100;
}
function vulnerabilityEvidence(threat, advisoriesOf) {
    const cwe = new Set(threat.references?.cwe ?? []);
    if (cwe.size === 0)
        return [];
    const refs = [];
    for (const target of threat.targets ?? []) {
        for (const { advisories } of advisoriesOf.get(target) ?? []) {
            for (const advisory of advisories) {
                if (advisory.cwe.some((c) => cwe.has(c)))
                    refs.push({ kind: 'vulnerability', id: advisory.id, count: 1, lastSeen: advisory.modified?.slice(0, 10) ?? null });
            }
        }
    }
    return refs;
}
function band(bands, count) {
    return bands.find((b) => count >= b.atLeast)?.level ?? null;
}
function rank(level) {
    return schema/* LEVELS */.A_.indexOf(level);
}
function sum(items) {
    return items.reduce((total, item) => total + item.count, 0);
}
/** One reference per evidence item (same kind and id merged), most recent first. */
function cite(items) {
    const merged = new Map();
    for (const item of items) {
        const key = `${item.kind}\u0000${item.id}`;
        const ref = merged.get(key);
        if (!ref)
            merged.set(key, { kind: item.kind, id: item.id, count: item.count, lastSeen: item.lastSeen });
        else {
            ref.count += item.count;
            if (item.lastSeen !== null && (ref.lastSeen === null || item.lastSeen > ref.lastSeen))
                ref.lastSeen = item.lastSeen;
        }
    }
    return [...merged.values()]
        .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || a.id.localeCompare(b.id))
        .slice(0, MAX_CITED);
}
function unique(items) {
    return [...new Set(items)];
}
/** YYYY-MM-DD shifted by whole days (UTC). */
function shiftDays(day, days) {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
}

// EXTERNAL MODULE: ./src/core/kb/json-text.ts
var json_text = __webpack_require__(3015);
// EXTERNAL MODULE: ./src/core/model/yaml-document.ts
var yaml_document = __webpack_require__(7462);
// EXTERNAL MODULE: ./src/core/problems.ts
var core_problems = __webpack_require__(8155);
;// CONCATENATED MODULE: ./src/core/intel/stix-sightings.ts
// STIX 2.1 sighting bundles from a threat-intelligence platform: which ATT&CK techniques were seen,
// how often and when. Validated against STIX 2.1's structure; every problem carries its position.



const STIX_ID = /^([a-z][a-z0-9-]+)--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const stix_sightings_TECHNIQUE = /^T\d{4}(\.\d{3})?$/;
const stix_sightings_MAX_LISTED = 50;
/** Objects of a bundle read at most (a bundle is data the run is driven by: bound it). */
const MAX_STIX_OBJECTS = 200_000;
/**
 * Reads the `sighting` objects of a STIX 2.1 bundle. A sighting counts for an ATT&CK technique when
 * `sighting_of_ref` points at an `attack-pattern` with a `mitre-attack` external id, or at an
 * `indicator` or `malware` that a relationship (`indicates`, `uses`) links to such an attack pattern.
 * `knownTechnique` says whether an id exists in the ATT&CK catalogue; unknown ids are errors.
 */
function parseStixSightings(jsonText, file, knownTechnique) {
    const text = jsonText.charCodeAt(0) === 0xfeff ? jsonText.slice(1) : jsonText;
    let lines;
    const problems = [];
    let listed = 0;
    const at = (path, offset) => {
        lines ??= new yaml_document/* LineIndex */.rr(text);
        return lines.position(offset ?? (0,json_text/* locateJsonValue */.S)(text, path) ?? 0);
    };
    const report = (code, message, path, severity = 'error', offset) => {
        if (++listed > stix_sightings_MAX_LISTED)
            return;
        problems.push({ file, ...at(path, offset), path: (0,core_problems/* formatDocumentPath */.qe)(path), severity, code, message });
    };
    let bundle;
    try {
        bundle = JSON.parse(text);
    }
    catch {
        const error = (0,json_text/* findJsonSyntaxError */.L)(text) ?? { offset: 0, message: 'the text is not valid JSON' };
        const truncated = error.offset >= text.trimEnd().length || error.message === 'unterminated string';
        const note = text.trim() === '' ? ' (the file is empty)' : truncated ? ' (the file ends early: truncated?)' : '';
        report('intel/invalid-json', `not a valid STIX bundle: ${error.message}${note}`, [], 'error', error.offset);
        return { sightings: [], problems };
    }
    if (!stix_sightings_isObj(bundle) || bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
        report('intel/not-stix', 'expected a STIX 2.1 bundle: {"type": "bundle", "id": "bundle--<uuid>", "objects": [...]}', []);
        return { sightings: [], problems };
    }
    if (typeof bundle.id !== 'string' || !bundle.id.startsWith('bundle--') || !STIX_ID.test(bundle.id))
        report('intel/stix-structure', 'the bundle needs an "id" of the form bundle--<uuid>', ['id'], 'warning');
    const objects = bundle.objects;
    if (objects.length > MAX_STIX_OBJECTS) {
        report('intel/too-large', `the bundle holds ${objects.length} objects; at most ${MAX_STIX_OBJECTS} are read`, ['objects']);
        return { sightings: [], problems };
    }
    const byId = new Map();
    for (let index = 0; index < objects.length; index++) {
        const object = objects[index];
        const path = ['objects', index];
        if (!stix_sightings_isObj(object)) {
            report('intel/stix-structure', `objects[${index}] is not a STIX object`, path);
            continue;
        }
        if (typeof object.type !== 'string' || typeof object.id !== 'string') {
            report('intel/stix-structure', `objects[${index}] needs "type" and "id" strings`, path);
            continue;
        }
        const match = STIX_ID.exec(object.id);
        if (!match || match[1] !== object.type) {
            report('intel/stix-structure', `objects[${index}].id must be "${object.type}--<uuid>", got ${JSON.stringify(object.id).slice(0, 80)}`, [...path, 'id']);
            continue;
        }
        if (object.type !== 'marking-definition' && object.spec_version !== '2.1') {
            report('intel/stix-version', `${object.id} has spec_version ${JSON.stringify(object.spec_version ?? null)}; expected "2.1"`, [
                ...path,
                object.spec_version === undefined ? 'type' : 'spec_version'
            ]);
            continue;
        }
        byId.set(object.id, { object, index });
    }
    // attack-pattern stix id → technique id
    const techniqueOf = new Map();
    for (const [id, { object, index }] of byId) {
        if (object.type !== 'attack-pattern')
            continue;
        const refs = Array.isArray(object.external_references) ? object.external_references : [];
        const refIndex = refs.findIndex((r) => stix_sightings_isObj(r) && r.source_name === 'mitre-attack');
        if (refIndex < 0)
            continue;
        const external = refs[refIndex].external_id;
        const path = ['objects', index, 'external_references', refIndex, 'external_id'];
        if (typeof external !== 'string' || !stix_sightings_TECHNIQUE.test(external)) {
            report('intel/unknown-technique', `${id} names ATT&CK id ${JSON.stringify(external ?? null)}, which is not a technique id (T1234 or T1234.001)`, path);
            continue;
        }
        if (!knownTechnique(external)) {
            report('intel/unknown-technique', `${id} names ATT&CK technique ${external}, which the ATT&CK catalogue does not know`, path);
            continue;
        }
        techniqueOf.set(id, external);
    }
    // indicator/malware → attack patterns, through `indicates` and `uses` relationships
    const linked = new Map();
    for (const { object } of byId.values()) {
        if (object.type !== 'relationship' || !['indicates', 'uses'].includes(String(object.relationship_type)))
            continue;
        const technique = techniqueOf.get(String(object.target_ref));
        if (technique === undefined)
            continue;
        const set = linked.get(String(object.source_ref)) ?? new Set();
        set.add(technique);
        linked.set(String(object.source_ref), set);
    }
    const sightings = [];
    for (const [id, { object, index }] of byId) {
        if (object.type !== 'sighting')
            continue;
        const path = ['objects', index];
        const ref = object.sighting_of_ref;
        if (typeof ref !== 'string' || !STIX_ID.test(ref)) {
            report('intel/stix-structure', `${id} needs "sighting_of_ref" (the id of what was sighted)`, path);
            continue;
        }
        let count = 1;
        if (object.count !== undefined) {
            if (typeof object.count !== 'number' || !Number.isInteger(object.count) || object.count < 0 || object.count > 999_999_999) {
                report('intel/stix-structure', `${id}: "count" must be a whole number from 0 to 999999999`, [...path, 'count']);
                continue;
            }
            count = object.count;
        }
        const times = { first_seen: null, last_seen: null };
        let badTime = false;
        for (const key of ['first_seen', 'last_seen']) {
            const value = object[key];
            if (value === undefined)
                continue;
            if (typeof value !== 'string' || !TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
                report('intel/stix-structure', `${id}: "${key}" must be a STIX timestamp such as 2025-01-31T12:00:00Z`, [...path, key]);
                badTime = true;
                continue;
            }
            times[key] = value.slice(0, 10);
        }
        if (badTime)
            continue;
        if (times.first_seen && times.last_seen && times.last_seen < times.first_seen) {
            report('intel/stix-structure', `${id}: "last_seen" is before "first_seen"`, [...path, 'last_seen']);
            continue;
        }
        const target = byId.get(ref);
        const techniques = techniqueOf.has(ref) ? [techniqueOf.get(ref)] : [...(linked.get(ref) ?? [])];
        if (techniques.length === 0) {
            if (target === undefined)
                report('intel/unresolved-sighting', `${id}: sighting_of_ref ${ref} is not in the bundle, so its technique is unknown; the sighting is ignored`, [...path, 'sighting_of_ref'], 'warning');
            else if (target.object.type !== 'attack-pattern')
                report('intel/unresolved-sighting', `${id}: ${ref} is not related to an ATT&CK attack pattern (by "indicates" or "uses"); the sighting is ignored`, [...path, 'sighting_of_ref'], 'warning');
            continue;
        }
        const lastSeen = times.last_seen ??
            times.first_seen ??
            (typeof object.modified === 'string' && TIMESTAMP.test(object.modified) ? object.modified.slice(0, 10) : null);
        for (const technique of techniques)
            sightings.push({ kind: 'sighting', id, technique, count, firstSeen: times.first_seen, lastSeen, file });
    }
    if (listed > stix_sightings_MAX_LISTED)
        problems.push({
            file,
            line: 1,
            column: 1,
            path: '',
            severity: 'warning',
            code: 'intel/stix-structure',
            message: `${listed - stix_sightings_MAX_LISTED} more problems are not listed`
        });
    return { sightings, problems };
}
function stix_sightings_isObj(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./src/core/review/load-model-file.ts + 5 modules
var load_model_file = __webpack_require__(9109);
// EXTERNAL MODULE: ./src/adapters/fs/discovery.ts + 1 modules
var discovery = __webpack_require__(6877);
// EXTERNAL MODULE: ./src/adapters/fs/repository-files.ts
var repository_files = __webpack_require__(9474);
;// CONCATENATED MODULE: ./src/adapters/osv/osv-client.ts
// OSV API client: POST /v1/querybatch for the purls, then GET /v1/vulns/{id} for each advisory.
// Transient failures (network, 429, 5xx) are retried; an outage ends as a warning, never a throw.

const osv_client_OSV_API = 'https://api.osv.dev';
/** OSV accepts up to 1,000 queries per batch. */
const BATCH = 1000;
/** Advisories fetched in detail at most per run (bounds the work a model can drive). */
const MAX_OSV_VULNS = 500;
const CONCURRENCY = 4;
class OsvError extends Error {
}
async function queryOsv(purls, options = {}) {
    const base = (options.baseUrl ?? osv_client_OSV_API).replace(/\/+$/, '');
    const warnings = [];
    const advisories = new Map();
    const unique = [...new Map(purls.map((p) => [p.query, p])).values()];
    if (unique.length === 0)
        return { advisories, warnings, reached: true };
    const request = async (method, path, body) => {
        const attempts = options.attempts ?? 3;
        let delay = options.retryDelayMs ?? 1000;
        let last = '';
        for (let attempt = 1; attempt <= attempts; attempt++) {
            try {
                const response = await fetch(`${base}${path}`, {
                    method,
                    headers: {
                        accept: 'application/json',
                        'user-agent': options.userAgent ?? 'threatloop',
                        ...(body !== undefined ? { 'content-type': 'application/json' } : {})
                    },
                    body: body !== undefined ? JSON.stringify(body) : undefined,
                    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000)
                });
                const text = await response.text();
                if (response.ok) {
                    try {
                        return JSON.parse(text);
                    }
                    catch {
                        throw new OsvError(`${method} ${path} answered ${response.status} with a body that is not JSON`);
                    }
                }
                last = `HTTP ${response.status}`;
                if (response.status !== 429 && response.status < 500)
                    throw new OsvError(`${method} ${path} answered ${response.status}`);
                const retryAfter = Number(response.headers.get('retry-after'));
                if (Number.isFinite(retryAfter) && retryAfter > 0)
                    delay = Math.min(retryAfter * 1000, 10_000);
            }
            catch (error) {
                if (error instanceof OsvError)
                    throw error;
                last = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : String(error);
            }
            if (attempt < attempts) {
                await new Promise((resolve) => setTimeout(resolve, delay));
                delay *= 2;
            }
        }
        throw new OsvError(`${method} ${path} failed after ${attempts} attempts (${last})`);
    };
    const idsByPurl = new Map();
    try {
        for (let start = 0; start < unique.length; start += BATCH) {
            const chunk = unique.slice(start, start + BATCH);
            const answer = await request('POST', '/v1/querybatch', { queries: chunk.map((p) => ({ package: { purl: p.query } })) });
            const results = osv_client_isObj(answer) && Array.isArray(answer.results) ? answer.results : undefined;
            if (!results || results.length !== chunk.length)
                throw new OsvError(`POST /v1/querybatch answered ${results ? `${results.length} results for ${chunk.length} queries` : 'without a "results" list'}`);
            results.forEach((result, index) => {
                const vulns = osv_client_isObj(result) && Array.isArray(result.vulns) ? result.vulns : [];
                const ids = vulns.flatMap((v) => (osv_client_isObj(v) && typeof v.id === 'string' ? [v.id] : []));
                if (osv_client_isObj(result) && typeof result.next_page_token === 'string')
                    warnings.push(`OSV has more advisories for ${chunk[index].query} than one page; only the first page is reported`);
                if (ids.length > 0)
                    idsByPurl.set(chunk[index].query, ids);
            });
        }
    }
    catch (error) {
        warnings.push(`OSV could not be queried at ${base} (${error instanceof Error ? error.message : String(error)}); vulnerable components are not reported in this run`);
        return { advisories, warnings, reached: false };
    }
    const allIds = [...new Set([...idsByPurl.values()].flat())].sort();
    if (allIds.length > MAX_OSV_VULNS)
        warnings.push(`${allIds.length} advisories found; details are fetched for the first ${MAX_OSV_VULNS} only`);
    const details = new Map();
    const queue = allIds.slice(0, MAX_OSV_VULNS);
    let failed = 0;
    const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
            try {
                details.set(id, await request('GET', `/v1/vulns/${encodeURIComponent(id)}`));
            }
            catch {
                failed++;
            }
        }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (failed > 0)
        warnings.push(`details of ${failed} OSV advisor${failed === 1 ? 'y' : 'ies'} could not be fetched from ${base}; they are listed by id only`);
    for (const purl of unique) {
        const ids = idsByPurl.get(purl.query);
        if (!ids)
            continue;
        advisories.set(purl.query, ids.map((id) => advisoryFromOsv(details.get(id), purl) ?? { id, aliases: [], severity: null, cwe: [], fixed: [] }));
    }
    return { advisories, warnings, reached: true };
}
function osv_client_isObj(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./src/adapters/review/run-review.ts + 38 modules
var run_review = __webpack_require__(4);
// EXTERNAL MODULE: ./src/adapters/git/git-repository.ts
var git_repository = __webpack_require__(5812);
// EXTERNAL MODULE: ./src/adapters/review/snapshot.ts
var snapshot = __webpack_require__(8097);
;// CONCATENATED MODULE: ./src/adapters/cli/local-repository.ts




/** Finds the repository the working directory belongs to. */
async function local_repository_openLocalRepository(cwd) {
    const probe = new git_repository/* GitRepository */.x(cwd);
    if (await probe.isRepository()) {
        const root = (await probe.git(['rev-parse', '--show-toplevel'])).trim();
        const repo = new git_repository/* GitRepository */.x(root);
        return { root, repo, workingTree: (0,snapshot/* workingTreeSnapshot */.CW)(repo) };
    }
    const root = (0,external_node_path_.resolve)(cwd);
    return { root, repo: undefined, workingTree: (0,snapshot/* folderSnapshot */.DZ)(root, '.') };
}
/** A path typed relative to the working directory, as a repository-relative path (or as typed when it leaves the root). */
function typedToRepositoryPath(cwd, root, typed) {
    const rel = relative(resolve(root), resolve(cwd, typed)).split(sep).join('/');
    return normalizeRepositoryPath(rel) ?? typed;
}

;// CONCATENATED MODULE: ./src/adapters/cli/output.ts
/** Exit codes every command shares. */
const output_EXIT = { ok: 0, findings: 1, usage: 2 };
/** A mistake in how the command was called or configured (exit code 2). */
class output_UsageError extends (/* unused pure expression or super */ null && (Error)) {
}

;// CONCATENATED MODULE: ./src/adapters/cli/intel-command.ts




















const INTEL_HELP = (/* unused pure expression or super */ null && (`Usage: threatloop intel [paths…] [--stix FILE]… [--incidents FILE]… [--osv | --osv-api URL] [--osv-file FILE] [--format markdown|json]

Reads operational evidence and proposes changes to the threat models: sightings of ATT&CK
techniques (STIX 2.1 bundles), incident exports (CSV or JSON) and OSV advisories for components
whose technologies are versioned package URLs (pkg:npm/lodash@4.17.15). Proposes a higher
likelihood for threats whose techniques were seen, lists techniques no threat covers, and lists
components with known advisories. Files under intelligence: in .threatloop.yaml are read too.
See docs/intel.md.

Options:
  --stix FILE          STIX 2.1 bundle with sighting objects (repeatable)
  --incidents FILE     incident export, CSV or JSON (repeatable)
  --columns MAP        column names of the --incidents files (CSV header or JSON key),
                       e.g. id=Ticket,date=Created,techniques=MITRE,summary=Title
  --osv                query the OSV API (${OSV_API})
  --osv-api URL        query the OSV API at URL instead (implies --osv)
  --osv-file FILE      read advisories from an OSV JSON export instead of the API (offline)
  --window-days N      days of evidence counted (default ${DEFAULT_WINDOW_DAYS})
  --today YYYY-MM-DD   the day the window ends (default today)
  --format F           markdown (default) or json
  --config FILE        configuration file (default .threatloop.yaml)
  -h, --help           show this help

Exit status: 0 report written, 1 bad input (a feed or model that cannot be read; the report still
covers the rest), 2 usage or configuration error.`));
/** Feed files are read up to this size. */
const MAX_FEED_BYTES = 100 * 1024 * 1024;
/** Loads the models and feeds, asks OSV, and builds the report (the CLI command and the CI jobs share this). */
async function collectIntel(options) {
    const problems = [];
    const found = await (0,discovery/* discoverModels */.w)(options.head, options.config, options.paths ?? []);
    problems.push(...found.problems);
    for (const path of found.missing)
        problems.push(problemAt(path || '.', `no such file or folder: ${path || '.'}`));
    const models = [];
    for (const source of found.files) {
        const loaded = (0,load_model_file/* loadModelFile */.O)(source);
        if (loaded.model)
            models.push(loaded.model);
        else if (!found.tentative.has(source.path))
            problems.push(...loaded.problems.filter((p) => p.severity === 'error').slice(0, 5));
    }
    options.onModels?.(models.map((m) => m.index.modelId));
    // ATT&CK ids are checked against the configured catalogue, else the bundled one.
    let attack;
    let attackVersion = (0,bundled/* bundledCatalogueReleases */.si)().attack.version;
    const configured = options.config.raw.knowledge_base?.attack;
    if (configured) {
        const text = await options.readFeed(configured);
        if (typeof text === 'string') {
            const kb = (0,load_knowledge_base/* loadKnowledgeBase */.a)({ attack: { file: configured, text } });
            problems.push(...kb.problems);
            attack = kb.knowledgeBase.attack;
            if (attack)
                attackVersion = kb.versions.attack ?? null;
        }
        else
            problems.push(problemAt(configured, text.error));
    }
    attack ??= (await (0,bundled/* loadBundledKnowledgeBase */.WW)()).knowledgeBase.attack;
    const knownTechnique = (id) => attack?.has(id) === true && attack.get(id)?.kind !== 'mitigation';
    const evidence = [];
    for (const file of options.sources.stix) {
        const text = await options.readFeed(file);
        if (typeof text !== 'string') {
            problems.push(problemAt(file, text.error));
            continue;
        }
        const result = parseStixSightings(text, file, knownTechnique);
        problems.push(...result.problems);
        evidence.push(...result.sightings);
    }
    for (const source of options.sources.incidents) {
        const text = await options.readFeed(source.path);
        if (typeof text !== 'string') {
            problems.push(problemAt(source.path, text.error));
            continue;
        }
        const result = parseIncidents(text, source.path, source.columns, knownTechnique);
        problems.push(...result.problems);
        evidence.push(...result.incidents);
    }
    const warnings = [];
    const purls = models.flatMap((m) => (m.document.components ?? []).flatMap(componentPurls));
    let advisories = new Map();
    const osv = options.sources.osv;
    if (osv.mode === 'api') {
        const result = await queryOsv(purls, { baseUrl: osv.baseUrl, retryDelayMs: options.osvRetryDelayMs });
        advisories = result.advisories;
        warnings.push(...result.warnings);
    }
    else if (osv.mode === 'file') {
        const text = await options.readFeed(osv.path);
        if (typeof text !== 'string')
            problems.push(problemAt(osv.path, text.error));
        else {
            let records;
            try {
                records = osvExportRecords(JSON.parse(text));
            }
            catch {
                records = undefined;
            }
            if (!records)
                problems.push(problemAt(osv.path, 'not an OSV export: expected OSV JSON (a vulnerability record, a list of them, or {"vulns": [...]})'));
            else {
                for (const purl of purls) {
                    const found = records.filter((r) => affectsVersion(r, purl)).flatMap((r) => advisoryFromOsv(r, purl) ?? []);
                    if (found.length > 0)
                        advisories.set(purl.query, found);
                }
            }
        }
    }
    else if (purls.length > 0) {
        warnings.push(`${purls.length} component package(s) were not checked for advisories: OSV is off (use --osv, --osv-file or intelligence.osv)`);
    }
    const report = buildIntelReport({
        models,
        evidence,
        advisories,
        today: options.today,
        windowDays: options.sources.windowDays,
        techniqueName: (id) => attack?.get(id)?.name ?? null,
        attackVersion,
        warnings
    });
    report.problems = problems.map((p) => ({
        file: p.file,
        line: p.line,
        column: p.column,
        severity: p.severity === 'error' ? 'error' : 'warning',
        message: p.message
    }));
    return report;
}
/** The sources configured under `intelligence:`. */
function configuredSources(config) {
    const intel = config.raw.intelligence;
    return {
        stix: intel?.stix ?? [],
        incidents: (intel?.incidents ?? []).map((i) => typeof i === 'string' ? { path: i } : { path: i.path, ...(i.columns ? { columns: i.columns } : {}) }),
        osv: intel?.osv_file ? { mode: 'file', path: intel.osv_file } : intel?.osv ? { mode: 'api', baseUrl: osv_client_OSV_API } : { mode: 'off' },
        ...(intel?.window_days ? { windowDays: intel.window_days } : {})
    };
}
/** `threatloop intel`. */
async function runIntelCommand(args, cwd, output) {
    let parsed;
    try {
        parsed = parseArgs({
            args,
            allowPositionals: true,
            options: {
                stix: { type: 'string', multiple: true },
                incidents: { type: 'string', multiple: true },
                columns: { type: 'string' },
                osv: { type: 'boolean' },
                'osv-api': { type: 'string' },
                'osv-file': { type: 'string' },
                'window-days': { type: 'string' },
                today: { type: 'string' },
                format: { type: 'string', default: 'markdown' },
                config: { type: 'string' },
                help: { type: 'boolean', short: 'h' }
            }
        });
    }
    catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const v = parsed.values;
    if (v.help) {
        output.out(INTEL_HELP);
        return EXIT.ok;
    }
    if (v.format !== 'markdown' && v.format !== 'json')
        throw new UsageError(`--format must be markdown or json, got "${v.format}"`);
    if (v['osv-file'] !== undefined && (v.osv || v['osv-api'] !== undefined))
        throw new UsageError('--osv-file reads advisories offline; it cannot be combined with --osv or --osv-api');
    if (v['osv-api'] !== undefined && !/^https?:\/\/[^\s/]+/.test(v['osv-api']))
        throw new UsageError(`--osv-api must be an http(s) URL, got "${v['osv-api']}"`);
    const today = v.today ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today)))
        throw new UsageError(`--today must be a date written YYYY-MM-DD, got "${today}"`);
    let windowDays;
    if (v['window-days'] !== undefined) {
        windowDays = Number(v['window-days']);
        if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 3650)
            throw new UsageError(`--window-days must be a whole number from 1 to 3650, got "${v['window-days']}"`);
    }
    let columns;
    if (v.columns !== undefined) {
        columns = {};
        for (const pair of v.columns.split(',')) {
            const [key, ...rest] = pair.split('=');
            const name = rest.join('=').trim();
            if (!(key.trim() in DEFAULT_INCIDENT_COLUMNS) || name === '')
                throw new UsageError(`--columns takes FIELD=COLUMN pairs with FIELD one of ${Object.keys(DEFAULT_INCIDENT_COLUMNS).join(', ')}; got "${pair}"`);
            columns[key.trim()] = name;
        }
    }
    const localRepository = await openLocalRepository(cwd);
    const root = localRepository.root;
    const head = localRepository.workingTree;
    const requested = await requestedPaths(cwd, root, parsed.positionals);
    if (requested.problems.length > 0) {
        for (const p of requested.problems)
            output.err(formatProblem(p));
        return EXIT.usage;
    }
    const configPath = v.config ?? CONFIG_FILE;
    const configText = await readInside(root, configPath);
    const configResult = loadRepositoryConfig(configPath, typeof configText === 'string' ? configText : undefined);
    if (!configResult.config) {
        for (const p of configResult.problems)
            output.err(sanitizeLogText(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`));
        return EXIT.usage;
    }
    const fromConfig = configuredSources(configResult.config);
    // Command-line files are the user's own paths (relative to the current folder); configured ones are repository paths.
    const local = new Set();
    const cliPath = (p) => {
        const absolute = resolve(cwd, p);
        local.add(absolute);
        return absolute;
    };
    const sources = {
        stix: [...fromConfig.stix, ...(v.stix ?? []).map(cliPath)],
        incidents: [...fromConfig.incidents, ...(v.incidents ?? []).map((p) => ({ path: cliPath(p), ...(columns ? { columns } : {}) }))],
        osv: v['osv-file'] !== undefined
            ? { mode: 'file', path: cliPath(v['osv-file']) }
            : v['osv-api'] !== undefined
                ? { mode: 'api', baseUrl: v['osv-api'] }
                : v.osv
                    ? { mode: 'api', baseUrl: OSV_API }
                    : fromConfig.osv,
        windowDays: windowDays ?? fromConfig.windowDays
    };
    const paths = requested.paths;
    const report = await collectIntel({
        head,
        config: configResult.config,
        paths,
        sources,
        today,
        readFeed: (path) => (local.has(path) ? readLocal(path) : readInside(root, path))
    });
    // Messages name files as the user gave them.
    const shown = (file) => (local.has(file) ? relative(cwd, file) || file : file);
    report.problems = report.problems.map((p) => ({ ...p, file: shown(p.file) }));
    for (const p of report.problems)
        output.err(sanitizeLogText(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`));
    for (const w of report.warnings)
        output.err(sanitizeLogText(`warning: ${w}`));
    output.out(v.format === 'json' ? JSON.stringify(report, null, 2) : renderIntelMarkdown(report));
    return report.problems.some((p) => p.severity === 'error') ? EXIT.findings : EXIT.ok;
}
function problemAt(file, message) {
    return { file, line: 1, column: 1, path: '', severity: 'error', code: 'intel/read', message };
}
async function readLocal(path) {
    try {
        const info = await (0,promises_.stat)(path);
        if (!info.isFile())
            return { error: 'not a file' };
        if (info.size > MAX_FEED_BYTES)
            return { error: `the file is ${info.size} bytes, over the limit of ${MAX_FEED_BYTES}` };
        return await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        const code = error.code;
        return { error: code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})` };
    }
}
/** Reads a repository path, resolving links first and refusing anything outside the repository. */
async function readInside(root, path) {
    const resolved = await (0,repository_files/* resolveInside */.LI)(root, path);
    if ('refused' in resolved)
        return { error: resolved.refused };
    if (resolved.missing)
        return { error: 'no such file in the repository' };
    return readLocal(resolved.real);
}

// EXTERNAL MODULE: ./src/adapters/github/client.ts + 6 modules
var github_client = __webpack_require__(2400);
;// CONCATENATED MODULE: ./src/adapters/github/intel-step.ts
// Scheduled and manually dispatched runs: read threat intelligence for the models and keep one
// "Threat intelligence update" issue per model (created, updated when the findings change, closed
// when none remain).








/** The label every intelligence issue carries (listed by it, so mitigation issues are never touched). */
const INTEL_LABEL = 'threatloop-intel';
function isIntelEvent(name) {
    return name === 'schedule' || name === 'workflow_dispatch';
}
/** Sources from the trusted configuration plus the action's inputs. */
function intelSources(fromConfig, inputs) {
    const osv = inputs.intelOsv === 'config'
        ? fromConfig.osv
        : inputs.intelOsv === 'off'
            ? { mode: 'off' }
            : inputs.intelOsv === 'on'
                ? { mode: 'api', baseUrl: osv_client_OSV_API }
                : { mode: 'api', baseUrl: inputs.intelOsv };
    return {
        stix: [...new Set([...fromConfig.stix, ...inputs.intelStix])],
        incidents: [
            ...fromConfig.incidents,
            ...inputs.intelIncidents.filter((p) => !fromConfig.incidents.some((i) => i.path === p)).map((path) => ({ path }))
        ],
        osv,
        ...(fromConfig.windowDays ? { windowDays: fromConfig.windowDays } : {})
    };
}
/** Runs intel on the checked-out commit and keeps the issues; never throws (failures become warnings). */
async function runIntelStep(client, target, inputs, env, identity) {
    const result = { created: [], updated: [], closed: [], unchanged: [], failed: [] };
    try {
        const local = await local_repository_openLocalRepository(env.GITHUB_WORKSPACE ?? process.cwd());
        const configText = await readInside(local.root, inputs.configPath);
        const loaded = (0,load/* loadRepositoryConfig */.P)(inputs.configPath, typeof configText === 'string' ? configText : undefined);
        if (!loaded.config) {
            for (const p of loaded.problems)
                core/* error */.z3((0,log_text/* sanitizeLogText */.f)(`${p.file}:${p.line}:${p.column}: ${p.message}`));
            core/* setFailed */.C1('Threatloop intel: the configuration cannot be read; no intelligence issue was changed');
            return undefined;
        }
        let modelIds = [];
        const report = await collectIntel({
            head: local.workingTree,
            config: loaded.config,
            paths: inputs.paths,
            sources: intelSources(configuredSources(loaded.config), inputs),
            readFeed: (path) => readInside(local.root, path),
            today: new Date().toISOString().slice(0, 10),
            onModels: (ids) => (modelIds = ids)
        });
        for (const p of report.problems)
            core/* warning */.$e((0,log_text/* sanitizeLogText */.f)(`${p.file}:${p.line}:${p.column}: ${p.message}`));
        for (const w of report.warnings)
            core/* warning */.$e((0,log_text/* sanitizeLogText */.f)(`intel: ${w}`));
        core/* info */.pq((0,log_text/* sanitizeLogText */.f)(`Threatloop intel: ${modelIds.length} model(s), ${report.proposals.length} proposal(s), ${report.unmodelled.length} unmodelled technique(s), ${report.vulnerable.length} vulnerable component(s)`));
        // A feed that could not be read must not close issues whose evidence it carried.
        const unreadable = report.problems.some((p) => p.severity === 'error');
        const listed = await listIntelIssues(client, target, identity);
        if (!listed) {
            // Without knowing who we are, an existing issue cannot be told from a planted one: write nothing.
            core/* warning */.$e('Threatloop intel: the identity of the token is unknown (set the bot-login input), so no intelligence issue was written');
            return result;
        }
        const plan = planIntelIssues(intelIssueBodies(report, modelIds), listed);
        result.unchanged = plan.unchanged;
        for (const op of plan.operations) {
            if (op.op === 'close' && unreadable) {
                core/* warning */.$e(`Threatloop intel: #${op.number} stays open because a feed or model could not be read`);
                continue;
            }
            try {
                await execute(client, target, op, result);
            }
            catch (error) {
                const { status, message } = (0,github_client/* describeError */.Uc)(error);
                result.failed.push((0,log_text/* sanitizeLogText */.f)(`${op.op} ${op.key}: ${status ?? 'network'}: ${message}`));
                if ((0,github_client/* isReadOnlyError */.hT)(error) || status === undefined || status >= 500)
                    break;
            }
        }
        const done = (what, numbers) => numbers.length > 0 ? `${what} ${numbers.map((n) => `#${n}`).join(', ')}` : '';
        const line = [
            done('opened', result.created),
            done('updated', result.updated),
            done('closed', result.closed),
            done('unchanged', result.unchanged)
        ]
            .filter((s) => s !== '')
            .join('; ');
        core/* info */.pq(`Threatloop intel issues: ${line || 'none needed'}`);
        for (const f of result.failed)
            core/* warning */.$e(`Threatloop intel: ${f}`);
        return result;
    }
    catch (error) {
        core/* warning */.$e((0,log_text/* sanitizeLogText */.f)(`Threatloop intel failed: ${(0,github_client/* describeError */.Uc)(error).message}`));
        return undefined;
    }
}
async function listIntelIssues(client, target, identity) {
    const raw = [];
    for await (const page of client.paginate.iterator(client.rest.issues.listForRepo, {
        ...target,
        labels: INTEL_LABEL,
        state: 'all',
        per_page: 100
    })) {
        for (const item of page.data) {
            if (item.pull_request)
                continue;
            raw.push({
                number: item.number,
                state: item.state === 'closed' ? 'closed' : 'open',
                body: item.body ?? '',
                login: item.user?.login ?? ''
            });
        }
    }
    // Ours = marker plus our identity (the pipeline's rule); an unknown identity owns nothing.
    const login = raw.length > 0 ? await identity() : undefined;
    if (raw.length > 0 && login === undefined)
        return undefined;
    return raw.map((r) => ({
        number: r.number,
        state: r.state,
        body: r.body,
        ours: login !== undefined && r.login.toLowerCase() === login.toLowerCase()
    }));
}
async function execute(client, target, op, result) {
    switch (op.op) {
        case 'create': {
            try {
                await client.rest.issues.createLabel({
                    ...target,
                    name: INTEL_LABEL,
                    color: 'd93f0b',
                    description: 'Threat intelligence update kept by Threatloop'
                });
            }
            catch (error) {
                if ((0,github_client/* describeError */.Uc)(error).status !== 422)
                    throw error;
            }
            const { data } = await client.rest.issues.create({ ...target, title: op.title, body: op.body, labels: [INTEL_LABEL] });
            result.created.push(data.number);
            return;
        }
        case 'update':
            await client.rest.issues.update({
                ...target,
                issue_number: op.number,
                body: op.body,
                ...(op.reopen ? { state: 'open' } : {})
            });
            result.updated.push(op.number);
            return;
        case 'close':
            await client.rest.issues.createComment({ ...target, issue_number: op.number, body: op.comment });
            await client.rest.issues.update({ ...target, issue_number: op.number, state: 'closed', state_reason: 'completed' });
            result.closed.push(op.number);
    }
}


/***/ })

};
