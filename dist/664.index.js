export const id = 664;
export const ids = [664];
export const modules = {

/***/ 6664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  reviewEvent: () => (/* binding */ reviewEvent)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/core/problems.ts
var core_problems = __webpack_require__(8155);
;// CONCATENATED MODULE: ./src/core/model/zod-problems.ts

function valueAt(root, path) {
    let current = root;
    for (const part of path) {
        if (current === null || typeof current !== 'object')
            return undefined;
        current = Object.hasOwn(current, part) ? current[part] : undefined;
    }
    return current;
}
function describeValue(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'null (an empty value)';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    if (typeof value === 'string')
        return `"${value.length > 60 ? value.slice(0, 60) + '…' : value}"`;
    return typeof value === 'number' || typeof value === 'boolean' ? `${typeof value} ${value}` : typeof value;
}
const TYPE_NAMES = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    date: 'a date'
};
/** Turns one zod issue into precise problems: position, path, what was expected, and a suggestion. */
function issueToProblems(file, issue, root, sourceMap, context) {
    const path = issue.path;
    const ownerElement = context.ownerAt(root, path);
    const elementId = ownerElement?.id;
    const owner = ownerElement ? ` in ${ownerElement.kind} ${ownerElement.id}` : '';
    const make = (at, message, code, key = false) => ({
        file,
        ...sourceMap.locate(at, { key }),
        path: (0,core_problems/* formatDocumentPath */.qe)(at),
        severity: 'error',
        code,
        message,
        elementId
    });
    switch (issue.code) {
        case 'unrecognized_keys': {
            const known = knownKeysAt(context.rootSchema, path);
            return issue.keys.map((key) => {
                const suggestion = (0,core_problems/* suggestClosest */.y6)(key, known);
                let hint = suggestion ? `; did you mean \`${suggestion}\`?` : known.length > 0 ? `; expected one of: ${known.join(', ')}` : '';
                // `{ title: Edge (CDN, WAF) }` splits at the commas; the pieces become keys without values.
                if (!suggestion && valueAt(root, [...path, key]) === null && /[\s()]/.test(key)) {
                    hint += '. If this is part of a text, quote the text: commas split entries inside `{ … }`';
                }
                return make([...path, key], `unknown key \`${key}\`${owner}${hint}`, 'schema/unknown-key', true);
            });
        }
        case 'invalid_value': {
            const actual = valueAt(root, path);
            const values = issue.values;
            if (values.length === 1 && path.length === 1 && path[0] === 'threatloop') {
                return [make(path, actual === undefined ? 'missing `threatloop: 1`: the format version is required on the first line' : issue.message, 'schema/version')];
            }
            const key = path[path.length - 1];
            if (actual === undefined && typeof key === 'string') {
                return [make(path.slice(0, -1), `missing required key \`${key}\`${owner}; expected one of ${(0,core_problems/* formatChoices */.gc)(values)}`, 'schema/missing-key')];
            }
            const suggestion = typeof actual === 'string' ? (0,core_problems/* suggestClosest */.y6)(actual, values.map(String)) : undefined;
            const hint = suggestion ? `; did you mean \`${suggestion}\`?` : '';
            return [make(path, `expected one of ${(0,core_problems/* formatChoices */.gc)(values)}${owner}, got ${describeValue(actual)}${hint}`, 'schema/invalid-value')];
        }
        case 'invalid_type': {
            const actual = valueAt(root, path);
            const key = path[path.length - 1];
            if (actual === undefined && typeof key === 'string') {
                return [make(path.slice(0, -1), `missing required key \`${key}\`${owner}`, 'schema/missing-key')];
            }
            if (issue.message && !issue.message.startsWith('Invalid input'))
                return [make(path, withOwner(issue.message, owner), 'schema/invalid-type')];
            const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
            return [make(path, `expected ${expected}${owner}, got ${describeValue(actual)}`, 'schema/invalid-type')];
        }
        case 'invalid_union': {
            const actual = valueAt(root, path);
            const branches = issue.errors;
            if (branches.length > 0) {
                // Pick the branch the value was most likely meant for: the one with the fewest issues.
                const best = [...branches].sort((a, b) => a.length - b.length)[0];
                const nested = best.map((inner) => ({ ...inner, path: [...path, ...inner.path] }));
                if (nested.length > 0 && !(actual !== null && typeof actual !== 'object' && best.every((i) => i.code === 'invalid_type'))) {
                    return nested.flatMap((inner) => issueToProblems(file, inner, root, sourceMap, context));
                }
            }
            return [make(path, `unexpected value${owner}: ${describeValue(actual)} matches none of the allowed forms`, 'schema/invalid-union')];
        }
        case 'too_small':
        case 'too_big': {
            const actual = valueAt(root, path);
            const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
            const relation = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
            const what = issue.origin === 'string' ? `text of length ${relation} ${bound}` : issue.origin === 'array' ? `a list of ${relation} ${bound} items` : `a number ${relation} ${bound}`;
            return [make(path, `expected ${what}${owner}, got ${describeValue(actual)}`, 'schema/out-of-range')];
        }
        case 'invalid_format':
            return [make(path, `${issue.message}${owner}, got ${describeValue(valueAt(root, path))}`, 'schema/invalid-format')];
        default: {
            if (issue.message.includes(', got '))
                return [make(path, withOwner(issue.message, owner), 'schema/invalid')];
            const actual = valueAt(root, path);
            const got = actual === undefined || (actual !== null && typeof actual === 'object') ? '' : `, got ${describeValue(actual)}`;
            return [make(path, `${issue.message}${owner}${got}`, 'schema/invalid')];
        }
    }
}
/** Names the owner before the offending value: "expected X in threat T-1, got Y". */
function withOwner(message, owner) {
    const at = message.indexOf(', got ');
    return at >= 0 ? `${message.slice(0, at)}${owner}${message.slice(at)}` : `${message}${owner}`;
}
function definitionOf(schema) {
    return schema._zod.def;
}
/** The keys an object in the schema accepts at a document path (for "did you mean"). */
function knownKeysAt(rootSchema, path) {
    const keys = new Set();
    for (const d of schemasAt(rootSchema, path))
        if (d.type === 'object' && d.shape)
            for (const k of Object.keys(d.shape))
                keys.add(k);
    return [...keys];
}
function schemasAt(rootSchema, path) {
    let candidates = [rootSchema];
    for (const part of path) {
        candidates = candidates.flatMap((schema) => unwrap(schema).flatMap((d) => {
            if (typeof part === 'number')
                return d.type === 'array' && d.element ? [d.element] : [];
            return d.type === 'object' && d.shape && Object.hasOwn(d.shape, part) ? [d.shape[part]] : [];
        }));
    }
    return candidates.flatMap(unwrap);
}
function unwrap(schema) {
    const def = definitionOf(schema);
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType)
        return unwrap(def.innerType);
    if (def.type === 'pipe' && def.in)
        return unwrap(def.in);
    if (def.type === 'union' && def.options)
        return def.options.flatMap(unwrap);
    return [def];
}

// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
;// CONCATENATED MODULE: ./src/core/model/yaml-document.ts

const DEFAULT_PARSE_LIMITS = {
    maxFileBytes: 10 * 1024 * 1024,
    maxDepth: 64,
    maxAliases: 1000,
    // A 10 MB model without aliases has about a million nodes; twice that leaves room for anchors.
    maxExpandedNodes: 2_000_000
};
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** Turns file bytes into text, or explains why they are not UTF-8 text. */
function decodeModelText(file, content) {
    const at = (message, code, line = 1, column = 1) => ({
        problem: { file, line, column, path: '', severity: 'error', code, message }
    });
    if (typeof content === 'string') {
        return { text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content };
    }
    if (content.length >= 2 && ((content[0] === 0xff && content[1] === 0xfe) || (content[0] === 0xfe && content[1] === 0xff))) {
        return at('the file is UTF-16 encoded; save it as UTF-8', 'encoding/utf16');
    }
    // Without a BOM, UTF-16 text shows as ASCII letters interleaved with zero bytes.
    if (content.length >= 4 && content[0] !== 0 && content[1] === 0 && content[2] !== 0 && content[3] === 0) {
        return at('the file looks UTF-16 encoded (little-endian, no byte-order mark); save it as UTF-8', 'encoding/utf16');
    }
    if (content.length >= 4 && content[0] === 0 && content[1] !== 0 && content[2] === 0 && content[3] !== 0) {
        return at('the file looks UTF-16 encoded (big-endian, no byte-order mark); save it as UTF-8', 'encoding/utf16');
    }
    let bytes = content;
    if (bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2])
        bytes = bytes.subarray(3);
    try {
        return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
    }
    catch {
        // Find the first invalid byte so the message can point at it.
        const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
        const bad = text.indexOf('\ufffd');
        const position = bad >= 0 ? new LineIndex(text).position(bad) : { line: 1, column: 1 };
        return at('the file is not valid UTF-8 text (invalid byte sequence); save it as UTF-8', 'encoding/invalid-utf8', position.line, position.column);
    }
}
/** Maps offsets to 1-based lines and columns; understands LF, CRLF and lone CR. */
class LineIndex {
    starts = [0];
    constructor(text) {
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 10)
                this.starts.push(i + 1);
            else if (c === 13) {
                if (text.charCodeAt(i + 1) === 10)
                    i++;
                this.starts.push(i + 1);
            }
        }
    }
    position(offset) {
        let low = 0;
        let high = this.starts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.starts[mid] <= offset)
                low = mid;
            else
                high = mid - 1;
        }
        return { line: low + 1, column: offset - this.starts[low] + 1 };
    }
}
/** Locates document paths in the source text; built lazily on first use. */
class SourceMap {
    file;
    text;
    events;
    root;
    anchors = new Map();
    lineIndex;
    constructor(file, text, events) {
        this.file = file;
        this.text = text;
        this.events = events;
    }
    /** Position of an offset in the text. */
    positionOf(offset) {
        this.lineIndex ??= new LineIndex(this.text);
        return this.lineIndex.position(offset);
    }
    /**
     * Position of the value at `path`; when the path does not exist, the position of its deepest
     * existing ancestor. With `key: true`, the position of the key that holds the value.
     */
    locate(path, options = {}) {
        let node = this.tree();
        let exact = true;
        for (const part of path) {
            const target = this.resolve(node);
            const next = typeof part === 'number' ? target.items?.[part] : target.entries?.get(part);
            if (!next) {
                exact = false;
                break;
            }
            node = next;
        }
        const offset = options.key && exact ? node.keyStart : node.start;
        return this.positionOf(Math.max(0, offset));
    }
    /** Whether the path exists in the document. */
    has(path) {
        let node = this.tree();
        for (const part of path) {
            const target = this.resolve(node);
            const next = typeof part === 'number' ? target.items?.[part] : target.entries?.get(part);
            if (!next)
                return false;
            node = next;
        }
        return true;
    }
    resolve(node) {
        let current = node;
        for (let hops = 0; current.alias !== undefined && hops < 64; hops++) {
            const target = this.anchors.get(current.alias);
            if (!target)
                break;
            current = target;
        }
        return current;
    }
    tree() {
        if (this.root)
            return this.root;
        const text = this.text;
        const root = { start: 0, keyStart: 0 };
        const stack = [];
        let rootSet = false;
        const anchorName = (start, end) => (start >= 0 ? text.slice(start, end) : undefined);
        // Attach a freshly opened or scalar node to its parent; returns false when it was a mapping key.
        const place = (node, keyName) => {
            const parent = stack[stack.length - 1];
            if (!parent) {
                if (!rootSet) {
                    Object.assign(root, node);
                    rootSet = true;
                }
                return true;
            }
            if (parent.mapping) {
                if (parent.expectKey) {
                    parent.pendingKey = keyName === undefined ? undefined : { name: keyName, start: node.start };
                    parent.expectKey = false;
                    return false;
                }
                parent.expectKey = true;
                if (parent.pendingKey) {
                    node.keyStart = parent.pendingKey.start;
                    parent.node.entries.set(parent.pendingKey.name, node);
                }
                return true;
            }
            node.keyStart = node.start;
            parent.node.items.push(node);
            return true;
        };
        for (const event of this.events) {
            switch (event.type) {
                case js_yaml/* EVENT_ID */.hy.SCALAR: {
                    const quoted = event.style === js_yaml/* SCALAR_STYLE */.jK.SINGLE_QUOTED || event.style === js_yaml/* SCALAR_STYLE */.jK.DOUBLE_QUOTED;
                    const start = event.valueStart >= 0 ? event.valueStart - (quoted ? 1 : 0) : Math.max(0, event.anchorStart);
                    const node = { start, keyStart: start };
                    const parent = stack[stack.length - 1];
                    const isKey = parent?.mapping === true && parent.expectKey;
                    place(node, isKey ? (0,js_yaml/* getScalarValue */.KE)(text, event) : undefined);
                    const anchor = anchorName(event.anchorStart, event.anchorEnd);
                    if (anchor && !isKey)
                        this.anchors.set(anchor, node);
                    break;
                }
                case js_yaml/* EVENT_ID */.hy.ALIAS: {
                    const name = text.slice(event.anchorStart, event.anchorEnd);
                    const node = { start: Math.max(0, event.anchorStart - 1), keyStart: 0, alias: name };
                    place(node, undefined);
                    break;
                }
                case js_yaml/* EVENT_ID */.hy.MAPPING:
                case js_yaml/* EVENT_ID */.hy.SEQUENCE: {
                    const mapping = event.type === js_yaml/* EVENT_ID */.hy.MAPPING;
                    const node = { start: event.start, keyStart: event.start };
                    if (mapping)
                        node.entries = new Map();
                    else
                        node.items = [];
                    const parent = stack[stack.length - 1];
                    const isKey = parent?.mapping === true && parent.expectKey;
                    place(node, undefined);
                    const anchor = anchorName(event.anchorStart, event.anchorEnd);
                    if (anchor && !isKey)
                        this.anchors.set(anchor, node);
                    stack.push({ node: isKey ? { start: node.start, keyStart: node.start, entries: new Map(), items: [] } : node, mapping, pendingKey: undefined, expectKey: true });
                    break;
                }
                case js_yaml/* EVENT_ID */.hy.POP:
                    if (stack.length > 0)
                        stack.pop();
                    break;
                default:
                    break;
            }
        }
        this.root = root;
        return root;
    }
}
/**
 * Friendlier wording for the parser's most common complaints. js-yaml reports where it noticed
 * the problem; for unclosed brackets and quotes that is often lines later, so those point back
 * at the opening character instead.
 */
function explainYamlError(text, reason, offset) {
    if (/tab characters must not be used in indentation/i.test(reason)) {
        return { message: 'a tab character is used for indentation; YAML indents with spaces only', offset };
    }
    if (/duplicated mapping key/i.test(reason)) {
        const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#\r\n]*?)\s*:(?:\s|$)/.exec(text.slice(offset))?.[1]?.trim();
        const first = key ? firstKeyLine(text, offset, key) : undefined;
        return { message: `duplicate key${key ? ` \`${key}\`` : ''} in a mapping${first ? ` (first at line ${first})` : ''}; each key may appear once`, offset };
    }
    if (/deficient indentation|unexpected end of the stream within/i.test(reason)) {
        const open = unclosedAt(text, offset);
        if (open?.kind === 'quote') {
            const name = open.char === '"' ? 'double' : 'single';
            return { message: `unclosed quote: the ${name}-quoted text that starts here has no closing ${open.char}`, offset: open.offset };
        }
        if (open?.kind === 'bracket') {
            const closer = open.char === '{' ? '}' : ']';
            const what = open.char === '{' ? 'flow mapping' : 'flow list';
            return { message: `unclosed \`${open.char}\`: the ${what} that starts here has no matching \`${closer}\``, offset: open.offset };
        }
    }
    if (/bad indentation of a mapping entry/i.test(reason)) {
        const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        const before = text.slice(lineStart, offset);
        if (/:\s+\S/.test(before.replace(/^\s*(-\s+)*/, ''))) {
            return { message: 'a plain value contains `: `, which YAML reads as another key; quote the value', offset };
        }
        const indent = /^[ ]*/.exec(before)?.[0].length ?? 0;
        const key = before.slice(indent).trim();
        return {
            message: `bad indentation${key ? ` of the key \`${key}\`` : ''}: keys of one mapping must line up, and nested keys belong under a key with no value on its line`,
            offset: lineStart + indent
        };
    }
    if (/missed comma between flow collection entries/i.test(reason)) {
        return { message: 'missing comma before this entry of a `[…]` or `{…}` collection (or a value with a comma that needs quoting)', offset: keyStartBefore(text, offset) };
    }
    const tag = /unknown (?:scalar|sequence|mapping) tag !<(?:tag:yaml\.org,2002:)?!?([^>]*)>/i.exec(reason);
    if (tag)
        return { message: `YAML tags such as \`!${tag[1]}\` are not supported in model files; remove the tag`, offset };
    const alias = /unidentified alias "([^"]*)"/i.exec(reason);
    if (alias) {
        const star = text.lastIndexOf(`*${alias[1]}`, offset);
        return { message: `the alias \`*${alias[1]}\` refers to no anchor \`&${alias[1]}\` defined before it`, offset: star >= 0 ? star : offset };
    }
    return { message: `YAML syntax error: ${reason}`, offset };
}
/**
 * Line of the earlier occurrence of a duplicated block-mapping key: the nearest line above at the
 * same key column (after any `- `), without leaving the mapping.
 */
function firstKeyLine(text, offset, key) {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const column = offset - lineStart;
    const above = text.slice(0, lineStart).split(/\r?\n/);
    for (let n = above.length - 1; n >= 0; n--) {
        const line = above[n];
        if (/^\s*(#.*)?$/.test(line))
            continue;
        const indent = /^ */.exec(line)?.[0].length ?? 0;
        const keyColumn = /^[ ]*(?:-[ ]+)*/.exec(line)?.[0].length ?? 0;
        if (keyColumn === column && line.slice(keyColumn).startsWith(`${key}:`))
            return n + 1;
        if (indent < column)
            return undefined;
    }
    return undefined;
}
/** Start of the key that ends just before `colon` (a quoted string or a run of plain characters). */
function keyStartBefore(text, colon) {
    let i = colon - 1;
    while (i > 0 && (text[i] === ' ' || text[i] === '\t'))
        i--;
    if (text[i] === '"' || text[i] === "'") {
        const open = text.lastIndexOf(text[i], i - 1);
        return open >= 0 ? open : colon;
    }
    while (i > 0 && !/[\s,[\]{}]/.test(text[i - 1]))
        i--;
    return i;
}
/** Offset just past a block scalar (`|` or `>` at `indicator`): its lines are more indented than the line that opens it. */
function blockScalarEnd(text, indicator, end) {
    const lineStart = text.lastIndexOf('\n', indicator) + 1;
    const indent = /^ */.exec(text.slice(lineStart, indicator))?.[0].length ?? 0;
    let next = text.indexOf('\n', indicator);
    while (next >= 0 && next + 1 < end) {
        const line = /^( *)([^\r\n]?)/.exec(text.slice(next + 1));
        const blank = line?.[2] === '' || line?.[2] === undefined;
        if (!blank && (line?.[1].length ?? 0) <= indent)
            return next + 1;
        next = text.indexOf('\n', next + 1);
    }
    return next < 0 ? end : Math.min(next + 1, end);
}
/**
 * The quote or flow bracket still open at `end`, scanning the text like YAML does: quotes and
 * brackets only start a node where a value may begin, and comments are skipped.
 */
function unclosedAt(text, end) {
    const brackets = [];
    let quote;
    // Whether a node may begin at the current position (after indentation, `- `, `: `, `[`, `{`, `,`).
    let nodeStart = true;
    for (let i = 0; i < end && i < text.length; i++) {
        const c = text[i];
        if (quote) {
            if (quote.char === '"' && c === '\\')
                i++;
            else if (quote.char === "'" && c === "'" && text[i + 1] === "'")
                i++;
            else if (c === quote.char) {
                quote = undefined;
                nodeStart = false;
            }
            continue;
        }
        if (c === '\n' || c === '\r') {
            nodeStart = true;
            continue;
        }
        if (c === ' ' || c === '\t')
            continue;
        if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
            while (i + 1 < end && text[i + 1] !== '\n' && text[i + 1] !== '\r')
                i++;
            continue;
        }
        if (nodeStart && (c === '"' || c === "'")) {
            quote = { kind: 'quote', char: c, offset: i };
            continue;
        }
        if (nodeStart && brackets.length === 0 && (c === '|' || c === '>')) {
            i = blockScalarEnd(text, i, end) - 1;
            nodeStart = true;
            continue;
        }
        if (nodeStart && (c === '[' || c === '{')) {
            brackets.push({ kind: 'bracket', char: c, offset: i });
            continue;
        }
        if (brackets.length > 0 && (c === ']' || c === '}')) {
            brackets.pop();
            nodeStart = false;
            continue;
        }
        if (brackets.length > 0 && c === ',') {
            nodeStart = true;
            continue;
        }
        const next = text[i + 1];
        // Inside `[…]`/`{…}` a value may follow `:` directly, as in JSON (`"a":"b"`).
        if ((c === '-' || c === ':' || c === '?') && (next === undefined || /\s/.test(next) || (brackets.length > 0 && c === ':'))) {
            nodeStart = true;
            continue;
        }
        nodeStart = false;
    }
    return quote ?? brackets[brackets.length - 1];
}
/**
 * Parses one YAML (or JSON) document with the given limits. Returns the value and a source map,
 * or every problem that stopped it (syntax errors stop at the first, as YAML parsers do).
 */
function parseYamlDocument(file, text, limits = DEFAULT_PARSE_LIMITS) {
    const fail = (message, code, line = 1, column = 1) => ({
        ok: false,
        problems: [{ file, line, column, path: '', severity: 'error', code, message }]
    });
    // A UTF-8 character takes at most three bytes per UTF-16 unit, so short texts need no encoding.
    const byteLength = text.length * 3 <= limits.maxFileBytes ? text.length : new TextEncoder().encode(text).length;
    const tooLarge = fileSizeProblem(file, byteLength, limits);
    if (tooLarge)
        return { ok: false, problems: [tooLarge] };
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
        const position = new LineIndex(text).position(nul);
        return fail('the file contains a NUL byte; it is binary, not YAML or JSON text', 'encoding/binary', position.line, position.column);
    }
    let events;
    try {
        events = (0,js_yaml/* parseEvents */.PH)(text, { filename: file, maxDepth: limits.maxDepth });
    }
    catch (error) {
        return yamlErrorResult(file, text, error, limits);
    }
    let documents = 0;
    for (const event of events)
        if (event.type === js_yaml/* EVENT_ID */.hy.DOCUMENT)
            documents++;
    if (documents === 0 || (documents === 1 && events.length <= 2)) {
        return fail(text.trim() === '' ? 'the file is empty; a model needs at least `threatloop: 1` and a `model:` section' : 'the file holds only comments; a model needs at least `threatloop: 1` and a `model:` section', 'structure/empty');
    }
    if (documents > 1) {
        const position = new LineIndex(text).position(secondDocumentStart(text, events));
        return fail('the file holds more than one YAML document (`---`); a model file holds exactly one', 'structure/multiple-documents', position.line, position.column);
    }
    const expansion = checkAliasExpansion(text, events, limits);
    if (expansion) {
        const position = new LineIndex(text).position(expansion.offset);
        return fail(expansion.message, 'limits/aliases', position.line, position.column);
    }
    let value;
    try {
        value = (0,js_yaml/* constructFromEvents */.fw)(events, { source: text, filename: file, maxAliases: limits.maxAliases })[0];
    }
    catch (error) {
        return yamlErrorResult(file, text, error, limits);
    }
    return { ok: true, document: { value, sourceMap: new SourceMap(file, text, events) } };
}
/** The problem for a file over the size limit, if it is. */
function fileSizeProblem(file, byteLength, limits) {
    if (byteLength <= limits.maxFileBytes)
        return undefined;
    return {
        file,
        line: 1,
        column: 1,
        path: '',
        severity: 'error',
        code: 'limits/file-size',
        message: `the file is ${byteLength} bytes, over the limit of ${limits.maxFileBytes} bytes`
    };
}
/**
 * Offset of the `---` that starts the second document (document markers cannot occur inside
 * scalars, so a line-start match is exact), or of its first node when there is no marker.
 */
function secondDocumentStart(text, events) {
    let documents = 0;
    let firstNode = -1;
    let secondNode = -1;
    for (const event of events) {
        if (event.type === js_yaml/* EVENT_ID */.hy.DOCUMENT)
            documents++;
        const start = event.type === js_yaml/* EVENT_ID */.hy.MAPPING || event.type === js_yaml/* EVENT_ID */.hy.SEQUENCE ? event.start : event.type === js_yaml/* EVENT_ID */.hy.SCALAR ? event.valueStart : -1;
        if (start < 0)
            continue;
        if (documents === 1 && firstNode < 0)
            firstNode = start;
        if (documents === 2) {
            secondNode = start;
            break;
        }
    }
    const marker = /^---(?=[ \t\r\n]|$)/gm;
    marker.lastIndex = Math.max(0, firstNode);
    const found = marker.exec(text);
    if (found && (secondNode < 0 || found.index <= secondNode))
        return found.index;
    return Math.max(0, secondNode);
}
function yamlErrorResult(file, text, error, limits) {
    const problem = (line, column, code, message) => ({
        ok: false,
        problems: [{ file, line, column, path: '', severity: 'error', code, message }]
    });
    if (!(error instanceof js_yaml/* YAMLException */.tB)) {
        const reason = error instanceof Error ? error.message : String(error);
        return problem(1, 1, 'syntax/yaml', `the file could not be parsed: ${reason}`);
    }
    const offset = error.mark ? Math.min(Math.max(0, error.mark.position), text.length) : 0;
    if (/nesting|depth/i.test(error.reason)) {
        const at = new LineIndex(text).position(offset);
        return problem(at.line, at.column, 'limits/depth', `the document nests deeper than ${limits.maxDepth} levels`);
    }
    const explained = explainYamlError(text, error.reason, offset);
    const at = new LineIndex(text).position(explained.offset);
    return problem(at.line, at.column, 'syntax/yaml', explained.message);
}
/** Counts nodes as they would be after following aliases, without expanding anything. */
function checkAliasExpansion(text, events, limits) {
    // An alias is written `*name`: a document without `*` has none to expand.
    if (!text.includes('*'))
        return undefined;
    const sizes = new Map();
    const counts = [0];
    const anchors = [undefined];
    const starts = [0];
    let aliases = 0;
    for (const event of events) {
        switch (event.type) {
            case js_yaml/* EVENT_ID */.hy.SCALAR: {
                counts[counts.length - 1] += 1;
                if (event.anchorStart >= 0)
                    sizes.set(text.slice(event.anchorStart, event.anchorEnd), 1);
                break;
            }
            case js_yaml/* EVENT_ID */.hy.ALIAS: {
                aliases++;
                if (aliases > limits.maxAliases) {
                    return { message: `the file uses more than ${limits.maxAliases} aliases`, offset: Math.max(0, event.anchorStart - 1) };
                }
                const size = sizes.get(text.slice(event.anchorStart, event.anchorEnd)) ?? 1;
                counts[counts.length - 1] += size;
                if (counts[counts.length - 1] > limits.maxExpandedNodes) {
                    return { message: `aliases expand the document beyond ${limits.maxExpandedNodes} nodes (an alias bomb?)`, offset: Math.max(0, event.anchorStart - 1) };
                }
                break;
            }
            case js_yaml/* EVENT_ID */.hy.MAPPING:
            case js_yaml/* EVENT_ID */.hy.SEQUENCE:
                counts.push(1);
                anchors.push(event.anchorStart >= 0 ? text.slice(event.anchorStart, event.anchorEnd) : undefined);
                starts.push(event.start);
                break;
            case js_yaml/* EVENT_ID */.hy.POP: {
                if (counts.length <= 1)
                    break;
                const size = counts.pop();
                const anchor = anchors.pop();
                const start = starts.pop();
                if (anchor !== undefined)
                    sizes.set(anchor, size);
                counts[counts.length - 1] += size;
                if (counts[counts.length - 1] > limits.maxExpandedNodes) {
                    // The collection that just closed is the one that pushed its parent over the limit.
                    return { message: `aliases expand the document beyond ${limits.maxExpandedNodes} nodes (an alias bomb?)`, offset: start };
                }
                break;
            }
            default:
                break;
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
;// CONCATENATED MODULE: ./src/core/model/schema.ts

/** Format versions this release reads. */
const SUPPORTED_FORMAT_VERSIONS = (/* unused pure expression or super */ null && ([1]));
const schema_LEVELS = ['very-low', 'low', 'medium', 'high', 'very-high'];
const CRITICALITIES = ['low', 'medium', 'high', 'critical'];
const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'];
const CIA_LEVELS = ['none', 'low', 'medium', 'high', 'very-high'];
const COMPONENT_TYPES = [
    'user',
    'external',
    'service',
    'process',
    'datastore',
    'queue',
    'function',
    'identity-provider',
    'secrets-store',
    'gateway',
    'device',
    'pipeline',
    'repository'
];
const LIFECYCLES = ['planned', 'development', 'production', 'deprecated', 'retired'];
const STRIDE_CATEGORIES = [
    'spoofing',
    'tampering',
    'repudiation',
    'information-disclosure',
    'denial-of-service',
    'elevation-of-privilege'
];
const LINDDUN_CATEGORIES = [
    'linking',
    'identifying',
    'non-repudiation',
    'detecting',
    'data-disclosure',
    'unawareness',
    'non-compliance'
];
const THREAT_CATEGORIES = [...STRIDE_CATEGORIES, ...LINDDUN_CATEGORIES];
const THREAT_STATUSES = ['open', 'mitigated', 'accepted', 'transferred', 'not-applicable'];
const MITIGATION_TYPES = ['preventive', 'detective', 'corrective', 'deterrent', 'recovery', 'compensating'];
const MITIGATION_STATUSES = ['proposed', 'planned', 'in-progress', 'implemented', 'verified', 'existing', 'rejected'];
const ROADMAP_HORIZONS = ['short', 'mid', 'long'];
const RISK_FACTORS = ['tef', 'vulnerability', 'lef', 'primary', 'secondary', 'loss'];
const EFFECT_STRENGTHS = ['weak', 'average', 'strong', 'maximum'];
const CONFIDENCES = ['low', 'medium', 'high'];
const ROOT_CAUSES = ['people', 'process', 'technology'];
const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];
const BUG_BAR_CLASSES = ['critical', 'important', 'moderate', 'low'];
const THREAGILE_LIKELIHOODS = ['unlikely', 'likely', 'very-likely', 'frequent'];
const THREAGILE_IMPACTS = ['low', 'medium', 'high', 'very-high'];
const ACTOR_CAPABILITIES = ['low', 'medium', 'high', 'very-high'];
const PRIORITIES = ['low', 'medium', 'high', 'critical'];
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** An element id: letters, digits and `. _ : / -`, starting with a letter or digit. */
const Id = schemas/* string */.YjP({ error: (issue) => (issue.input === undefined ? 'an id is required' : `expected an id (a string), got ${describe(issue.input)}; quote it if it looks like a number`) })
    .regex(ID_PATTERN, { error: 'an id may hold letters, digits and . _ : / - and must start with a letter or digit' })
    .max(200);
const IdList = schemas/* array */.YOg(Id);
/** A calendar date written `YYYY-MM-DD`. */
const CalendarDate = schemas/* string */.YjP({ error: (issue) => `expected a date written YYYY-MM-DD, got ${describe(issue.input)}` })
    .regex(DATE_PATTERN, { error: 'expected a date written YYYY-MM-DD' })
    // Only dates that match the pattern are checked here; the pattern reports the others.
    .refine((value) => !DATE_PATTERN.test(value) || isRealDate(value), { error: (issue) => `expected a real calendar date (YYYY-MM-DD), got ${describe(issue.input)}` });
const Text = schemas/* string */.YjP().max(100_000);
const ShortText = schemas/* string */.YjP().max(2_000);
const Probability = schemas/* number */.aig().min(0).max(1);
const NonNegative = schemas/* number */.aig().min(0);
/** A three-point estimate (beta-PERT): min ≤ likely ≤ max, with an optional confidence. */
function threePoint(value) {
    return schemas/* strictObject */.rej({ min: value, likely: value, max: value, confidence: schemas/* enum */.k5n(CONFIDENCES).optional() })
        .refine((r) => r.min <= r.likely && r.likely <= r.max, {
        error: (issue) => `expected min ≤ likely ≤ max, got ${describeRange(issue.input, ['min', 'likely', 'max'])}`
    });
}
/** A 90 % confidence interval (p5, p95), modelled as a lognormal. */
function interval90(value) {
    return schemas/* strictObject */.rej({ p5: value, p95: value })
        .refine((r) => r.p5 > 0 && r.p5 < r.p95, { error: (issue) => `expected 0 < p5 < p95, got ${describeRange(issue.input, ['p5', 'p95'])}` });
}
function estimate(value) {
    return schemas/* union */.KCZ([threePoint(value), interval90(value)]);
}
const FrequencyEstimate = estimate(NonNegative);
const ProbabilityEstimate = threePoint(Probability);
const MoneyEstimate = estimate(NonNegative);
const PercentileEstimate = threePoint(schemas/* number */.aig().min(0).max(100));
const FairInputs = schemas/* strictObject */.rej({
    confidence: schemas/* enum */.k5n(CONFIDENCES).optional(),
    tef: FrequencyEstimate.optional(),
    vulnerability: schemas/* union */.KCZ([ProbabilityEstimate, schemas/* strictObject */.rej({ threat_capability: PercentileEstimate, resistance_strength: PercentileEstimate })])
        .optional(),
    lef: FrequencyEstimate.optional(),
    loss: schemas/* strictObject */.rej({
        primary: schemas/* strictObject */.rej({
            productivity: MoneyEstimate.optional(),
            response: MoneyEstimate.optional(),
            replacement: MoneyEstimate.optional(),
            competitive_advantage: MoneyEstimate.optional(),
            fines_judgements: MoneyEstimate.optional(),
            reputation: MoneyEstimate.optional()
        })
            .optional(),
        secondary: schemas/* strictObject */.rej({
            probability: ProbabilityEstimate,
            productivity: MoneyEstimate.optional(),
            response: MoneyEstimate.optional(),
            replacement: MoneyEstimate.optional(),
            competitive_advantage: MoneyEstimate.optional(),
            fines_judgements: MoneyEstimate.optional(),
            reputation: MoneyEstimate.optional()
        })
            .optional()
    })
        .optional(),
    evidence: schemas/* array */.YOg(ShortText).optional()
});
const OwaspFactor = schemas/* number */.aig().min(0).max(9);
const OwaspRating = schemas/* strictObject */.rej({
    skill: OwaspFactor,
    motive: OwaspFactor,
    opportunity: OwaspFactor,
    size: OwaspFactor,
    discovery: OwaspFactor,
    exploit: OwaspFactor,
    awareness: OwaspFactor,
    detection: OwaspFactor,
    confidentiality: OwaspFactor.optional(),
    integrity: OwaspFactor.optional(),
    availability: OwaspFactor.optional(),
    accountability: OwaspFactor.optional(),
    financial: OwaspFactor.optional(),
    reputation: OwaspFactor.optional(),
    non_compliance: OwaspFactor.optional(),
    privacy: OwaspFactor.optional()
});
const DreadScore = schemas/* number */.aig().min(0).max(10);
/** Per-threat risk inputs: qualitative, imported scores, or FAIR ranges. */
const ThreatRisk = schemas/* strictObject */.rej({
    likelihood: schemas/* enum */.k5n(schema_LEVELS).optional(),
    impact: schemas/* enum */.k5n(schema_LEVELS).optional(),
    cvss: schemas/* string */.YjP()
        .regex(/^CVSS:3\.[01]\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[NLH]\/I:[NLH]\/A:[NLH](\/[A-Za-z]+:[A-Za-z])*$/, {
        error: 'expected a CVSS 3.1 vector such as CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N'
    })
        .optional(),
    owasp: OwaspRating.optional(),
    bugbar: schemas/* enum */.k5n(BUG_BAR_CLASSES).optional(),
    threagile: schemas/* strictObject */.rej({ likelihood: schemas/* enum */.k5n(THREAGILE_LIKELIHOODS), impact: schemas/* enum */.k5n(THREAGILE_IMPACTS) }).optional(),
    dread: schemas/* strictObject */.rej({ damage: DreadScore, reproducibility: DreadScore, exploitability: DreadScore, affected_users: DreadScore, discoverability: DreadScore })
        .optional(),
    fair: FairInputs.optional()
});
const References = schemas/* strictObject */.rej({
    cwe: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^CWE-\d+$/, { error: 'expected a CWE id such as CWE-79' })).optional(),
    capec: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^CAPEC-\d+$/, { error: 'expected a CAPEC id such as CAPEC-66' })).optional(),
    attack: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^(T\d{4}(\.\d{3})?|TA\d{4}|M\d{4})$/, { error: 'expected an ATT&CK id such as T1190 or T1550.004' })).optional(),
    standards: schemas/* array */.YOg(ShortText).optional(),
    links: schemas/* array */.YOg(ShortText).optional()
});
const Acceptance = schemas/* strictObject */.rej({
    by: ShortText.optional(),
    reason: Text.optional(),
    expires: CalendarDate.optional(),
    date: CalendarDate.optional()
});
const ModelSection = schemas/* strictObject */.rej({
    id: Id,
    title: ShortText,
    owner: ShortText.optional(),
    description: Text.optional(),
    business: schemas/* strictObject */.rej({
        criticality: schemas/* enum */.k5n(CRITICALITIES).optional(),
        objectives: schemas/* array */.YOg(ShortText).optional(),
        description: Text.optional(),
        use_cases: schemas/* array */.YOg(ShortText).optional()
    })
        .optional(),
    standards: schemas/* array */.YOg(ShortText).optional(),
    templates: schemas/* array */.YOg(ShortText).optional(),
    related: schemas/* array */.YOg(ShortText).optional(),
    intelligence_sources: schemas/* array */.YOg(ShortText).optional(),
    reviewed: CalendarDate.optional(),
    version: ShortText.optional(),
    tags: schemas/* array */.YOg(ShortText).optional()
});
const Zone = schemas/* strictObject */.rej({
    id: Id,
    title: ShortText.optional(),
    description: Text.optional(),
    trust: schemas/* number */.aig({ error: (issue) => `expected a trust level (a whole number: 0 for untrusted, such as the internet; higher for more trusted), got ${describe(issue.input)}` })
        .int({ error: (issue) => `expected a whole number as trust level (0 for untrusted, such as the internet; higher for more trusted), got ${describe(issue.input)}` })
        .min(0)
        .max(100),
    parent: Id.optional(),
    tags: schemas/* array */.YOg(ShortText).optional()
});
const Asset = schemas/* strictObject */.rej({
    id: Id,
    title: ShortText.optional(),
    description: Text.optional(),
    classification: schemas/* enum */.k5n(CLASSIFICATIONS).optional(),
    cia: schemas/* strictObject */.rej({
        confidentiality: schemas/* enum */.k5n(CIA_LEVELS).optional(),
        integrity: schemas/* enum */.k5n(CIA_LEVELS).optional(),
        availability: schemas/* enum */.k5n(CIA_LEVELS).optional()
    })
        .optional(),
    owner: ShortText.optional(),
    tags: schemas/* array */.YOg(ShortText).optional()
});
const Component = schemas/* strictObject */.rej({
    id: Id,
    title: ShortText.optional(),
    description: Text.optional(),
    type: schemas/* enum */.k5n(COMPONENT_TYPES),
    zone: Id.optional(),
    owner: ShortText.optional(),
    technologies: schemas/* array */.YOg(ShortText).optional(),
    internet_facing: schemas/* boolean */.zMY().optional(),
    assets: IdList.optional(),
    tags: schemas/* array */.YOg(ShortText).optional(),
    lifecycle: schemas/* enum */.k5n(LIFECYCLES).optional(),
    parent: Id.optional()
});
const Dataflow = schemas/* strictObject */.rej({
    id: Id,
    title: ShortText.optional(),
    description: Text.optional(),
    from: Id,
    to: Id,
    protocol: ShortText.optional(),
    assets: IdList.optional(),
    authentication: ShortText.optional(),
    authorization: schemas/* union */.KCZ([schemas/* boolean */.zMY(), ShortText]).optional(),
    encrypted: schemas/* boolean */.zMY().optional(),
    bidirectional: schemas/* boolean */.zMY().optional(),
    tags: schemas/* array */.YOg(ShortText).optional()
});
const Actor = schemas/* strictObject */.rej({
    id: Id,
    title: ShortText.optional(),
    description: Text.optional(),
    capability: schemas/* enum */.k5n(ACTOR_CAPABILITIES).optional(),
    motivation: ShortText.optional(),
    insider: schemas/* boolean */.zMY().optional(),
    privileged: schemas/* boolean */.zMY().optional(),
    tags: schemas/* array */.YOg(ShortText).optional()
});
const Threat = schemas/* strictObject */.rej({
    id: Id,
    title: ShortText,
    description: Text.optional(),
    category: schemas/* enum */.k5n(THREAT_CATEGORIES).optional(),
    targets: IdList.optional(),
    source: Id.optional(),
    prerequisites: Text.optional(),
    action: Text.optional(),
    business_impact: Text.optional(),
    objectives: schemas/* array */.YOg(ShortText).optional(),
    references: References.optional(),
    likelihood: schemas/* enum */.k5n(schema_LEVELS).optional(),
    impact: schemas/* enum */.k5n(schema_LEVELS).optional(),
    risk: ThreatRisk.optional(),
    status: schemas/* enum */.k5n(THREAT_STATUSES).optional(),
    acceptance: Acceptance.optional(),
    mitigations: IdList.optional(),
    origin: ShortText.optional(),
    tags: schemas/* array */.YOg(ShortText).optional()
});
const MitigationEffect = schemas/* strictObject */.rej({
    threat: Id,
    reduces: schemas/* enum */.k5n(RISK_FACTORS),
    by: threePoint(Probability).optional(),
    strength: schemas/* enum */.k5n(EFFECT_STRENGTHS).optional()
})
    .refine((e) => (e.by === undefined) !== (e.strength === undefined), {
    error: (issue) => {
        const effect = (issue.input ?? {});
        const which = effect.by === undefined ? 'neither' : 'both';
        const threat = typeof effect.threat === 'string' ? ` in the effect on threat ${effect.threat}` : '';
        return `expected exactly one of \`by\` (a min/likely/max reduction) or \`strength\`, got ${which}${threat}`;
    }
});
const Mitigation = schemas/* strictObject */.rej({
    id: Id,
    title: ShortText,
    description: Text.optional(),
    type: schemas/* enum */.k5n(MITIGATION_TYPES).optional(),
    status: schemas/* enum */.k5n(MITIGATION_STATUSES).optional(),
    roadmap: schemas/* enum */.k5n(ROADMAP_HORIZONS).optional(),
    priority: schemas/* enum */.k5n(PRIORITIES).optional(),
    owner: ShortText.optional(),
    verification: Text.optional(),
    effects: schemas/* array */.YOg(MitigationEffect).optional(),
    cost: schemas/* union */.KCZ([NonNegative, schemas/* strictObject */.rej({ amount: NonNegative, currency: schemas/* string */.YjP().regex(/^[A-Z]{3}$/).optional(), period: schemas/* enum */.k5n(['once', 'yearly']).optional() })]).optional(),
    references: References.optional(),
    detects: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^T\d{4}(\.\d{3})?$/, { error: 'expected an ATT&CK technique id such as T1110 or T1110.004' })).optional(),
    issue: ShortText.optional(),
    tags: schemas/* array */.YOg(ShortText).optional()
});
const Assumption = schemas/* strictObject */.rej({
    id: Id,
    text: Text,
    validated: schemas/* boolean */.zMY().optional(),
    owner: ShortText.optional(),
    description: Text.optional(),
    expires: CalendarDate.optional()
});
const Incident = schemas/* strictObject */.rej({
    id: Id,
    date: CalendarDate,
    summary: Text,
    techniques: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^T\d{4}(\.\d{3})?$/, { error: 'expected an ATT&CK technique id such as T1110.004' })).optional(),
    threats: IdList.optional(),
    root_cause: schemas/* enum */.k5n(ROOT_CAUSES).optional(),
    status: schemas/* enum */.k5n(['open', 'resolved']).optional()
});
const Suppression = schemas/* strictObject */.rej({
    rule: ShortText,
    target: ShortText,
    reason: Text.optional(),
    approved_by: ShortText.optional(),
    expires: CalendarDate.optional()
});
const Band = schemas/* number */.aig().min(0);
const RiskSettings = schemas/* strictObject */.rej({
    engine: schemas/* literal */.euz('risk-v1', { error: 'the only risk engine is risk-v1' }).optional(),
    currency: schemas/* string */.YjP().regex(/^[A-Z]{3}$/, { error: 'expected a three-letter ISO 4217 currency code such as USD' }).optional(),
    seed: schemas/* number */.aig().int().min(0).max(4294967295).optional(),
    iterations: schemas/* number */.aig().int().min(1000).max(1000000).optional(),
    confidence_lambda: schemas/* strictObject */.rej({ low: schemas/* number */.aig().positive(), medium: schemas/* number */.aig().positive(), high: schemas/* number */.aig().positive() }).optional(),
    default_confidence: schemas/* enum */.k5n(CONFIDENCES).optional(),
    calibration: schemas/* strictObject */.rej({
        step: schemas/* number */.aig().gt(1).optional(),
        likelihood_anchor: schemas/* strictObject */.rej({ level: schemas/* enum */.k5n(schema_LEVELS), lef_per_year: threePoint(NonNegative) }).optional(),
        impact_anchor: schemas/* strictObject */.rej({ level: schemas/* enum */.k5n(schema_LEVELS), loss: threePoint(NonNegative) }).optional()
    })
        .optional(),
    severity: schemas/* strictObject */.rej({
        scale: schemas/* array */.YOg(schemas/* enum */.k5n(SEVERITIES)).optional(),
        ale_bands: schemas/* strictObject */.rej({ info: Band, low: Band, medium: Band, high: Band, critical: Band }).optional()
    })
        .optional(),
    gates: schemas/* strictObject */.rej({
        fail_on: schemas/* array */.YOg(ShortText).optional(),
        warn_on: schemas/* array */.YOg(ShortText).optional(),
        ale_mean_increase: schemas/* strictObject */.rej({ relative: NonNegative, absolute: NonNegative }).optional(),
        ale_p90_increase: schemas/* strictObject */.rej({ relative: NonNegative, absolute: NonNegative }).optional(),
        noise_sigmas: schemas/* number */.aig().positive().optional()
    })
        .optional(),
    what_if_includes_proposed: schemas/* boolean */.zMY().optional()
});
/** The native threat-model document. */
const ModelDocument = schemas/* strictObject */.rej({
    $schema: schemas/* string */.YjP().optional(),
    threatloop: schemas/* literal */.euz(1, { error: (issue) => `unsupported format version ${describe(issue.input)}; this release reads \`threatloop: 1\`` }),
    model: ModelSection,
    zones: schemas/* array */.YOg(Zone).optional(),
    assets: schemas/* array */.YOg(Asset).optional(),
    components: schemas/* array */.YOg(Component).optional(),
    dataflows: schemas/* array */.YOg(Dataflow).optional(),
    actors: schemas/* array */.YOg(Actor).optional(),
    threats: schemas/* array */.YOg(Threat).optional(),
    mitigations: schemas/* array */.YOg(Mitigation).optional(),
    assumptions: schemas/* array */.YOg(Assumption).optional(),
    incidents: schemas/* array */.YOg(Incident).optional(),
    suppressions: schemas/* array */.YOg(Suppression).optional(),
    risk: RiskSettings.optional()
});
/** The element sections of a model, in document order, with the kind name each element has. */
const ELEMENT_SECTIONS = [
    ['zones', 'zone'],
    ['assets', 'asset'],
    ['components', 'component'],
    ['dataflows', 'dataflow'],
    ['actors', 'actor'],
    ['threats', 'threat'],
    ['mitigations', 'mitigation'],
    ['assumptions', 'assumption'],
    ['incidents', 'incident']
];
function isRealDate(value) {
    const [y, m, d] = value.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
function describeRange(input, keys) {
    if (input === null || typeof input !== 'object')
        return describe(input);
    const range = input;
    return keys.map((key) => `${key} ${String(range[key])}`).join(', ');
}
function describe(input) {
    if (input === null)
        return 'null';
    if (Array.isArray(input))
        return 'a list';
    if (typeof input === 'object')
        return 'a mapping';
    if (typeof input === 'string')
        return `"${input.length > 40 ? input.slice(0, 40) + '…' : input}"`;
    return typeof input === 'number' || typeof input === 'boolean' ? `${typeof input} ${input}` : typeof input;
}

// EXTERNAL MODULE: ./src/core/config/gate-conditions.ts
var gate_conditions = __webpack_require__(598);
;// CONCATENATED MODULE: ./src/core/config/schema.ts


/**
 * Native models, and the file names the other tools' models conventionally have: OTM (`*.otm.json`),
 * Threagile (`threagile.yaml`), Threat Composer exports (`*.tc.json`), Threat Dragon's model folder
 * and TM-BOM files. Anything else is added with `models:`.
 */
const DEFAULT_MODEL_GLOBS = [
    '**/*.threatmodel.{yaml,yml,json}',
    '**/threatmodel.{yaml,yml}',
    '**/*.otm.{json,yaml,yml}',
    '**/{threagile,*.threagile}.{yaml,yml}',
    '**/*.tc.json',
    '**/ThreatDragonModels/**/*.json',
    '**/*.tmbom.json'
];
const DEFAULT_IGNORE_GLOBS = ['**/node_modules/**', '**/.git/**', '**/dist/**'];


const ISSUE_MODES = ['off', 'preview', 'write', 'auto'];
const Glob = schemas/* string */.YjP().min(1).max(1000);
const RelativePath = schemas/* string */.YjP()
    .min(1)
    .max(1000)
    .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(p) && !p.split(/[\\/]/).includes('..'), {
    error: 'expected a path inside the repository (relative, without `..`)'
});
/** The repository configuration file `.threatloop.yaml`. */
const RepositoryConfig = schemas/* strictObject */.rej({
    $schema: schemas/* string */.YjP().optional(),
    /** Globs of model files, relative to the repository root. */
    models: schemas/* array */.YOg(Glob).optional(),
    /** Globs excluded from discovery. */
    ignore: schemas/* array */.YOg(Glob).optional(),
    rules: schemas/* strictObject */.rej({
        /** Folders (in the repository) holding custom rule files, one rule per YAML file. */
        custom: schemas/* array */.YOg(RelativePath).optional(),
        /** Rule ids that are switched off. */
        disable: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
        /** New severities for rule ids. */
        severity: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* enum */.k5n(SEVERITIES)).optional(),
        /** Days after which a model's `reviewed` date is stale. */
        stale_after_days: schemas/* number */.aig().int().positive().optional()
    })
        .optional(),
    knowledge_base: schemas/* strictObject */.rej({
        /** MITRE CWE catalogue XML (as shipped in the cwe-sdk package or downloaded from MITRE). */
        cwe: RelativePath.optional(),
        /** CAPEC STIX 2.1 bundle. */
        capec: RelativePath.optional(),
        /** ATT&CK Enterprise STIX 2.1 bundle. */
        attack: RelativePath.optional()
    })
        .optional(),
    gate: schemas/* strictObject */.rej({
        fail_on: schemas/* array */.YOg(schemas/* enum */.k5n(gate_conditions/* GATE_CONDITIONS */.X)).optional(),
        warn_on: schemas/* array */.YOg(schemas/* enum */.k5n(gate_conditions/* GATE_CONDITIONS */.X)).optional()
    })
        .optional(),
    issues: schemas/* strictObject */.rej({
        mode: schemas/* enum */.k5n(ISSUE_MODES).optional(),
        labels: schemas/* array */.YOg(schemas/* string */.YjP().min(1).max(50)).optional(),
        assign_owners: schemas/* boolean */.zMY().optional(),
        max_writes_per_run: schemas/* number */.aig().int().min(0).max(500).optional()
    })
        .optional(),
    maturity: schemas/* strictObject */.rej({
        /** Threshold overrides of the maturity checks by name, e.g. `mapping-percent: 90`. */
        thresholds: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* number */.aig()).optional()
    })
        .optional(),
    risk: schemas/* strictObject */.rej({
        iterations: schemas/* number */.aig().int().min(1000).max(1000000).optional(),
        seed: schemas/* number */.aig().int().min(0).max(4294967295).optional()
    })
        .optional()
});

;// CONCATENATED MODULE: ./src/core/config/load.ts




/** Applies defaults to a validated configuration. */
function resolveConfig(raw = {}) {
    return {
        models: raw.models && raw.models.length > 0 ? raw.models : [...DEFAULT_MODEL_GLOBS],
        ignore: [...DEFAULT_IGNORE_GLOBS, ...(raw.ignore ?? [])],
        raw
    };
}
/** Loads `.threatloop.yaml`; a missing file (undefined content) means all defaults. */
function loadRepositoryConfig(file, content) {
    if (content === undefined)
        return { config: resolveConfig(), problems: [] };
    const decoded = decodeModelText(file, content);
    if ('problem' in decoded)
        return { config: undefined, problems: [decoded.problem] };
    if (decoded.text.trim() === '' || decoded.text.split(/\r?\n/).every((line) => /^\s*(#.*)?$/.test(line))) {
        return { config: resolveConfig(), problems: [] };
    }
    const parsed = parseYamlDocument(file, decoded.text);
    if (!parsed.ok)
        return { config: undefined, problems: parsed.problems };
    const { value, sourceMap } = parsed.document;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return {
            config: undefined,
            problems: [{ file, line: 1, column: 1, path: '', severity: 'error', code: 'config/not-a-mapping', message: 'the configuration must be a mapping (keys such as `models:`, `rules:`, `gate:`)' }]
        };
    }
    const result = RepositoryConfig.safeParse(value);
    if (!result.success) {
        const problems = result.error.issues.flatMap((issue) => issueToProblems(file, issue, value, sourceMap, { rootSchema: RepositoryConfig, ownerAt: () => undefined }));
        return { config: undefined, problems: problems.map((p) => ({ ...p, code: p.code.replace(/^schema\//, 'config/') })).sort(core_problems/* compareProblems */.im) };
    }
    return { config: resolveConfig(result.data), problems: [] };
}

;// CONCATENATED MODULE: ./src/core/findings.ts
/** Builds the stable synthetic id of a finding. */
function findingId(ruleId, elementIds) {
    return `${ruleId}@${elementIds.join('+')}`;
}
/** Ordinal of a severity, for comparisons: info 0 … critical 4. */
const SEVERITY_RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

;// CONCATENATED MODULE: ./src/core/report/sha256.ts
// SHA-256 (FIPS 180-4) in plain TypeScript: core code may not import node:crypto, and report
// fingerprints must be identical on every runner, so the digest is computed here.
const ROUND_CONSTANTS = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);
const INITIAL_STATE = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
function rotateRight(value, bits) {
    return (value >>> bits) | (value << (32 - bits));
}
/** Message schedule, reused between calls: the function is synchronous, so no call can observe another's. */
const schedule = new Uint32Array(64);
const encoder = new TextEncoder();
/** SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hex digits. */
function sha256Hex(text) {
    const message = encoder.encode(text);
    // Pad: a 1 bit, zeros, then the message length in bits as a 64-bit big-endian integer.
    const paddedLength = Math.ceil((message.length + 9) / 64) * 64;
    const padded = new Uint8Array(paddedLength);
    padded.set(message);
    padded[message.length] = 0x80;
    const view = new DataView(padded.buffer);
    const bitLength = message.length * 8;
    view.setUint32(paddedLength - 8, Math.floor(bitLength / 0x100000000));
    view.setUint32(paddedLength - 4, bitLength >>> 0);
    let h0 = INITIAL_STATE[0];
    let h1 = INITIAL_STATE[1];
    let h2 = INITIAL_STATE[2];
    let h3 = INITIAL_STATE[3];
    let h4 = INITIAL_STATE[4];
    let h5 = INITIAL_STATE[5];
    let h6 = INITIAL_STATE[6];
    let h7 = INITIAL_STATE[7];
    for (let block = 0; block < paddedLength; block += 64) {
        for (let t = 0; t < 16; t++)
            schedule[t] = view.getUint32(block + t * 4);
        for (let t = 16; t < 64; t++) {
            const w15 = schedule[t - 15];
            const w2 = schedule[t - 2];
            const s0 = rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >>> 3);
            const s1 = rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >>> 10);
            schedule[t] = (schedule[t - 16] + s0 + schedule[t - 7] + s1) | 0;
        }
        let a = h0;
        let b = h1;
        let c = h2;
        let d = h3;
        let e = h4;
        let f = h5;
        let g = h6;
        let h = h7;
        for (let t = 0; t < 64; t++) {
            const sum1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25);
            const choice = (e & f) ^ (~e & g);
            const temp1 = (h + sum1 + choice + ROUND_CONSTANTS[t] + schedule[t]) | 0;
            const sum0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22);
            const majority = (a & b) ^ (a & c) ^ (b & c);
            const temp2 = (sum0 + majority) | 0;
            h = g;
            g = f;
            f = e;
            e = (d + temp1) | 0;
            d = c;
            c = b;
            b = a;
            a = (temp1 + temp2) | 0;
        }
        h0 = (h0 + a) | 0;
        h1 = (h1 + b) | 0;
        h2 = (h2 + c) | 0;
        h3 = (h3 + d) | 0;
        h4 = (h4 + e) | 0;
        h5 = (h5 + f) | 0;
        h6 = (h6 + g) | 0;
        h7 = (h7 + h) | 0;
    }
    return hex(h0) + hex(h1) + hex(h2) + hex(h3) + hex(h4) + hex(h5) + hex(h6) + hex(h7);
}
function hex(word) {
    return (word >>> 0).toString(16).padStart(8, '0');
}

;// CONCATENATED MODULE: ./src/core/render/escape.ts
/**
 * Neutralising untrusted text (anything that comes from a model file) before it reaches Markdown
 * on GitHub or GitLab: no raw HTML, no mentions or reference links that notify people or link
 * issues, no breaking out of tables, code spans or <details>, no GitLab quick actions.
 */
const ZERO_WIDTH_SPACE = '\u200b';
const HTML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/**
 * Characters that carry Markdown meaning inside a line, escaped with a backslash: emphasis, code,
 * links and images (`[` is enough to break both), tables, strikethrough and math. Characters
 * that only matter at the start of a line are handled where text can start one.
 */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]|~$]/g;
/** Markers that start a block (heading, list, quote, rule, table) when they open a line. */
const LINE_START_BLOCK = /^(#|[-+*>=]|\d+[.)])/;
/** Control characters (except tab/newline) and bidi overrides that could hide or reorder text. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
/**
 * Sigils that GitHub or GitLab turn into mentions or references when followed by a name or
 * number: @user, #123, !123 (merge request), ~label, %milestone, &epic, $snippet, [[wiki]].
 */
const REFERENCE_SIGIL = /([@~%](?=[\p{L}\p{N}_"'])|[#!&$](?=\p{N}))/gu;
function breakReferences(text) {
    return text.replace(REFERENCE_SIGIL, `$1${ZERO_WIDTH_SPACE}`);
}
/** Escapes untrusted text for inline Markdown (one line; newlines become spaces). */
function escapeInline(text, maxLength = 500) {
    let value = String(text).replace(INVISIBLE, '').replace(/\s*[\r\n]+\s*/g, ' ').trim();
    if (value.length > maxLength)
        value = `${value.slice(0, maxLength - 1)}…`;
    // References are broken on the raw text; the entities added next must not be touched again.
    value = breakReferences(value);
    value = value.replace(/[&<>]/g, (c) => HTML_ENTITIES[c]);
    return value.replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}
/** Escapes untrusted text for a table cell: inline escaping, and pipes can never end the cell. */
function escapeTableCell(text, maxLength = 200) {
    return escapeInline(text, maxLength);
}
/**
 * Escapes untrusted multi-line text as a paragraph block: each line escaped inline, line
 * breaks kept, and no line can start a GitLab quick action (`/close`) or a Markdown block.
 */
function escapeBlock(text, maxLength = 4000) {
    const limited = text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
    return limited
        .split(/\r\n|\r|\n/)
        .map((line) => {
        const escaped = escapeInline(line, maxLength).replace(LINE_START_BLOCK, (marker) => (/\d/.test(marker) ? `${marker.slice(0, -1)}\\${marker.slice(-1)}` : `\\${marker}`));
        // An escaped line never starts with `/`: quick actions only run on lines that do.
        return escaped.startsWith('/') ? `${ZERO_WIDTH_SPACE}${escaped}` : escaped;
    })
        .join('  \n');
}
/**
 * Escapes text for a code span: the fence is longer than any backtick run inside, so the span
 * cannot be closed early; HTML is inert inside code spans already.
 */
function codeSpan(text, maxLength = 200) {
    let value = String(text).replace(INVISIBLE, '').replace(/[\r\n]+/g, ' ');
    if (value.length > maxLength)
        value = `${value.slice(0, maxLength - 1)}…`;
    // `|` would still split a table row on GitHub even inside a code span.
    value = value.replace(/\|/g, '¦');
    let longest = 0;
    for (const run of value.match(/`+/g) ?? [])
        longest = Math.max(longest, run.length);
    const fence = '`'.repeat(longest + 1);
    const pad = value.startsWith('`') || value.endsWith('`') || value === '' ? ' ' : '';
    return `${fence}${pad}${value}${pad}${fence}`;
}
/** Escapes text for a Mermaid label inside double quotes. */
function escapeMermaidLabel(text, maxLength = 60) {
    let value = String(text).replace(INVISIBLE, '').replace(/[\r\n]+/g, ' ');
    if (value.length > maxLength)
        value = `${value.slice(0, maxLength - 1)}…`;
    return value.replace(/[&<>"#;`|[\](){}]/g, (c) => `#${c.charCodeAt(0)};`);
}
/** A Mermaid-safe node id derived from an element id (letters, digits, underscore). */
function mermaidId(prefix, id) {
    let out = '';
    for (const ch of id)
        out += /[A-Za-z0-9]/.test(ch) ? ch : `_${ch.codePointAt(0).toString(16)}_`;
    return `${prefix}_${out}`;
}

;// CONCATENATED MODULE: ./src/core/render/format.ts

const CURRENCY_SYMBOLS = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CHF: 'CHF ', AUD: 'A$', CAD: 'C$' };
/** Money with three significant figures and a currency symbol: $294k, $1.10M. */
function formatMoney(value, currency = 'USD', signed = false) {
    const symbol = CURRENCY_SYMBOLS[currency] ?? `${currency} `;
    const sign = value < 0 ? '−' : signed && value > 0 ? '+' : '';
    const size = Math.abs(value);
    let body;
    if (size === 0)
        body = '0';
    else if (size < 1000)
        body = size.toPrecision(3).replace(/\.?0+$/, '');
    else if (size < 1e6)
        body = `${trim3(size / 1e3)}k`;
    else if (size < 1e9)
        body = `${trim3(size / 1e6, true)}M`;
    else
        body = `${trim3(size / 1e9, true)}B`;
    return `${sign}${symbol}${body}`;
}
function trim3(value, keepZeros = false) {
    const text = value >= 100 ? value.toFixed(0) : value.toPrecision(3);
    return keepZeros ? text : text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
/** A signed percentage: +58%, −12%. */
function formatPercent(ratio) {
    if (ratio === null || !Number.isFinite(ratio))
        return 'new';
    const value = Math.round(ratio * 100);
    return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value)}%`;
}
/** ▲ for worse (up), ▼ for better (down), nothing for no change. */
function arrow(change) {
    return change > 0 ? ' ▲' : change < 0 ? ' ▼' : '';
}
/** `0 / 3 / 7 / 9 / 1` in critical, high, medium, low, info order. */
function severityCountsText(counts) {
    return [...SEVERITIES].reverse().map((s) => counts[s]).join(' / ');
}
/** The non-zero changes of severity counts: `+2 high ▲, −1 low ▼`. */
function severityCountChanges(base, head) {
    const parts = [];
    for (const s of [...SEVERITIES].reverse()) {
        const change = head[s] - base[s];
        if (change !== 0)
            parts.push(`${change > 0 ? '+' : '−'}${Math.abs(change)} ${s}${arrow(change)}`);
    }
    return parts.length === 0 ? 'no change' : parts.join(', ');
}
const SEVERITY_ICONS = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };
/** Pluralises a count: `1 finding`, `3 findings`. */
function count(n, word, plural = `${word}s`) {
    return `${n} ${n === 1 ? word : plural}`;
}

;// CONCATENATED MODULE: ./src/core/render/mermaid.ts

const CLASS_STYLES = {
    added: 'fill:#d4f7dc,stroke:#1a7f37,color:#0b3d1a',
    removed: 'fill:#ffd8d3,stroke:#cf222e,color:#5c0a0a,stroke-dasharray:4 3',
    changed: 'fill:#fff1c2,stroke:#bf8700,color:#4d3800',
    context: 'fill:#f0f0f0,stroke:#8c959f,color:#57606a'
};
const EDGE_COLOURS = { added: '#1a7f37', removed: '#cf222e', changed: '#bf8700', context: '#8c959f' };
/** Shapes by component type: datastores as cylinders, users and externals as rounded boxes. */
function shape(type, label) {
    if (type === 'datastore')
        return `[("${label}")]`;
    if (type === 'user' || type === 'external')
        return `(["${label}"])`;
    if (type === 'queue')
        return `[/"${label}"/]`;
    return `["${label}"]`;
}
/** Renders a change diagram as a Mermaid flowchart: added green, removed red, changed amber, context grey. */
function renderMermaid(diagram) {
    const lines = ['flowchart LR'];
    const byZone = new Map();
    for (const node of diagram.nodes) {
        const list = byZone.get(node.zone) ?? [];
        list.push(node);
        byZone.set(node.zone, list);
    }
    const nodeLine = (node, indent) => {
        const marker = node.state === 'added' ? '+ ' : node.state === 'removed' ? '− ' : node.state === 'changed' ? '~ ' : '';
        return `${indent}${mermaidId('c', node.id)}${shape(node.type, escapeMermaidLabel(marker + node.label))}:::${node.state}`;
    };
    for (const zone of diagram.zones) {
        const trust = zone.trust === null ? '' : ` (trust ${zone.trust})`;
        lines.push(`  subgraph ${mermaidId('z', zone.id)}["${escapeMermaidLabel(zone.label + trust)}"]`);
        for (const node of byZone.get(zone.id) ?? [])
            lines.push(nodeLine(node, '    '));
        lines.push('  end');
    }
    for (const node of byZone.get(null) ?? [])
        lines.push(nodeLine(node, '  '));
    diagram.edges.forEach((edge) => {
        const arrow = edge.state === 'removed' ? '-.->' : edge.state === 'added' ? '==>' : '-->';
        lines.push(`  ${mermaidId('c', edge.from)} ${arrow}|"${escapeMermaidLabel(edge.label, 40)}"| ${mermaidId('c', edge.to)}`);
    });
    diagram.edges.forEach((edge, index) => {
        if (edge.state !== 'context')
            lines.push(`  linkStyle ${index} stroke:${EDGE_COLOURS[edge.state]},stroke-width:2px`);
    });
    for (const [state, style] of Object.entries(CLASS_STYLES))
        lines.push(`  classDef ${state} ${style}`);
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/core/render/review-markdown.ts





/** The marker that finds Threatloop's sticky comment again (with the bot author). */
const COMMENT_MARKER = '<!-- threatloop:sticky v1 -->';
const HASH_PREFIX = '<!-- threatloop:hash:';
/** GitHub rejects comment bodies over 65,536 characters; stay well below. */
const COMMENT_BUDGET = 60_000;
const STAGES = [
    { unchangedList: true, maturityTable: true, diagram: true, rowsPerTable: 2000, fieldDetail: true, sections: true },
    { unchangedList: true, maturityTable: true, diagram: true, rowsPerTable: 100, fieldDetail: true, sections: true },
    { unchangedList: false, maturityTable: true, diagram: true, rowsPerTable: 100, fieldDetail: true, sections: true },
    { unchangedList: false, maturityTable: false, diagram: true, rowsPerTable: 50, fieldDetail: true, sections: true },
    { unchangedList: false, maturityTable: false, diagram: false, rowsPerTable: 30, fieldDetail: true, sections: true },
    { unchangedList: false, maturityTable: false, diagram: false, rowsPerTable: 15, fieldDetail: false, sections: true },
    { unchangedList: false, maturityTable: false, diagram: false, rowsPerTable: 5, fieldDetail: false, sections: true },
    { unchangedList: false, maturityTable: false, diagram: false, rowsPerTable: 0, fieldDetail: false, sections: false }
];
/** Renders the review as Markdown for a PR/MR comment or a job summary, within a size budget. */
function renderReviewMarkdown(review, options) {
    const budget = options.maxLength ?? (options.audience === 'comment' ? COMMENT_BUDGET : 900_000);
    let body = '';
    // The comment starts with bounded tables; the job summary may list everything.
    for (let stage = options.audience === 'comment' ? 1 : 0; stage < STAGES.length; stage++) {
        body = renderAt(review, options, STAGES[stage], stage > 1);
        if (body.length + 200 <= budget)
            break;
    }
    if (body.length + 200 > budget)
        body = body.slice(0, budget - 400).replace(/\n[^\n]*$/, '') + '\n\n_The report was cut to fit; the job summary and the JSON report have everything._\n';
    if (options.audience !== 'comment')
        return body;
    const hash = sha256Hex(body).slice(0, 16);
    return `${COMMENT_MARKER}\n${HASH_PREFIX}${hash} -->\n${body}`;
}
/** The content hash a rendered comment carries, to skip updates that change nothing. */
function commentHash(body) {
    const start = body.indexOf(HASH_PREFIX);
    if (start < 0)
        return undefined;
    return body.slice(start + HASH_PREFIX.length, body.indexOf(' -->', start));
}
function renderAt(review, options, detail, reduced) {
    const out = [];
    out.push(verdictLine(review), '');
    out.push(...reasonsList(review));
    out.push(...overviewTable(review));
    out.push(...generalProblems(review, detail));
    if (detail.sections) {
        for (const model of review.models)
            out.push(...modelSection(review, model, detail));
        out.push(...issuesSection(review, detail));
    }
    if (detail.unchangedList)
        out.push(...unchangedSection(review));
    if (reduced) {
        out.push('', `> [!NOTE]\n> Some detail was left out to keep this ${options.audience === 'comment' ? 'comment' : 'report'} within its size limit. ${escapeInline(options.fullReportHint ?? 'The job summary and the JSON report have everything.')}`);
    }
    out.push('', footer(review));
    return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
function verdictLine(review) {
    const changed = review.models.filter((m) => m.status !== 'unchanged').length;
    const first = review.gate.reasons[0]?.message;
    if (review.gate.status === 'fail')
        return `### 🛑 Threatloop: ${escapeInline(first ?? 'the gate failed')}`;
    if (review.gate.status === 'warn')
        return `### ⚠️ Threatloop: ${escapeInline(first ?? 'review advised')}`;
    if (review.models.length === 0)
        return '### ✅ Threatloop: no threat-model files found';
    if (changed === 0)
        return `### ✅ Threatloop: no semantic change to ${count(review.models.length, 'threat model')}`;
    return `### ✅ Threatloop: ${count(changed, 'threat model')} changed, nothing got worse`;
}
function reasonsList(review) {
    if (review.gate.reasons.length <= 1)
        return [];
    const lines = review.gate.reasons.map((r) => `- ${r.level === 'fail' ? '🛑' : '⚠️'} ${escapeInline(r.message)}`);
    return [...lines, ''];
}
function overviewTable(review) {
    const t = review.totals;
    const baseLabel = escapeTableCell(review.context.base?.label ?? 'before');
    const headLabel = escapeTableCell(review.context.head.label);
    const rows = [`| | ${baseLabel} | ${headLabel} | change |`, '|---|---|---|---|'];
    rows.push(`| Threats critical / high / medium / low / info (residual) | ${severityCountsText(t.severity.base)} | ${severityCountsText(t.severity.head)} | ${severityCountChanges(t.severity.base, t.severity.head)} |`);
    if (t.money) {
        const { currency, base, head } = t.money;
        const change = head.mean - base.mean;
        const material = review.models.some((m) => m.risk.delta?.views.residual.aleMean.material);
        const text = change === 0 ? 'no change' : `${material ? '**' : ''}${formatMoney(change, currency, true)} (${formatPercent(base.mean === 0 ? null : change / base.mean)})${material ? '**' : ''}${arrow(change)}${material ? '' : ' ≈ no material change'}`;
        rows.push(`| Residual annual loss, mean (exact) | ${formatMoney(base.mean, currency)} | ${formatMoney(head.mean, currency)} | ${text} |`);
        const p90Change = head.p90 - base.p90;
        rows.push(`| Residual annual loss, P90 (1-in-10-year) | ${formatMoney(base.p90, currency)} | ${formatMoney(head.p90, currency)} | ${p90Change === 0 ? 'no change' : `${formatMoney(p90Change, currency, true)}${arrow(p90Change)}`} |`);
        const whatIfBase = sum(review.models.map((m) => m.risk.base?.whatIf.all ?? 0));
        const whatIfHead = sum(review.models.map((m) => m.risk.head?.whatIf.all ?? 0));
        rows.push(`| What-if: planned mitigations done (mean) | ${formatMoney(whatIfBase, currency)} | ${formatMoney(whatIfHead, currency)} | ${formatMoney(whatIfHead - whatIfBase, currency, true)} |`);
    }
    const f = t.findings;
    rows.push(`| Rule findings | ${f.unchanged + f.fixed + f.suppressed} | ${f.unchanged + f.new} | ${f.new === 0 && f.fixed === 0 ? 'no change' : `+${f.new} new, −${f.fixed} fixed`} |`);
    if (t.validationErrors > 0)
        rows.push(`| Validation errors | | ${t.validationErrors} | 🛑 must be fixed |`);
    if (t.maturity.up + t.maturity.down > 0)
        rows.push(`| Maturity categories moved | | | ${[t.maturity.up && `${t.maturity.up} up ▲`, t.maturity.down && `${t.maturity.down} down ▼`].filter(Boolean).join(', ')} |`);
    if (t.models.invalid > 0)
        rows.push(`| Models not compared (head does not load) | | ${t.models.invalid} | fix the errors below |`);
    return [...rows, ''];
}
function generalProblems(review, detail) {
    if (review.problems.length === 0)
        return [];
    const shown = review.problems.slice(0, Math.max(detail.rowsPerTable, 3));
    const lines = ['#### Configuration problems', ''];
    for (const p of shown)
        lines.push(`- ${p.severity === 'error' ? '🛑' : '⚠️'} ${fileLink(review, p.file, p.line)}: ${escapeInline(p.message)}`);
    if (review.problems.length > shown.length)
        lines.push(`- … and ${review.problems.length - shown.length} more`);
    return [...lines, ''];
}
function modelSection(review, model, detail) {
    if (model.status === 'unchanged' && (model.findings?.new.length ?? 0) === 0)
        return [];
    const out = [];
    const file = model.head?.file ?? model.base?.file ?? '';
    const status = { added: 'new model', removed: 'model removed', changed: 'changed', unchanged: 'unchanged', invalid: '🛑 does not load' }[model.status];
    out.push(`#### ${escapeInline(model.title)} ${codeSpan(model.modelId)} — ${status}`, '');
    out.push(`${fileLink(review, file)}${model.moved ? ` (moved from ${escapeInline(model.base?.file ?? '')})` : ''}${model.head && model.head.format !== 'native' ? ` · imported from ${escapeInline(model.head.format)}` : ''}`, '');
    if (model.status === 'invalid' && model.head) {
        out.push(`The head version has ${count(model.head.problems.filter((p) => p.severity === 'error').length, 'error')}; everything else below is from what could be read.`, '');
        out.push(...problemTable(review, model.head.problems, detail.rowsPerTable || 10));
    }
    if (model.base && !model.base.valid)
        out.push(`_The base version did not load (${count(model.base.problems.length, 'problem')}); the head is reviewed on its own._`, '');
    out.push(...findingsTables(review, model, detail));
    out.push(...threatMoves(model, detail));
    out.push(...maturityMoves(model));
    out.push(...changeList(model, detail));
    if (detail.diagram && model.diagram && model.diagram.nodes.length > 0) {
        out.push('<details open><summary>Data-flow diagram of the change</summary>', '', '```mermaid', renderMermaid(model.diagram), '```', '');
        const { nodes, edges } = model.diagram.omitted;
        if (nodes + edges > 0)
            out.push(`_${count(nodes, 'component')} and ${count(edges, 'flow')} left out of the diagram to keep it readable._`, '');
        out.push('Legend: green added, red removed, amber changed, grey unchanged context.', '', '</details>', '');
    }
    if (detail.maturityTable)
        out.push(...maturityTable(model));
    return out;
}
function maturityMoves(model) {
    const moved = model.maturity.comparison?.moved ?? [];
    if (moved.length === 0)
        return [];
    const out = ['**Maturity levels that moved**', ''];
    for (const move of moved) {
        const mark = move.move === 'up' ? '▲' : '▼';
        out.push(`- ${escapeInline(move.title)}: ${move.base?.level ?? 0} → ${move.head.level} ${mark}${move.reason ? ` — ${escapeInline(move.reason, 300)}` : ''}`);
    }
    return [...out, ''];
}
function maturityTable(model) {
    const head = model.maturity.head;
    if (!head)
        return [];
    const base = new Map((model.maturity.base?.categories ?? []).map((c) => [c.id, c]));
    const out = [`<details><summary>Maturity: all ${head.categories.length} categories</summary>`, '', '| category | before | now | next step |', '|---|---|---|---|'];
    for (const category of head.categories) {
        const before = base.get(category.id);
        const level = (c) => (c === undefined ? '—' : c.assessed ? `${c.level}/${c.maxLevel}` : 'not assessed');
        const next = !category.assessed ? escapeTableCell(category.notAssessedReason ?? '', 200) : category.nextStep ? escapeTableCell(category.nextStep.text, 300) : 'top level reached';
        out.push(`| ${escapeTableCell(category.title)} | ${level(before)} | ${level(category)} | ${next} |`);
    }
    return [...out, '', '</details>', ''];
}
function problemTable(review, problems, limit) {
    const rows = ['| where | problem |', '|---|---|'];
    for (const p of problems.slice(0, limit))
        rows.push(`| ${fileLink(review, p.file, p.line, p.column)} | ${escapeTableCell(p.message, 300)}${p.path ? ` (${escapeTableCell(p.path)})` : ''} |`);
    if (problems.length > limit)
        rows.push(`| … | ${problems.length - limit} more in the job summary |`);
    return [...rows, ''];
}
function findingsTables(review, model, detail) {
    const findings = model.findings;
    if (!findings)
        return [];
    const out = [];
    const table = (title, list) => {
        if (list.length === 0)
            return;
        const sorted = [...list].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.id < b.id ? -1 : 1));
        out.push(`**${title} (${list.length})**`, '');
        if (detail.rowsPerTable === 0) {
            out.push(summaryBySeverity(sorted), '');
            return;
        }
        out.push('| severity | rule | finding | where |', '|---|---|---|---|');
        for (const f of sorted.slice(0, detail.rowsPerTable)) {
            out.push(`| ${SEVERITY_ICONS[f.severity]} ${f.severity} | ${codeSpan(f.ruleId, 60)} | ${escapeTableCell(f.message, 240)} | ${fileLink(review, f.file, f.position.line)} |`);
        }
        if (sorted.length > detail.rowsPerTable)
            out.push(`| | | … and ${sorted.length - detail.rowsPerTable} more | |`);
        out.push('');
    };
    table('New findings', findings.new);
    if (model.status === 'removed') {
        if (findings.fixed.length > 0)
            out.push(`_${count(findings.fixed.length, 'finding')} of the removed model go away with it._`, '');
    }
    else
        table('Fixed findings', findings.fixed);
    if (findings.suppressed.length > 0)
        out.push(`_${count(findings.suppressed.length, 'finding')} newly suppressed in the model._`, '');
    return out;
}
function summaryBySeverity(findings) {
    const counts = new Map();
    for (const f of findings)
        counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
    return [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
}
function threatMoves(model, detail) {
    const delta = model.risk.delta;
    if (!delta || delta.threats.length === 0 || detail.rowsPerTable === 0)
        return [];
    const currency = model.risk.head?.currency ?? model.risk.base?.currency ?? 'USD';
    const moves = [...delta.threats].sort((a, b) => Math.abs(b.aleMean.change) - Math.abs(a.aleMean.change) || (a.id < b.id ? -1 : 1));
    const out = ['**Threats whose risk changed**', '', '| threat | severity | mean annual loss | change | why |', '|---|---|---|---|---|'];
    for (const t of moves.slice(0, detail.rowsPerTable)) {
        const base = t.severity.base ?? (t.change === 'added' ? 'new' : '—');
        const head = t.severity.head ?? (t.change === 'removed' ? 'removed' : '—');
        const direction = t.direction === 'up' ? ' ▲' : t.direction === 'down' ? ' ▼' : '';
        const ale = t.aleMean.base === null && t.aleMean.head === null ? '—' : `${t.aleMean.base === null ? '—' : formatMoney(t.aleMean.base, currency)} → ${t.aleMean.head === null ? '—' : formatMoney(t.aleMean.head, currency)}`;
        out.push(`| ${codeSpan(t.id, 40)} ${escapeTableCell(t.title, 80)} | ${base} → ${head}${direction} | ${ale} | ${t.aleMean.change === 0 ? '0' : formatMoney(t.aleMean.change, currency, true)} | ${escapeTableCell(t.reasons.slice(0, 3).join('; '), 200)} |`);
    }
    if (moves.length > detail.rowsPerTable)
        out.push(`| … ${moves.length - detail.rowsPerTable} more | | | | |`);
    out.push('', `_${count(delta.unchanged, 'threat')} unchanged (bit-identical between base and head)._`, '');
    return out;
}
const SECTION_TITLES = {
    model: 'Model',
    zones: 'Trust zones',
    assets: 'Assets',
    components: 'Components',
    dataflows: 'Data flows',
    actors: 'Actors',
    threats: 'Threats',
    mitigations: 'Mitigations',
    assumptions: 'Assumptions',
    incidents: 'Incidents',
    suppressions: 'Suppressions',
    risk: 'Risk settings'
};
function changeList(model, detail) {
    const diff = model.diff;
    if (!diff || diff.isEmpty || model.status === 'added' || model.status === 'removed') {
        if (diff && (model.status === 'added' || model.status === 'removed')) {
            const total = diff.changes.length;
            return total > 0 ? [`_${count(total, 'element')} ${model.status === 'added' ? 'in the new model' : 'in the removed model'}._`, ''] : [];
        }
        return [];
    }
    const out = [];
    // The risk engine's residual severities are authoritative; the diff's qualitative moves would contradict them.
    const derived = model.risk.delta ? diff.derived.filter((d) => d.kind !== 'threat-severity-moved') : diff.derived;
    const limit = Math.max(detail.rowsPerTable, 10);
    if (derived.length > 0) {
        out.push('**What the change means**', '');
        for (const d of derived.slice(0, limit))
            out.push(`- ${escapeInline(d.message, 300)}`);
        if (derived.length > limit)
            out.push(`- … and ${derived.length - limit} more`);
        out.push('');
    }
    const bySection = new Map();
    for (const change of diff.changes)
        bySection.set(change.section, [...(bySection.get(change.section) ?? []), change]);
    out.push('**Changed elements**', '');
    for (const [section, changes] of bySection) {
        const limit = detail.rowsPerTable === 0 ? 0 : Math.max(detail.rowsPerTable, 5);
        const parts = changes.slice(0, limit).map((c) => changeText(c, detail.fieldDetail));
        const more = changes.length > limit ? `${limit > 0 ? '; ' : ''}${changes.length - limit} more` : '';
        out.push(`- ${SECTION_TITLES[section] ?? section}: ${parts.join('; ')}${more}`);
    }
    out.push('');
    return out;
}
function changeText(change, fieldDetail) {
    const id = codeSpan(change.id, 60);
    if (change.change === 'added')
        return `${id} added`;
    if (change.change === 'removed')
        return `${id} removed`;
    if (change.change === 'renamed')
        return `${codeSpan(change.previousId ?? '', 60)} renamed to ${id}${fieldDetail && change.fields.length > 0 ? ` (${fieldsText(change.fields)})` : ''}`;
    return fieldDetail ? `${id} (${fieldsText(change.fields)})` : `${id} changed`;
}
function fieldsText(fields) {
    const shown = fields.slice(0, 4).map((f) => {
        if (f.change === 'modified' && isScalar(f.before) && isScalar(f.after))
            return `${escapeInline(f.path)}: ${valueText(f.before)} → ${valueText(f.after)}`;
        if (f.change === 'members') {
            const added = (f.addedMembers ?? []).map((m) => `+${valueText(m)}`);
            const removed = (f.removedMembers ?? []).map((m) => `−${valueText(m)}`);
            return `${escapeInline(f.path)}: ${[...added, ...removed].join(' ')}`;
        }
        return `${escapeInline(f.path)} ${f.change}`;
    });
    return shown.join(', ') + (fields.length > 4 ? `, +${fields.length - 4} more` : '');
}
function isScalar(value) {
    return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
function valueText(value) {
    if (typeof value === 'string')
        return value.length > 40 || /\n/.test(value) ? '(text)' : codeSpan(value, 40);
    if (isScalar(value))
        return codeSpan(String(value), 40);
    return '(…)';
}
function issuesSection(review, detail) {
    const plan = review.issues;
    if (!plan || plan.mode === 'off')
        return [];
    const { create, update, close, reopen } = plan.summary;
    const writing = plan.mode === 'write';
    const verbs = writing ? ['opens', 'reopens', 'updates', 'closes'] : ['open', 'reopen', 'update', 'close'];
    const parts = [create && `${verbs[0]} ${count(create, 'issue')}`, reopen && `${verbs[1]} ${count(reopen, 'issue')}`, update && `${verbs[2]} ${count(update, 'issue')}`, close && `${verbs[3]} ${count(close, 'issue')}`].filter(Boolean);
    if (parts.length === 0 && plan.drift.length === 0)
        return [];
    const out = ['#### Mitigation issues', ''];
    const changeEvent = review.context.event === 'pull_request' || review.context.event === 'merge_request';
    if (parts.length > 0) {
        const lead = writing ? 'This run' : changeEvent ? 'When this merges, Threatloop will' : 'With issue writing on, Threatloop would';
        out.push(`${lead} ${parts.join(', ')}.`, '');
    }
    if (detail.rowsPerTable > 0) {
        for (const op of plan.operations.slice(0, detail.rowsPerTable)) {
            if (op.op === 'create')
                out.push(`- open: ${escapeInline(op.title, 200)}`);
            else if (op.op === 'close')
                out.push(`- close #${op.number} (${op.reason === 'completed' ? 'completed' : 'not planned'}): ${codeSpan(op.key)}`);
            else if (op.op === 'reopen')
                out.push(`- reopen #${op.number}: ${codeSpan(op.key)}`);
            else
                out.push(`- update #${op.number}: ${codeSpan(op.key)}`);
        }
        if (plan.operations.length > detail.rowsPerTable)
            out.push(`- … and ${plan.operations.length - detail.rowsPerTable} more`);
    }
    if (plan.deferred > 0)
        out.push(`- ${count(plan.deferred, 'operation')} deferred to the next run (per-run limit).`);
    if (plan.drift.length > 0) {
        out.push('', '**Drift between the tracker and the model**', '');
        for (const drift of plan.drift.slice(0, Math.max(detail.rowsPerTable, 5)))
            out.push(`- ${escapeInline(drift.message, 300)}`);
    }
    return [...out, ''];
}
function unchangedSection(review) {
    const unchanged = review.models.filter((m) => m.status === 'unchanged');
    const out = [];
    const items = unchanged.map((m) => `- ${codeSpan(m.modelId)} ${escapeInline(m.title)} (${escapeInline(m.head?.file ?? '')})`);
    for (const model of review.models) {
        const findings = model.findings?.unchanged ?? [];
        if (findings.length > 0)
            items.push(`- ${codeSpan(model.modelId)}: ${count(findings.length, 'finding')} present before and after`);
    }
    if (items.length === 0)
        return [];
    out.push(`<details><summary>Unchanged (${items.length})</summary>`, '', ...items.slice(0, 200), items.length > 200 ? `- … and ${items.length - 200} more` : '', '', '</details>', '');
    return out;
}
function footer(review) {
    const risk = review.models.find((m) => m.risk.head ?? m.risk.base)?.risk;
    const summary = risk?.head ?? risk?.base;
    const engine = summary ? ` · risk engine ${summary.engine}, seed ${summary.seed}, ${summary.iterations.toLocaleString('en-US')} iterations` : '';
    return `<sub>Threatloop ${escapeInline(review.tool.version)}${engine} · ${count(review.models.length, 'model')} reviewed</sub>`;
}
function fileLink(review, file, line, column) {
    const text = `${escapeInline(file, 200)}${line ? `:${line}` : ''}${column ? `:${column}` : ''}`;
    const { repositoryUrl, head } = review.context;
    if (!repositoryUrl || !head.sha || !/^https:\/\//.test(repositoryUrl))
        return text;
    const url = `${repositoryUrl}/${review.context.blobPath ?? 'blob'}/${head.sha}/${file.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''}`;
    return `[${text}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
}
function sum(values) {
    return values.reduce((a, b) => a + b, 0);
}

;// CONCATENATED MODULE: ./src/core/render/review-text.ts

function plain(text, max = 200) {
    // eslint-disable-next-line no-control-regex -- terminals must not receive escape sequences from a model
    const one = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
    return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
/** Renders the review as plain text for a terminal: no Markdown, no escape sequences from models. */
function renderReviewText(review) {
    const out = [];
    const status = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' }[review.gate.status];
    out.push(`Threatloop ${review.tool.version}: ${status} — ${review.context.base?.label ?? '(no base)'} → ${review.context.head.label}`);
    for (const reason of review.gate.reasons)
        out.push(`  ${reason.level === 'fail' ? '✖' : '!'} ${plain(reason.message)}`);
    const t = review.totals;
    out.push('', `Models: ${t.models.reviewed} (${t.models.changed} changed, ${t.models.added} added, ${t.models.removed} removed, ${t.models.invalid} invalid)`);
    out.push(`Threats crit/high/med/low/info: ${severityCountsText(t.severity.base)} → ${severityCountsText(t.severity.head)} (${severityCountChanges(t.severity.base, t.severity.head)})`);
    if (t.money)
        out.push(`Residual annual loss (mean): ${formatMoney(t.money.base.mean, t.money.currency)} → ${formatMoney(t.money.head.mean, t.money.currency)} (${formatMoney(t.money.head.mean - t.money.base.mean, t.money.currency, true)})`);
    out.push(`Findings: ${t.findings.new} new, ${t.findings.fixed} fixed, ${t.findings.unchanged} unchanged`);
    for (const problem of review.problems)
        out.push(`${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${plain(problem.message, 400)}`);
    for (const model of review.models) {
        if (model.status === 'unchanged' && (model.findings?.new.length ?? 0) === 0)
            continue;
        out.push('', `== ${plain(model.title, 80)} [${plain(model.modelId, 80)}] — ${model.status} (${plain(model.head?.file ?? model.base?.file ?? '')})`);
        for (const p of model.head?.problems ?? [])
            out.push(`  ${p.file}:${p.line}:${p.column}: ${p.severity}: ${plain(p.message, 400)}`);
        for (const f of model.findings?.new ?? [])
            out.push(`  + [${f.severity}] ${f.ruleId}: ${plain(f.message)} (${f.file}:${f.position.line})`);
        for (const f of model.findings?.fixed ?? [])
            out.push(`  - fixed [${f.severity}] ${f.ruleId}: ${plain(f.message)}`);
        for (const threat of model.risk.delta?.threats ?? []) {
            out.push(`  threat ${plain(threat.id, 60)}: ${threat.severity.base ?? 'new'} → ${threat.severity.head ?? 'removed'} (${plain(threat.reason)})`);
        }
        // The risk engine's residual severities are authoritative over the diff's qualitative moves.
        for (const derived of model.diff?.derived ?? []) {
            if (model.risk.delta && derived.kind === 'threat-severity-moved')
                continue;
            out.push(`  * ${plain(derived.message, 300)}`);
        }
        if (model.diff && !model.diff.isEmpty) {
            const s = model.diff.summary.total;
            out.push(`  elements: ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.renamed} renamed`);
        }
    }
    if (review.issues && review.issues.mode !== 'off') {
        const s = review.issues.summary;
        out.push('', `Mitigation issues (${review.issues.mode}): ${s.create} to open, ${s.update} to update, ${s.close} to close, ${s.reopen} to reopen`);
        for (const drift of review.issues.drift)
            out.push(`  drift: ${plain(drift.message, 300)}`);
    }
    out.push('', `${count(review.models.length, 'model')} reviewed.`);
    return out.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/core/report/rule-descriptor.ts
/**
 * GitHub's numeric `security-severity` per severity. GitHub buckets the number into
 * low (< 4.0), medium (< 7.0), high (< 9.0) and critical (≥ 9.0); each value sits inside the band
 * of its own name, away from the edges, so the bucket GitHub shows always matches ours.
 * `info` has no GitHub band of its own and lands in "low".
 */
const SECURITY_SEVERITY = {
    critical: '9.5',
    high: '8.0',
    medium: '5.5',
    low: '3.0',
    info: '1.0'
};
/** SARIF result level per severity: error for high and critical, warning for medium, note below. */
const SARIF_LEVEL = {
    critical: 'error',
    high: 'error',
    medium: 'warning',
    low: 'note',
    info: 'note'
};
/** Builds the report descriptor of a rule from its rule file: help is rationale, remediation, false positives and docs. */
function describeRule({ rule, severity }) {
    const sections = [
        ['Why it matters', rule.rationale],
        ['How to fix', rule.remediation],
        ['False positives', rule.false_positives],
        ['More', rule.docs]
    ];
    const present = sections.filter((section) => section[1] !== undefined && section[1].trim() !== '');
    const references = (rule.cwe ?? []).map((cwe) => ({ cwe, url: `https://cwe.mitre.org/data/definitions/${cwe.replace(/^CWE-/, '')}.html` }));
    const markdown = present.map(([heading, text]) => `## ${heading}\n\n${text.trim()}`);
    const plain = present.map(([heading, text]) => `${heading}: ${text.trim()}`);
    if (references.length > 0) {
        markdown.push(`## References\n\n${references.map((r) => `- [${r.cwe}](${r.url})`).join('\n')}`);
        plain.push(`References: ${references.map((r) => `${r.cwe} ${r.url}`).join(', ')}`);
    }
    const descriptor = {
        id: rule.id,
        title: rule.title,
        severity,
        description: rule.rationale.trim(),
        helpMarkdown: markdown.join('\n\n'),
        helpText: plain.join('\n\n')
    };
    if (rule.cwe !== undefined && rule.cwe.length > 0)
        descriptor.cwe = [...rule.cwe];
    if (rule.category !== undefined)
        descriptor.category = rule.category;
    if (rule.tags !== undefined && rule.tags.length > 0)
        descriptor.tags = [...rule.tags];
    return descriptor;
}

;// CONCATENATED MODULE: ./src/core/report/fingerprint.ts

/**
 * Version tag mixed into every fingerprint; bump it only on purpose, because a new value makes
 * code scanning and GitLab treat every existing finding as fixed and re-opened.
 */
const FINGERPRINT_SCHEME = 'threatloop-finding-v1';
/**
 * Stable fingerprint of a finding: SHA-256 (hex) of rule id, model id and element ids — never the
 * line or the file path, so moving an element or renaming the file keeps the alert's identity.
 */
function findingFingerprint(finding) {
    // NUL separators cannot occur in ids, so distinct tuples never produce the same input.
    return sha256Hex([FINGERPRINT_SCHEME, finding.ruleId, finding.modelId, ...finding.elementIds].join('\u0000'));
}

;// CONCATENATED MODULE: ./src/core/report/sarif.ts



const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const DEFAULT_AUTOMATION_ID = 'threatloop/';
const TOOL_NAME = 'Threatloop';
/** Code scanning ignores results beyond 5,000 in one run (and rejects uploads over 25,000). */
const SARIF_RESULT_LIMIT = 5000;
/** Renders findings as a SARIF 2.1.0 log for code scanning (GitHub upload-sarif and others). */
function renderSarif(input) {
    const descriptors = new Map();
    for (const rule of input.rules)
        descriptors.set(rule.id, rule);
    // A finding from a rule without a descriptor still needs a rule entry, or the log is unusable.
    for (const finding of input.findings) {
        if (!descriptors.has(finding.ruleId))
            descriptors.set(finding.ruleId, descriptorFromFinding(finding));
    }
    const ordered = [...descriptors.values()].sort((a, b) => compareText(a.id, b.id));
    const ruleIndex = new Map(ordered.map((rule, index) => [rule.id, index]));
    const { kept: findings, left } = withinLimit(input.findings, input.maxResults ?? SARIF_RESULT_LIMIT);
    const driver = {
        name: TOOL_NAME,
        semanticVersion: input.toolVersion,
        rules: ordered.map(sarifRule)
    };
    if (input.informationUri !== undefined)
        driver.informationUri = input.informationUri;
    const run = {
        tool: { driver },
        automationDetails: { id: input.automationId ?? DEFAULT_AUTOMATION_ID },
        results: findings.map((finding) => sarifResult(finding, ruleIndex.get(finding.ruleId) ?? 0))
    };
    if (left > 0) {
        const text = `${left} of ${input.findings.length} results were left out, the least severe first: code scanning reads at most ${findings.length} results per run. The job summary and the JSON report list every finding.`;
        run.invocations = [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning', message: { text } }] }];
    }
    return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}
/** The findings to report, in report order, keeping the most severe when there are more than `limit`. */
function withinLimit(all, limit) {
    const ordered = [...all].sort(compareFindings);
    if (ordered.length <= limit)
        return { kept: ordered, left: 0 };
    const bySeverity = [...ordered].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareFindings(a, b));
    const keep = new Set(bySeverity.slice(0, Math.max(0, limit)));
    return { kept: ordered.filter((f) => keep.has(f)), left: ordered.length - keep.size };
}
function sarifRule(rule) {
    const tags = new Set(['security', 'threat-model']);
    if (rule.category !== undefined)
        tags.add(rule.category);
    for (const tag of rule.tags ?? [])
        tags.add(tag);
    for (const cwe of rule.cwe ?? [])
        tags.add(cweTag(cwe));
    return {
        id: rule.id,
        name: ruleName(rule.id),
        shortDescription: { text: rule.title },
        fullDescription: { text: rule.description || rule.title },
        help: { text: rule.helpText || rule.description || rule.title, markdown: rule.helpMarkdown || rule.helpText || rule.title },
        defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
        properties: {
            tags: [...tags].sort(compareText),
            precision: 'high',
            'security-severity': SECURITY_SEVERITY[rule.severity],
            'problem.severity': SARIF_LEVEL[rule.severity] === 'note' ? 'recommendation' : SARIF_LEVEL[rule.severity]
        }
    };
}
function sarifResult(finding, index) {
    return {
        ruleId: finding.ruleId,
        ruleIndex: index,
        level: SARIF_LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: repositoryUri(finding.file) },
                    region: { startLine: Math.max(1, finding.position.line), startColumn: Math.max(1, finding.position.column) }
                },
                logicalLocations: finding.elementIds.map((elementId) => ({
                    name: elementId,
                    fullyQualifiedName: `${finding.modelId}/${elementId}`,
                    kind: 'element'
                }))
            }
        ],
        // Code scanning reads only this key; it is content-derived so it survives line moves.
        partialFingerprints: { primaryLocationLineHash: `${findingFingerprint(finding)}:1` },
        properties: {
            findingId: finding.id,
            modelId: finding.modelId,
            elementIds: [...finding.elementIds],
            severity: finding.severity,
            'security-severity': SECURITY_SEVERITY[finding.severity]
        }
    };
}
/** A repository-relative path as a relative URI reference: forward slashes, each segment escaped. */
function repositoryUri(path) {
    const segments = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').split('/');
    return segments.map((segment) => encodeURIComponent(segment)).join('/');
}
/** CodeQL's tag form (`external/cwe/cwe-079`), which GitHub recognises for CWE filtering. */
function cweTag(cwe) {
    const digits = /(\d+)$/.exec(cwe)?.[1];
    return digits === undefined ? `external/cwe/${cwe.toLowerCase()}` : `external/cwe/cwe-${digits.padStart(3, '0')}`;
}
/** SARIF `name` is an identifier-like display name: the rule id in PascalCase. */
function ruleName(id) {
    return id
        .split(/[^A-Za-z0-9]+/)
        .filter((part) => part !== '')
        .map((part) => part[0].toUpperCase() + part.slice(1))
        .join('');
}
function descriptorFromFinding(finding) {
    return {
        id: finding.ruleId,
        title: finding.title,
        severity: finding.severity,
        description: finding.title,
        helpMarkdown: finding.title,
        helpText: finding.title,
        cwe: finding.cwe,
        category: finding.category
    };
}
function compareFindings(a, b) {
    return (compareText(a.file, b.file) ||
        a.position.line - b.position.line ||
        a.position.column - b.position.column ||
        compareText(a.modelId, b.modelId) ||
        compareText(a.id, b.id));
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/core/risk/canonical-json.ts
// Canonical JSON (risk.md §5 "Formats"): sorted keys, no undefined members, and numbers as the
// engine already rounded them (integers for money, 4 decimals for probabilities), so the same
// inputs give byte-identical text on every run and machine.
/** Serialises a value with keys sorted at every level; non-finite numbers become null. */
function canonicalJson(value, indent = 0) {
    return JSON.stringify(sortKeys(value), null, indent);
}
function sortKeys(value) {
    if (value === null || typeof value !== 'object') {
        if (typeof value === 'number' && !Number.isFinite(value))
            return null;
        return value;
    }
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (ArrayBuffer.isView(value))
        return Array.from(value, (v) => sortKeys(v));
    const out = {};
    for (const key of Object.keys(value).sort(compareCodeUnits)) {
        const member = value[key];
        if (member !== undefined)
            out[key] = sortKeys(member);
    }
    return out;
}
/** Orders strings by UTF-16 code units, independent of locale. */
function compareCodeUnits(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Money as an integer number of currency units. */
function money(value) {
    return Math.round(value);
}
/** A probability rounded to 4 decimals. */
function probability(value) {
    return Math.round(value * 10000) / 10000;
}
/** A rate (such as a loss-event frequency) to 6 significant figures. */
function rate(value) {
    return value === 0 ? 0 : Number(value.toPrecision(6));
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/adapters/git/git-repository.ts


const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
/** A git failure with the command and git's own words (never a token: commands carry none). */
class GitError extends Error {
    args;
    stderr;
    constructor(args, stderr) {
        super(`git ${args.join(' ')} failed: ${stderr.trim().split('\n').slice(-2).join(' ') || 'no output'}`);
        this.args = args;
        this.stderr = stderr;
    }
}
/** Reads files and history of a local git repository with the git command (no shell). */
class GitRepository {
    root;
    constructor(root) {
        this.root = root;
    }
    async git(args, options = {}) {
        try {
            const { stdout } = await run('git', [...args], { cwd: this.root, maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024, encoding: 'utf8' });
            return stdout;
        }
        catch (error) {
            const stderr = error.stderr ?? (error instanceof Error ? error.message : String(error));
            throw new GitError(args, stderr);
        }
    }
    /** Whether the folder is inside a git work tree. */
    async isRepository() {
        try {
            return (await this.git(['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
        }
        catch {
            return false;
        }
    }
    /** Full commit id of a revision, or undefined when it is not in the local repository. */
    async resolveCommit(revision) {
        try {
            return (await this.git(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])).trim() || undefined;
        }
        catch {
            return undefined;
        }
    }
    /** Fetches a commit that a shallow or single-branch checkout does not have yet. */
    async ensureCommit(sha, remote = 'origin') {
        if (await this.resolveCommit(sha))
            return true;
        try {
            await this.git(['fetch', '--no-tags', '--depth=1', remote, sha]);
        }
        catch {
            return false;
        }
        return (await this.resolveCommit(sha)) !== undefined;
    }
    async mergeBase(a, b) {
        try {
            return (await this.git(['merge-base', a, b])).trim() || undefined;
        }
        catch {
            return undefined;
        }
    }
    /** The parent of a commit, or undefined for a root commit. */
    async parentOf(commit) {
        return this.resolveCommit(`${commit}^`);
    }
    /** Paths of every file at a commit (repository-relative, forward slashes). */
    async listFiles(commit) {
        const out = await this.git(['ls-tree', '-r', '-z', '--full-tree', '--name-only', commit]);
        return out.split('\0').filter((p) => p !== '');
    }
    /** Paths of files in the working tree that git tracks or would track. */
    async listWorkingTreeFiles() {
        const out = await this.git(['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
        return [...new Set(out.split('\0').filter((p) => p !== ''))];
    }
    /**
     * Reads many files at a commit in one `git cat-file --batch` process. Files over `maxBytes`
     * are not read: their size is returned instead, so the caller can report them.
     */
    async readFiles(commit, paths, maxBytes) {
        const result = new Map();
        if (paths.length === 0)
            return result;
        // Ask sizes first (cheap), then the contents of the files within the limit.
        const sizes = await this.batch('--batch-check', commit, paths);
        const wanted = paths.filter((p) => {
            const entry = sizes.get(p);
            if (!entry)
                return false;
            if (entry.size > maxBytes) {
                result.set(p, { size: entry.size });
                return false;
            }
            return true;
        });
        const contents = await this.batch('--batch', commit, wanted);
        for (const [path, entry] of contents)
            if (entry.content)
                result.set(path, { content: entry.content });
        return result;
    }
    batch(mode, commit, paths) {
        return new Promise((resolve, reject) => {
            const child = (0,external_node_child_process_.spawn)('git', ['cat-file', mode], { cwd: this.root, stdio: ['pipe', 'pipe', 'pipe'] });
            const chunks = [];
            let stderr = '';
            child.stdout.on('data', (chunk) => chunks.push(chunk));
            child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
            child.on('error', reject);
            child.on('close', (code) => {
                if (code !== 0)
                    return reject(new GitError(['cat-file', mode], stderr));
                const data = Buffer.concat(chunks);
                const out = new Map();
                let offset = 0;
                for (const path of paths) {
                    const newline = data.indexOf(10, offset);
                    if (newline < 0)
                        break;
                    const header = data.subarray(offset, newline).toString('utf8');
                    offset = newline + 1;
                    const parts = header.split(' ');
                    if (parts[1] === 'missing' || parts.length < 3)
                        continue;
                    const size = Number(parts[2]);
                    if (parts[1] !== 'blob') {
                        if (mode === '--batch')
                            offset += size + 1;
                        continue;
                    }
                    if (mode === '--batch') {
                        out.set(path, { size, content: new Uint8Array(data.subarray(offset, offset + size)) });
                        offset += size + 1;
                    }
                    else
                        out.set(path, { size });
                }
                resolve(out);
            });
            // Paths may hold spaces; cat-file reads one object name per line.
            child.stdin.end(paths.map((p) => `${commit}:${p}`).join('\n') + '\n');
        });
    }
}

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/core/config/model-globs.ts

/** Matches repository paths against the configured model globs and ignore globs. */
function modelPathMatcher(config) {
    const include = picomatch_default()(config.models, { dot: false });
    const exclude = config.ignore.length > 0 ? picomatch_default()(config.ignore, { dot: true }) : () => false;
    return (path) => include(path) && !exclude(path);
}
/** The model files among a list of repository paths, sorted. */
function selectModelPaths(paths, config) {
    const matches = modelPathMatcher(config);
    return paths.filter((p) => !p.includes('\n') && matches(p)).sort();
}

// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/fxp.js
var fxp = __webpack_require__(9741);
;// CONCATENATED MODULE: ./src/core/kb/cwe-catalogue.ts


/** The parent relationships of this view form CWE's main hierarchy (Research Concepts). */
const RESEARCH_VIEW = '1000';
/**
 * Prose sections of an entry are skipped unparsed: only ids, names, statuses and relationships are
 * read, which keeps parsing the 15 MB catalogue well under a second and its memory small.
 */
const SKIPPED_SECTIONS = [
    'Description', 'Extended_Description', 'Background_Details', 'Alternate_Terms', 'Modes_Of_Introduction',
    'Common_Consequences', 'Detection_Methods', 'Potential_Mitigations', 'Demonstrative_Examples',
    'Observed_Examples', 'Functional_Areas', 'Affected_Resources', 'Taxonomy_Mappings', 'Related_Attack_Patterns',
    'References', 'Notes', 'Content_History', 'Applicable_Platforms', 'Weakness_Ordinalities', 'Summary',
    'Objective', 'Audience', 'Filter', 'External_References'
].map((section) => `*.${section}`);
/** Entry problems reported one by one before the rest are summarised. */
const MAX_LISTED_PROBLEMS = 20;
const REPEATED = new Set(['Weakness', 'Category', 'View', 'Related_Weakness', 'Has_Member']);
/** Reads MITRE's CWE catalogue XML (cwe_schema v7, as in cwe-sdk or cwec_v4.x.xml) into entries. */
function parseCweCatalogue(xmlText, file = 'cwec.xml') {
    const text = xmlText.charCodeAt(0) === 0xfeff ? xmlText.slice(1) : xmlText;
    const fail = (code, message, line = 1, column = 1) => ({
        problems: [{ file, line, column, path: '', severity: 'error', code, message }]
    });
    const validation = fxp.XMLValidator.validate(text);
    if (validation !== true) {
        return fail('kb/invalid-xml', `invalid XML in the CWE catalogue: ${validation.err.msg}`, validation.err.line, validation.err.col);
    }
    // Entities are left as written: the catalogue uses only XML's predefined ones, which
    // decodeXmlText handles, and not expanding DOCTYPE entities keeps entity bombs harmless.
    const parser = new fxp.XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        parseTagValue: false,
        parseAttributeValue: false,
        processEntities: false,
        ignoreDeclaration: true,
        ignorePiTags: true,
        removeNSPrefix: true,
        stopNodes: SKIPPED_SECTIONS,
        isArray: (name) => REPEATED.has(name)
    });
    const document = parser.parse(text);
    const catalog = document.Weakness_Catalog;
    if (!isElement(catalog)) {
        const root = Object.keys(document).find((key) => !key.startsWith('?') && !key.startsWith('#')) ?? 'nothing';
        const position = rootPosition(text);
        return fail('kb/not-a-cwe-catalogue', `expected MITRE's CWE catalogue (root element Weakness_Catalog), found ${root === 'nothing' ? 'no root element' : `<${root}>`}; ` +
            'use the XML from the cwe-sdk package (raw/cwe-archive.xml) or cwe.mitre.org (cwec_v4.x.xml)', position.line, position.column);
    }
    const entries = new Map();
    const problems = [];
    let skipped = 0;
    const add = (element, kind, tag, index) => {
        const id = attribute(element, 'ID');
        const name = attribute(element, 'Name');
        if (id === undefined || !/^\d+$/.test(id) || name === undefined) {
            if (++skipped > MAX_LISTED_PROBLEMS)
                return;
            const position = elementPosition(text, tag, index);
            problems.push({
                file,
                ...position,
                path: '',
                severity: 'warning',
                code: 'kb/cwe-entry',
                message: `<${tag}> #${index + 1} has no numeric ID or no Name attribute; it is ignored`
            });
            return;
        }
        const entry = {
            id: `CWE-${id}`,
            name: decodeXmlText(name),
            status: (attribute(element, 'Status') ?? 'unknown').toLowerCase(),
            kind
        };
        const abstraction = attribute(element, 'Abstraction');
        if (abstraction !== undefined)
            entry.abstraction = abstraction;
        const usage = childText(element.Mapping_Notes, 'Usage');
        if (usage !== undefined)
            entry.mappingUsage = usage;
        if (kind === 'weakness') {
            const related = relations(element.Related_Weaknesses, 'Related_Weakness');
            const parents = related.filter((r) => r.Nature === 'ChildOf' && r.View_ID === RESEARCH_VIEW).flatMap((r) => idOf(r.CWE_ID));
            if (parents.length > 0)
                entry.parents = [...new Set(parents)];
        }
        if (kind === 'category') {
            const members = relations(element.Relationships, 'Has_Member').flatMap((r) => idOf(r.CWE_ID));
            if (members.length > 0)
                entry.members = [...new Set(members)];
        }
        entries.set(entry.id, entry);
    };
    listOf(catalog.Weaknesses, 'Weakness').forEach((element, index) => add(element, 'weakness', 'Weakness', index));
    listOf(catalog.Categories, 'Category').forEach((element, index) => add(element, 'category', 'Category', index));
    listOf(catalog.Views, 'View').forEach((element, index) => add(element, 'view', 'View', index));
    if (skipped > MAX_LISTED_PROBLEMS) {
        const position = rootPosition(text);
        problems.push({
            file,
            ...position,
            path: '',
            severity: 'warning',
            code: 'kb/cwe-entry',
            message: `${skipped - MAX_LISTED_PROBLEMS} more entries without ID or Name are ignored and not listed`
        });
    }
    if (entries.size === 0) {
        const position = rootPosition(text);
        return fail('kb/empty-catalogue', 'the CWE catalogue holds no weaknesses, categories or views', position.line, position.column);
    }
    const result = { entries, problems };
    const version = attribute(catalog, 'Version');
    const date = attribute(catalog, 'Date');
    if (version !== undefined)
        result.version = version;
    if (date !== undefined)
        result.date = date;
    return result;
}
/** Decodes XML's predefined entities and character references; other entities stay as written. */
function decodeXmlText(value) {
    if (!value.includes('&'))
        return value;
    return value.replace(/&(?:#x([0-9A-Fa-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (whole, hex, decimal, named) => {
        if (named !== undefined)
            return PREDEFINED[named];
        const codePoint = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
        return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
    });
}
const PREDEFINED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function isElement(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function attribute(element, name) {
    const value = element[name];
    return typeof value === 'string' ? value : undefined;
}
function listOf(container, tag) {
    if (!isElement(container))
        return [];
    const items = container[tag];
    return Array.isArray(items) ? items.filter(isElement) : [];
}
function relations(container, tag) {
    return listOf(container, tag);
}
function childText(container, tag) {
    if (!isElement(container))
        return undefined;
    const value = container[tag];
    return typeof value === 'string' ? decodeXmlText(value.trim()) : undefined;
}
function idOf(value) {
    return value !== undefined && /^\d+$/.test(value) ? [`CWE-${value}`] : [];
}
/** Position of the first element, for problems about the document as a whole. */
function rootPosition(text) {
    const match = /<(?![?!])/.exec(text);
    return new LineIndex(text).position(match?.index ?? 0);
}
/** Position of the `index`-th `<tag>` element; prose sections never contain these tags unescaped. */
function elementPosition(text, tag, index) {
    const pattern = new RegExp(`<${tag}[\\s>/]`, 'g');
    let match = null;
    for (let seen = 0; seen <= index; seen++) {
        match = pattern.exec(text);
        if (match === null)
            break;
    }
    return new LineIndex(text).position(match?.index ?? 0);
}

;// CONCATENATED MODULE: ./src/core/kb/json-text.ts
// Positions inside JSON text. `JSON.parse` is fast but reports neither where a syntax error is in a
// form every runtime shares nor where a value sits; these scanners answer both, and run only when
// a problem has to be reported, so the fast path stays `JSON.parse`.
var Expect;
(function (Expect) {
    Expect[Expect["Value"] = 0] = "Value";
    Expect[Expect["Key"] = 1] = "Key";
    Expect[Expect["Colon"] = 2] = "Colon";
    Expect[Expect["AfterValue"] = 3] = "AfterValue";
})(Expect || (Expect = {}));
/** Finds the first syntax error of a JSON text (RFC 8259), or `undefined` when the text is valid. */
function findJsonSyntaxError(text) {
    const containers = []; // char codes of '{' and '['
    let state = Expect.Value;
    let mayClose = false; // right after '{' or '[': the container may close at once
    let i = skipWhitespace(text, 0);
    for (;;) {
        if (i >= text.length) {
            return state === Expect.AfterValue && containers.length === 0
                ? undefined
                : { offset: text.length, message: 'unexpected end of file: the JSON value is incomplete' };
        }
        const c = text.charCodeAt(i);
        const top = containers[containers.length - 1];
        switch (state) {
            case Expect.Value: {
                if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
                    containers.push(c);
                    state = c === 0x7b ? Expect.Key : Expect.Value;
                    mayClose = true;
                    i++;
                    break;
                }
                if (mayClose && c === 0x5d /* ] */ && top === 0x5b) {
                    containers.pop();
                    state = Expect.AfterValue;
                    mayClose = false;
                    i++;
                    break;
                }
                const end = scalarEnd(text, i);
                if (typeof end !== 'number')
                    return end;
                i = end;
                state = Expect.AfterValue;
                mayClose = false;
                break;
            }
            case Expect.Key: {
                if (mayClose && c === 0x7d /* } */) {
                    containers.pop();
                    state = Expect.AfterValue;
                    mayClose = false;
                    i++;
                    break;
                }
                if (c !== 0x22)
                    return { offset: i, message: 'expected a property name in double quotes' };
                const end = stringEnd(text, i);
                if (typeof end !== 'number')
                    return end;
                i = end;
                state = Expect.Colon;
                mayClose = false;
                break;
            }
            case Expect.Colon:
                if (c !== 0x3a)
                    return { offset: i, message: "expected ':' after the property name" };
                state = Expect.Value;
                i++;
                break;
            case Expect.AfterValue: {
                if (top === undefined)
                    return { offset: i, message: 'unexpected text after the end of the JSON value' };
                const close = top === 0x7b ? 0x7d : 0x5d;
                if (c === 0x2c /* , */) {
                    state = top === 0x7b ? Expect.Key : Expect.Value;
                    i++;
                }
                else if (c === close) {
                    containers.pop();
                    i++;
                }
                else {
                    return { offset: i, message: top === 0x7b ? "expected ',' or '}' after the property value" : "expected ',' or ']' after the array element" };
                }
                break;
            }
        }
        i = skipWhitespace(text, i);
    }
}
/** Offset just past the string starting at `start`, or the error inside it. */
function stringEnd(text, start) {
    for (let i = start + 1; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22)
            return i + 1;
        if (c < 0x20)
            return { offset: i, message: 'control character inside a string (escape it, e.g. \\n)' };
        if (c === 0x5c /* \ */) {
            const e = text[i + 1];
            if (e === 'u') {
                if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6)))
                    return { offset: i, message: 'invalid \\u escape: expected four hex digits' };
                i += 5;
            }
            else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
                i++;
            }
            else {
                return { offset: i, message: 'invalid escape sequence in a string' };
            }
        }
    }
    return { offset: start, message: 'unterminated string' };
}
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
/** Offset just past the string, number or literal at `start`, or why there is no value there. */
function scalarEnd(text, start) {
    if (text.charCodeAt(start) === 0x22)
        return stringEnd(text, start);
    for (const pattern of [NUMBER, LITERAL]) {
        pattern.lastIndex = start;
        if (pattern.test(text)) {
            const end = pattern.lastIndex;
            // "1x" or "nullx" is not a value followed by a delimiter.
            if (end < text.length && /[\w.+-]/.test(text[end]))
                break;
            return end;
        }
    }
    return { offset: start, message: 'expected a JSON value (object, array, string, number, true, false or null)' };
}
function skipWhitespace(text, start) {
    let i = start;
    for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09)
            break;
    }
    return i;
}
/** Offset just past the (valid) value starting at `start`. */
function skipValue(text, start) {
    const c = text.charCodeAt(start);
    if (c === 0x22)
        return stringEnd(text, start);
    if (c !== 0x7b && c !== 0x5b) {
        let i = start;
        while (i < text.length && !/[\s,\]}]/.test(text[i]))
            i++;
        return i;
    }
    let depth = 0;
    for (let i = start; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x22)
            i = stringEnd(text, i) - 1;
        else if (d === 0x7b || d === 0x5b)
            depth++;
        else if (d === 0x7d || d === 0x5d) {
            depth--;
            if (depth === 0)
                return i + 1;
        }
    }
    return text.length;
}
/**
 * Offset where the value at `path` (object keys and array indexes) starts in a valid JSON text,
 * or `undefined` when the path does not exist.
 */
function locateJsonValue(text, path) {
    let i = skipWhitespace(text, 0);
    for (const part of path) {
        const c = text.charCodeAt(i);
        if (typeof part === 'number') {
            if (c !== 0x5b)
                return undefined;
            i = skipWhitespace(text, i + 1);
            if (text.charCodeAt(i) === 0x5d)
                return undefined;
            for (let index = 0; index < part; index++) {
                i = skipWhitespace(text, skipValue(text, i));
                if (text.charCodeAt(i) !== 0x2c)
                    return undefined;
                i = skipWhitespace(text, i + 1);
            }
        }
        else {
            if (c !== 0x7b)
                return undefined;
            i = skipWhitespace(text, i + 1);
            for (;;) {
                if (text.charCodeAt(i) !== 0x22)
                    return undefined;
                const keyEnd = stringEnd(text, i);
                const key = JSON.parse(text.slice(i, keyEnd));
                i = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1); // past ':'
                if (key === part)
                    break;
                i = skipWhitespace(text, skipValue(text, i));
                if (text.charCodeAt(i) !== 0x2c)
                    return undefined;
                i = skipWhitespace(text, i + 1);
            }
        }
    }
    return i;
}

;// CONCATENATED MODULE: ./src/core/kb/stix-bundle.ts



const WHERE_TO_GET = {
    attack: 'MITRE publishes ATT&CK as STIX 2.1 bundles in github.com/mitre-attack/attack-stix-data',
    capec: 'MITRE publishes CAPEC as a STIX 2.1 bundle in github.com/mitre/cti (capec/2.1/stix-capec.json)'
};
const CATALOGUE_NAME = { attack: 'ATT&CK', capec: 'CAPEC' };
/** Object-level problems reported one by one before the rest are summarised, so a broken bundle stays readable. */
const stix_bundle_MAX_LISTED_PROBLEMS = 20;
function parseStixBundle(jsonText, kind, file = `${kind}.stix.json`) {
    const text = jsonText.charCodeAt(0) === 0xfeff ? jsonText.slice(1) : jsonText;
    let lines;
    const problem = (code, message, at, severity = 'error', elementId) => {
        lines ??= new LineIndex(text);
        const offset = 'offset' in at ? at.offset : (locateJsonValue(text, at.path) ?? 0);
        const position = lines.position(offset);
        const path = 'path' in at ? (0,core_problems/* formatDocumentPath */.qe)(at.path) : '';
        const result = { file, line: position.line, column: position.column, path, severity, code, message };
        if (elementId !== undefined)
            result.elementId = elementId;
        return result;
    };
    let bundle;
    try {
        bundle = JSON.parse(text);
    }
    catch {
        const error = findJsonSyntaxError(text) ?? { offset: 0, message: 'the text is not valid JSON' };
        return { problems: [problem('kb/invalid-json', `invalid JSON in the ${CATALOGUE_NAME[kind]} STIX bundle: ${error.message}`, error)] };
    }
    if (!isObject(bundle) || bundle.type !== 'bundle' || !Array.isArray(bundle.objects)) {
        const found = isObject(bundle) ? (typeof bundle.type === 'string' ? `an object of type "${bundle.type}"` : 'an object without "type": "bundle"') : `a JSON ${jsonKind(bundle)}`;
        return {
            problems: [
                problem('kb/not-a-stix-bundle', `expected a STIX 2.1 bundle ({"type": "bundle", "objects": [...]}) for ${CATALOGUE_NAME[kind]}, found ${found}; ${WHERE_TO_GET[kind]}`, { path: [] })
            ]
        };
    }
    // STIX 2.0 bundles carry spec_version on the bundle; 2.1 puts it on each object.
    if (bundle.spec_version !== undefined && bundle.spec_version !== '2.1') {
        return {
            problems: [
                problem('kb/stix-version', `the ${CATALOGUE_NAME[kind]} bundle is STIX ${JSON.stringify(bundle.spec_version)}; expected STIX 2.1 (${WHERE_TO_GET[kind]})`, { path: ['spec_version'] })
            ]
        };
    }
    const objects = bundle.objects;
    const problems = [];
    let objectProblems = 0;
    const objectProblem = (code, message, path, severity) => {
        objectProblems++;
        if (objectProblems <= stix_bundle_MAX_LISTED_PROBLEMS)
            problems.push(problem(code, message, { path }, severity));
    };
    const usable = [];
    for (let index = 0; index < objects.length; index++) {
        const object = objects[index];
        if (!isObject(object) || typeof object.type !== 'string' || typeof object.id !== 'string') {
            objectProblem('kb/stix-object', `objects[${index}] is not a STIX object (expected "type" and "id" strings); it is ignored`, ['objects', index], 'warning');
            continue;
        }
        if (object.spec_version !== undefined && object.spec_version !== '2.1') {
            objectProblem('kb/stix-version', `${object.id} has spec_version ${JSON.stringify(object.spec_version)}; expected "2.1" (${WHERE_TO_GET[kind]})`, ['objects', index, 'spec_version'], 'error');
            continue;
        }
        usable.push(object);
    }
    if (objectProblems > stix_bundle_MAX_LISTED_PROBLEMS) {
        problems.push(problem('kb/stix-object', `${objectProblems - stix_bundle_MAX_LISTED_PROBLEMS} more problems with objects of this bundle are not listed`, { path: ['objects'] }, 'warning'));
    }
    if (problems.some((p) => p.severity === 'error'))
        return { problems };
    const read = kind === 'attack' ? readAttack(usable) : readCapec(usable);
    if (read.entries.size === 0) {
        const other = kind === 'attack' ? 'capec' : 'attack';
        const looksOther = usable.some((o) => o.type === 'attack-pattern' && externalId(o, other === 'attack' ? ATTACK_SOURCES : CAPEC_SOURCES) !== undefined);
        const message = looksOther
            ? `this bundle holds ${CATALOGUE_NAME[other]} objects, not ${CATALOGUE_NAME[kind]}; check which file is configured for knowledge_base.${kind}`
            : `the bundle holds no ${CATALOGUE_NAME[kind]} attack patterns (no objects with ${kind === 'attack' ? '"mitre-attack" T ids' : '"capec" CAPEC ids'}); ${WHERE_TO_GET[kind]}`;
        return { problems: [...problems, problem(looksOther ? 'kb/wrong-catalogue' : 'kb/empty-catalogue', message, { path: ['objects'] })] };
    }
    const result = { entries: read.entries, problems };
    if (read.version !== undefined)
        result.version = read.version;
    return result;
}
const ATTACK_SOURCES = ['mitre-attack', 'mitre-mobile-attack', 'mitre-ics-attack'];
const CAPEC_SOURCES = ['capec'];
function readAttack(objects) {
    const idByStixId = new Map();
    const tacticByShortName = new Map();
    const candidates = [];
    let version;
    for (const object of objects) {
        if (object.type === 'x-mitre-collection' && typeof object.x_mitre_version === 'string')
            version = object.x_mitre_version;
        const kind = attackKind(object);
        if (kind === undefined)
            continue;
        const id = externalId(object, ATTACK_SOURCES);
        if (id === undefined || typeof object.name !== 'string')
            continue;
        const entry = { id, name: object.name, kind, status: lifecycle(object) };
        if (kind === 'tactic' && typeof object.x_mitre_shortname === 'string') {
            entry.shortName = object.x_mitre_shortname;
            tacticByShortName.set(object.x_mitre_shortname, id);
        }
        if (kind === 'sub-technique')
            entry.parent = id.slice(0, id.indexOf('.'));
        const platforms = stringArray(object.x_mitre_platforms);
        if (platforms.length > 0)
            entry.platforms = platforms;
        const phases = Array.isArray(object.kill_chain_phases)
            ? object.kill_chain_phases.filter(isObject).flatMap((p) => (typeof p.phase_name === 'string' && String(p.kill_chain_name).startsWith('mitre') ? [p.phase_name] : []))
            : [];
        idByStixId.set(object.id, id);
        candidates.push({ stixId: object.id, entry, phases });
    }
    const revokedBy = new Map();
    for (const object of objects) {
        if (object.type !== 'relationship' || object.revoked === true)
            continue;
        const source = idByStixId.get(String(object.source_ref));
        const target = idByStixId.get(String(object.target_ref));
        if (source === undefined || target === undefined)
            continue;
        if (object.relationship_type === 'revoked-by')
            revokedBy.set(String(object.source_ref), target);
    }
    const entries = new Map();
    for (const { stixId, entry, phases } of candidates) {
        const tactics = [...new Set(phases.flatMap((phase) => tacticByShortName.get(phase) ?? []))].sort();
        if (tactics.length > 0)
            entry.tactics = tactics;
        const replacement = revokedBy.get(stixId);
        if (replacement !== undefined)
            entry.revokedBy = replacement;
        keepPreferred(entries, entry);
    }
    return version === undefined ? { entries } : { entries, version };
}
function attackKind(object) {
    if (object.type === 'attack-pattern')
        return object.x_mitre_is_subtechnique === true ? 'sub-technique' : 'technique';
    if (object.type === 'x-mitre-tactic')
        return 'tactic';
    if (object.type === 'course-of-action')
        return 'mitigation';
    return undefined;
}
function readCapec(objects) {
    const entries = new Map();
    let version;
    for (const object of objects) {
        if (object.type !== 'attack-pattern' || typeof object.name !== 'string')
            continue;
        // ATT&CK techniques cite CAPEC ids too; they are not CAPEC patterns.
        if (externalId(object, ATTACK_SOURCES) !== undefined)
            continue;
        const id = externalId(object, CAPEC_SOURCES);
        if (id === undefined)
            continue;
        if (typeof object.x_capec_version === 'string')
            version = object.x_capec_version;
        const ownStatus = typeof object.x_capec_status === 'string' ? object.x_capec_status.toLowerCase() : 'active';
        const status = lifecycle(object) === 'active' ? ownStatus : lifecycle(object);
        const entry = { id, name: object.name, kind: 'attack-pattern', status };
        if (typeof object.x_capec_abstraction === 'string')
            entry.abstraction = object.x_capec_abstraction;
        if (typeof object.x_capec_likelihood_of_attack === 'string')
            entry.likelihood = object.x_capec_likelihood_of_attack;
        if (typeof object.x_capec_typical_severity === 'string')
            entry.severity = object.x_capec_typical_severity;
        const cwe = references(object, 'cwe').filter((r) => /^CWE-\d+$/.test(r));
        if (cwe.length > 0)
            entry.cwe = cwe;
        // CAPEC writes ATT&CK mappings as source "ATTACK" with ids like "1574.010" (no leading T).
        const attack = references(object, 'attack').flatMap((r) => (/^T?\d{4}(\.\d{3})?$/.test(r) ? [r.startsWith('T') ? r : `T${r}`] : []));
        if (attack.length > 0)
            entry.attack = attack;
        keepPreferred(entries, entry);
    }
    return version === undefined ? { entries } : { entries, version };
}
/** `revoked` wins over deprecated; STIX `revoked`, ATT&CK `x_mitre_deprecated` and CAPEC status all count. */
function lifecycle(object) {
    if (object.revoked === true)
        return 'revoked';
    if (object.x_mitre_deprecated === true)
        return 'deprecated';
    if (typeof object.x_capec_status === 'string' && object.x_capec_status.toLowerCase() === 'deprecated')
        return 'deprecated';
    return 'active';
}
/**
 * Ids are reused in real bundles (a revoked technique next to its replacement, old mitigations
 * carrying technique ids): keep the live object, and techniques over mitigations.
 */
function keepPreferred(entries, entry) {
    const existing = entries.get(entry.id);
    if (existing === undefined || preference(entry) > preference(existing))
        entries.set(entry.id, entry);
}
function preference(entry) {
    const live = entry.status === 'revoked' ? 0 : entry.status === 'deprecated' ? 1 : 2;
    return live * 2 + (entry.kind === 'mitigation' ? 0 : 1);
}
function externalId(object, sources) {
    if (!Array.isArray(object.external_references))
        return undefined;
    for (const reference of object.external_references) {
        if (isObject(reference) && typeof reference.source_name === 'string' && sources.includes(reference.source_name) && typeof reference.external_id === 'string') {
            return reference.external_id;
        }
    }
    return undefined;
}
function references(object, source) {
    if (!Array.isArray(object.external_references))
        return [];
    const ids = object.external_references.flatMap((r) => isObject(r) && typeof r.source_name === 'string' && r.source_name.toLowerCase() === source && typeof r.external_id === 'string' ? [r.external_id] : []);
    return [...new Set(ids)];
}
function stringArray(value) {
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function jsonKind(value) {
    if (Array.isArray(value))
        return 'array';
    if (value === null)
        return 'null';
    return typeof value;
}

;// CONCATENATED MODULE: ./src/core/kb/load-knowledge-base.ts


/** Builds the knowledge base from whichever catalogue texts are configured. */
function loadKnowledgeBase(sources) {
    const knowledgeBase = {};
    const versions = {};
    const problems = [];
    if (sources.cwe) {
        const cwe = parseCweCatalogue(sources.cwe.text, sources.cwe.file);
        problems.push(...cwe.problems);
        if (cwe.entries)
            knowledgeBase.cwe = cwe.entries;
        if (cwe.version !== undefined)
            versions.cwe = cwe.version;
    }
    for (const kind of ['capec', 'attack']) {
        const source = sources[kind];
        if (!source)
            continue;
        const catalogue = parseStixBundle(source.text, kind, source.file);
        problems.push(...catalogue.problems);
        if (catalogue.entries)
            knowledgeBase[kind] = catalogue.entries;
        if (catalogue.version !== undefined)
            versions[kind] = catalogue.version;
    }
    return { knowledgeBase, versions, problems };
}

;// CONCATENATED MODULE: ./src/core/report/gate.ts

/**
 * Default gate of risk.md §6: fail on a new critical threat or an increase to critical; warn on a
 * new high threat, any severity increase, or a material mean-ALE or P90 increase.
 * Validation errors fail whatever the settings say.
 */
const DEFAULT_GATE_SETTINGS = {
    failOn: ['new-critical', 'severity-increase-to-critical'],
    warnOn: ['new-high', 'severity-increase', 'ale-mean-increase', 'ale-p90-increase']
};
/** Gate settings from `.threatloop.yaml` `gate:`; a list that is given replaces its default. */
function gateSettingsFromConfig(gate) {
    return { failOn: gate?.fail_on ?? DEFAULT_GATE_SETTINGS.failOn, warnOn: gate?.warn_on ?? DEFAULT_GATE_SETTINGS.warnOn };
}
/** How many offending items a reason names before it says "and N more". */
const LISTED_ITEMS = 5;
/** Decides pass / warn / fail for a review and says which conditions caused it. */
function decideGate(input, settings) {
    const reasons = [];
    const levelOf = (condition) => settings.failOn.includes(condition) ? 'fail' : settings.warnOn.includes(condition) ? 'warn' : undefined;
    const add = (condition, message, level = levelOf(condition)) => {
        if (level !== undefined)
            reasons.push({ condition, level, message });
    };
    if (input.validationErrorCount > 0) {
        add('validation-error', `${plural(input.validationErrorCount, 'validation error')} in the models`, 'fail');
    }
    for (const threshold of ['critical', 'high', 'medium', 'low']) {
        const condition = `new-finding-${threshold}`;
        if (levelOf(condition) === undefined)
            continue;
        const hits = input.newFindings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
        if (hits.length > 0) {
            add(condition, `${plural(hits.length, 'new finding')} at ${threshold} or above: ${list(hits.map((f) => `${f.id} (${f.severity})`))}`);
        }
    }
    const added = input.threatChanges.filter((t) => t.base === undefined && t.head !== undefined);
    const newCritical = added.filter((t) => t.head === 'critical');
    if (newCritical.length > 0)
        add('new-critical', `${plural(newCritical.length, 'new critical threat')}: ${list(newCritical.map(threatName))}`);
    const newHigh = added.filter((t) => t.head !== undefined && SEVERITY_RANK[t.head] >= SEVERITY_RANK.high);
    if (newHigh.length > 0)
        add('new-high', `${plural(newHigh.length, 'new threat')} at high or above: ${list(newHigh.map(threatMove))}`);
    const raised = input.threatChanges.filter((t) => t.base !== undefined && t.head !== undefined && SEVERITY_RANK[t.head] > SEVERITY_RANK[t.base]);
    if (raised.length > 0)
        add('severity-increase', `${plural(raised.length, 'threat')} increased in severity: ${list(raised.map(threatMove))}`);
    const toCritical = raised.filter((t) => t.head === 'critical');
    if (toCritical.length > 0) {
        add('severity-increase-to-critical', `${plural(toCritical.length, 'threat')} increased to critical: ${list(toCritical.map(threatMove))}`);
    }
    for (const metric of ['ale-mean', 'ale-p90']) {
        const rises = input.moneyChanges.filter((m) => m.metric === metric && m.material && m.head > m.base);
        if (rises.length > 0) {
            const label = metric === 'ale-mean' ? 'mean annual loss (ALE)' : 'P90 annual loss';
            add(`${metric}-increase`, `material increase of ${label}: ${list(rises.map(moneyMove))}`);
        }
    }
    const regressions = input.maturityChanges.filter((m) => m.head < m.base);
    if (regressions.length > 0) {
        add('maturity-regression', `maturity fell in ${plural(regressions.length, 'category', 'categories')}: ${list(regressions.map(maturityMove))}`);
    }
    const status = reasons.some((r) => r.level === 'fail') ? 'fail' : reasons.length > 0 ? 'warn' : 'pass';
    return { status, reasons };
}
function threatName(t) {
    return `${t.modelId}/${t.threatId}`;
}
function threatMove(t) {
    return `${threatName(t)} (${t.base ?? 'new'} → ${t.head ?? 'removed'})`;
}
function moneyMove(m) {
    const where = m.modelId === undefined ? 'all models' : m.modelId;
    const percent = m.base > 0 ? ` (+${Math.round(((m.head - m.base) / m.base) * 100)}%)` : '';
    return `${where} ${formatAmount(m.base)} → ${formatAmount(m.head)}${percent}`;
}
function maturityMove(m) {
    return `${m.modelId === undefined ? '' : `${m.modelId}/`}${m.category} (level ${m.base} → ${m.head})`;
}
/** Whole currency units with thousands separators, independent of the runner's locale. */
function formatAmount(amount) {
    return Math.round(amount)
        .toString()
        .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
function plural(count, singular, pluralForm = `${singular}s`) {
    return `${count} ${count === 1 ? singular : pluralForm}`;
}
function list(items) {
    const shown = items.slice(0, LISTED_ITEMS).join(', ');
    return items.length > LISTED_ITEMS ? `${shown} and ${items.length - LISTED_ITEMS} more` : shown;
}

;// CONCATENATED MODULE: ./src/core/model/model-index.ts

function pushTo(map, key, value) {
    const list = map.get(key);
    if (list)
        list.push(value);
    else
        map.set(key, [value]);
}
/** Builds the index of a schema-valid model. `locate` maps a section and index to a position. */
function buildModelIndex(document, locate) {
    const elements = new Map();
    for (const [section, kind] of ELEMENT_SECTIONS) {
        const list = (document[section] ?? []);
        for (let index = 0; index < list.length; index++) {
            const element = list[index];
            if (!elements.has(element.id))
                elements.set(element.id, { kind, section, index, element });
        }
    }
    const byId = (list) => {
        const map = new Map();
        for (const item of list ?? [])
            if (!map.has(item.id))
                map.set(item.id, item);
        return map;
    };
    const zones = byId(document.zones);
    const assets = byId(document.assets);
    const components = byId(document.components);
    const dataflows = byId(document.dataflows);
    const actors = byId(document.actors);
    const threats = byId(document.threats);
    const mitigations = byId(document.mitigations);
    const assumptions = byId(document.assumptions);
    const incidents = byId(document.incidents);
    const inboundFlows = new Map();
    const outboundFlows = new Map();
    const holdersByAsset = new Map();
    for (const flow of dataflows.values()) {
        pushTo(outboundFlows, flow.from, flow);
        pushTo(inboundFlows, flow.to, flow);
        for (const asset of flow.assets ?? [])
            pushTo(holdersByAsset, asset, flow);
    }
    for (const component of components.values())
        for (const asset of component.assets ?? [])
            pushTo(holdersByAsset, asset, component);
    const threatsByTarget = new Map();
    const mitigationsByThreat = new Map();
    const threatsByMitigation = new Map();
    for (const threat of threats.values()) {
        for (const target of new Set(threat.targets ?? []))
            pushTo(threatsByTarget, target, threat);
        const linked = [];
        for (const mitigationId of new Set(threat.mitigations ?? [])) {
            const mitigation = mitigations.get(mitigationId);
            if (!mitigation)
                continue;
            linked.push(mitigation);
            pushTo(threatsByMitigation, mitigationId, threat);
        }
        mitigationsByThreat.set(threat.id, linked);
    }
    const zoneOf = (componentId) => {
        const zone = components.get(componentId)?.zone;
        return zone === undefined ? undefined : zones.get(zone);
    };
    return {
        document,
        modelId: document.model.id,
        elements,
        zones,
        assets,
        components,
        dataflows,
        actors,
        threats,
        mitigations,
        assumptions,
        incidents,
        inboundFlows,
        outboundFlows,
        threatsByTarget,
        mitigationsByThreat,
        threatsByMitigation,
        holdersByAsset,
        zoneOf,
        trustOf: (componentId) => zoneOf(componentId)?.trust,
        assetsOnFlow: (flowId) => (dataflows.get(flowId)?.assets ?? []).flatMap((id) => assets.get(id) ?? []),
        assetsOfComponent: (componentId) => (components.get(componentId)?.assets ?? []).flatMap((id) => assets.get(id) ?? []),
        positionOf: (elementId) => {
            const location = elements.get(elementId);
            return location && locate ? locate(location.section, location.index) : undefined;
        }
    };
}

;// CONCATENATED MODULE: ./src/core/risk/scores.ts

/** Ordinal value of a level: very-low 0 … very-high 4. */
function levelValue(level) {
    return schema_LEVELS.indexOf(level);
}
/** The 5×5 matrix: S = L + I; S ≤ 2 info, 3 low, 4 medium, 5 high, ≥ 6 critical. */
function matrixSeverity(likelihood, impact) {
    const sum = levelValue(likelihood) + levelValue(impact);
    return SEVERITIES[Math.max(0, Math.min(4, sum - 2))];
}
const CVSS_WEIGHTS = {
    AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
    AC: { L: 0.77, H: 0.44 },
    UI: { N: 0.85, R: 0.62 },
    CIA: { H: 0.56, L: 0.22, N: 0 }
};
/** CVSS 3.1 Roundup (specification Appendix A): integer arithmetic avoids float artefacts. */
function cvssRoundup(value) {
    const scaled = Math.round(value * 100000);
    if (scaled % 10000 === 0)
        return scaled / 100000;
    return (Math.floor(scaled / 10000) + 1) / 10;
}
/** Base score of a CVSS 3.0/3.1 vector per the specification's formulas; undefined if malformed. */
function cvssBaseScore(vector) {
    const parts = vector.trim().split('/');
    const head = /^CVSS:(3\.[01])$/.exec(parts[0] ?? '');
    if (!head)
        return undefined;
    const metrics = new Map();
    for (const part of parts.slice(1)) {
        const [name, value] = part.split(':');
        if (!name || value === undefined || metrics.has(name))
            return undefined;
        metrics.set(name, value);
    }
    const pick = (name, table) => {
        const value = metrics.get(name);
        return value !== undefined && Object.hasOwn(table, value) ? table[value] : undefined;
    };
    const scope = metrics.get('S');
    if (scope !== 'U' && scope !== 'C')
        return undefined;
    const changed = scope === 'C';
    const av = pick('AV', CVSS_WEIGHTS.AV);
    const ac = pick('AC', CVSS_WEIGHTS.AC);
    const pr = pick('PR', changed ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 });
    const ui = pick('UI', CVSS_WEIGHTS.UI);
    const c = pick('C', CVSS_WEIGHTS.CIA);
    const i = pick('I', CVSS_WEIGHTS.CIA);
    const a = pick('A', CVSS_WEIGHTS.CIA);
    if (av === undefined || ac === undefined || pr === undefined || ui === undefined || c === undefined || i === undefined || a === undefined)
        return undefined;
    const version = head[1];
    const roundup = version === '3.1' ? cvssRoundup : (x) => Math.ceil(x * 10) / 10;
    const iss = 1 - (1 - c) * (1 - i) * (1 - a);
    const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
    const exploitability = 8.22 * av * ac * pr * ui;
    let baseScore = 0;
    if (impact > 0)
        baseScore = changed ? roundup(Math.min(1.08 * (impact + exploitability), 10)) : roundup(Math.min(impact + exploitability, 10));
    return { version, vector: vector.trim(), baseScore, severity: cvssSeverity(baseScore) };
}
/** CVSS base score → severity: 0 info, < 4 low, < 7 medium, < 9 high, else critical. */
function cvssSeverity(score) {
    if (score === 0)
        return 'info';
    if (score < 4)
        return 'low';
    if (score < 7)
        return 'medium';
    if (score < 9)
        return 'high';
    return 'critical';
}
function owaspLevel(score) {
    if (score < 3)
        return 'low';
    if (score < 6)
        return 'medium';
    return 'high';
}
function meanOf(values) {
    const present = values.filter((v) => v !== undefined);
    return present.length === 0 ? undefined : present.reduce((sum, v) => sum + v, 0) / present.length;
}
/** OWASP: likelihood = mean of 8 factors; impact = business factors if any, else technical. */
function owaspScore(f) {
    const likelihoodScore = meanOf([f.skill, f.motive, f.opportunity, f.size, f.discovery, f.exploit, f.awareness, f.detection]) ?? 0;
    const business = meanOf([f.financial, f.reputation, f.non_compliance, f.privacy]);
    const technical = meanOf([f.confidentiality, f.integrity, f.availability, f.accountability]);
    const impactScore = business ?? technical;
    return {
        likelihoodScore,
        impactScore,
        impactBasis: business !== undefined ? 'business' : technical !== undefined ? 'technical' : undefined,
        likelihood: owaspLevel(likelihoodScore),
        impact: impactScore === undefined ? undefined : owaspLevel(impactScore)
    };
}
/** Microsoft bug bar class → severity. */
const BUG_BAR_SEVERITY = { critical: 'critical', important: 'high', moderate: 'medium', low: 'low' };
/** Threagile likelihood → level (impact names are levels already). */
const THREAGILE_LIKELIHOOD_LEVEL = { unlikely: 'low', likely: 'medium', 'very-likely': 'high', frequent: 'very-high' };
/** Threagile's own label from its product rule, kept for display only. */
function threagileLabel(likelihood, impact) {
    const product = (Object.keys(THREAGILE_LIKELIHOOD_LEVEL).indexOf(likelihood) + 1) * (['low', 'medium', 'high', 'very-high'].indexOf(impact) + 1);
    if (product <= 1)
        return 'low';
    if (product <= 3)
        return 'medium';
    if (product <= 8)
        return 'elevated';
    if (product <= 12)
        return 'high';
    return 'critical';
}
/** DREAD default bands (tool default, not a standard): lower edges of low, medium, high, critical. */
const DREAD_DEFAULT_BANDS = [2.5, 4.5, 6.5, 8.5];
/** DREAD: mean of the five ratings → severity by the bands. */
function dreadSeverity(r, bands = DREAD_DEFAULT_BANDS) {
    const mean = (r.damage + r.reproducibility + r.exploitability + r.affected_users + r.discoverability) / 5;
    let rank = 0;
    for (let k = 0; k < bands.length; k++)
        if (mean >= bands[k])
            rank = k + 1;
    return { mean, severity: SEVERITIES[rank] };
}

;// CONCATENATED MODULE: ./src/core/diff/severity.ts

/** The 5×5 matrix of design/risk.md §3 lives in the risk engine; the diff reads the same one. */

/** Rank of a severity on the scale, info = 0 … critical = 4. */
function severityRank(severity) {
    return SEVERITY_RANK[severity];
}

;// CONCATENATED MODULE: ./src/core/diff/derived.ts


/**
 * How far along a mitigation is: rejected < proposed < planned < in-progress < implemented = existing < verified.
 * A missing status counts as proposed (nothing has been decided).
 */
const STATUS_RANK = {
    rejected: 0,
    proposed: 1,
    planned: 2,
    'in-progress': 3,
    implemented: 4,
    existing: 4,
    verified: 5
};
/** Computes the consequences of a change from the two model graphs (elements present on both sides). */
function deriveChanges(base, head, matches) {
    const out = [];
    for (const match of matches.threats ?? []) {
        const before = base.threats.get(match.baseId);
        const after = head.threats.get(match.headId);
        if (before && after)
            deriveThreat(base, head, before, after, match, out);
    }
    for (const match of matches.mitigations ?? []) {
        const before = base.mitigations.get(match.baseId);
        const after = head.mitigations.get(match.headId);
        if (!before || !after || before.status === after.status)
            continue;
        const from = before.status ?? 'proposed';
        const to = after.status ?? 'proposed';
        const delta = STATUS_RANK[to] - STATUS_RANK[from];
        const direction = delta > 0 ? 'progress' : delta < 0 ? 'regression' : 'lateral';
        const word = direction === 'progress' ? 'progressed' : direction === 'regression' ? 'regressed' : 'moved';
        out.push({
            ...ids('mitigations', match),
            kind: 'mitigation-status-moved',
            direction,
            before: before.status ?? null,
            after: after.status ?? null,
            message: `Mitigation ${after.id} ${word}: status ${before.status ?? 'unset'} → ${after.status ?? 'unset'}.`
        });
    }
    for (const match of matches.dataflows ?? []) {
        const before = base.dataflows.get(match.baseId);
        const after = head.dataflows.get(match.headId);
        if (before && after)
            deriveFlow(base, head, before, after, match, out);
    }
    for (const match of matches.assets ?? []) {
        const before = base.assets.get(match.baseId)?.classification;
        const after = head.assets.get(match.headId)?.classification;
        if (before === undefined || after === undefined || before === after)
            continue;
        const direction = classificationRank(after) > classificationRank(before) ? 'rose' : 'fell';
        out.push({
            ...ids('assets', match),
            kind: 'asset-classification-moved',
            direction,
            before,
            after,
            message: `Asset ${match.headId} classification ${direction} from ${before} to ${after}.`
        });
    }
    for (const match of matches.components ?? []) {
        const before = base.components.get(match.baseId);
        const after = head.components.get(match.headId);
        if (!before || !after || before.internet_facing === true || after.internet_facing !== true)
            continue;
        out.push({
            ...ids('components', match),
            kind: 'component-became-internet-facing',
            before: before.internet_facing ?? false,
            after: true,
            message: `Component ${after.id} is now internet-facing.`
        });
    }
    return out;
}
function ids(section, match) {
    return match.baseId === match.headId ? { section, elementId: match.headId } : { section, elementId: match.headId, previousId: match.baseId };
}
/** The stated likelihood and impact of a threat: those under `risk` first, as the risk engine reads them. */
function levelsOf(threat) {
    return { likelihood: threat.risk?.likelihood ?? threat.likelihood, impact: threat.risk?.impact ?? threat.impact };
}
function deriveThreat(base, head, before, after, match, out) {
    const b = levelsOf(before);
    const a = levelsOf(after);
    const from = b.likelihood && b.impact ? matrixSeverity(b.likelihood, b.impact) : undefined;
    const to = a.likelihood && a.impact ? matrixSeverity(a.likelihood, a.impact) : undefined;
    if (from !== to) {
        const direction = from === undefined ? 'rated' : to === undefined ? 'unrated' : severityRank(to) > severityRank(from) ? 'up' : 'down';
        const reasons = [];
        if (b.likelihood !== a.likelihood)
            reasons.push(`likelihood ${b.likelihood ?? 'unset'} → ${a.likelihood ?? 'unset'}`);
        if (b.impact !== a.impact)
            reasons.push(`impact ${b.impact ?? 'unset'} → ${a.impact ?? 'unset'}`);
        const verb = direction === 'up' ? 'rose' : direction === 'down' ? 'fell' : direction === 'rated' ? 'is now rated' : 'is no longer rated';
        const change = from && to ? `${verb} from ${from} to ${to}` : to ? `${verb} ${to}` : `${verb} (was ${from})`;
        out.push({
            ...ids('threats', match),
            kind: 'threat-severity-moved',
            direction,
            before: from ?? null,
            after: to ?? null,
            message: `Threat ${after.id} severity ${change} (${reasons.join(', ')}).`
        });
    }
    const linkedBefore = activeMitigations(base, before.id);
    if (linkedBefore.length > 0 && activeMitigations(head, after.id).length === 0) {
        out.push({
            ...ids('threats', match),
            kind: 'threat-lost-last-mitigation',
            before: linkedBefore,
            after: [],
            message: `Threat ${after.id} lost its last mitigation (had ${linkedBefore.join(', ')}).`
        });
    }
}
/** Ids of the mitigations linked to a threat that exist and are not rejected. */
function activeMitigations(index, threatId) {
    return (index.mitigationsByThreat.get(threatId) ?? []).filter((m) => m.status !== 'rejected').map((m) => m.id);
}
function deriveFlow(base, head, before, after, match, out) {
    const trustBefore = { from: base.trustOf(before.from) ?? null, to: base.trustOf(before.to) ?? null };
    const trustAfter = { from: head.trustOf(after.from) ?? null, to: head.trustOf(after.to) ?? null };
    if (!crosses(trustBefore) && crosses(trustAfter)) {
        out.push({
            ...ids('dataflows', match),
            kind: 'flow-crosses-trust-boundary',
            before: trustBefore,
            after: trustAfter,
            message: `Flow ${after.id} (${after.from} → ${after.to}) now crosses a trust boundary: trust ${String(trustAfter.from)} → ${String(trustAfter.to)}.`
        });
    }
    if (before.encrypted === true && after.encrypted !== true) {
        out.push({
            ...ids('dataflows', match),
            kind: 'flow-lost-encryption',
            before: true,
            after: after.encrypted ?? null,
            message: `Flow ${after.id} (${after.from} → ${after.to}) is no longer encrypted.`
        });
    }
    if (isAuthenticated(before) && !isAuthenticated(after)) {
        out.push({
            ...ids('dataflows', match),
            kind: 'flow-lost-authentication',
            before: before.authentication ?? null,
            after: after.authentication ?? null,
            message: `Flow ${after.id} (${after.from} → ${after.to}) lost its authentication (was ${before.authentication ?? 'unset'}, now ${after.authentication ?? 'unset'}).`
        });
    }
    const sensitivityBefore = highestClassification(base, before.id);
    const sensitivityAfter = highestClassification(head, after.id);
    if (classificationRank(sensitivityAfter) > classificationRank(sensitivityBefore)) {
        out.push({
            ...ids('dataflows', match),
            kind: 'flow-data-more-sensitive',
            direction: 'rose',
            before: sensitivityBefore ?? null,
            after: sensitivityAfter ?? null,
            message: `Flow ${after.id} (${after.from} → ${after.to}) now carries ${sensitivityAfter ?? 'unclassified'} data (was ${sensitivityBefore ?? 'unclassified'}).`
        });
    }
}
function crosses(trust) {
    return trust.from !== null && trust.to !== null && trust.from !== trust.to;
}
/** A flow is authenticated when it names a scheme other than `none`. */
function isAuthenticated(flow) {
    const scheme = flow.authentication?.trim().toLowerCase();
    return scheme !== undefined && scheme !== '' && scheme !== 'none';
}
function highestClassification(index, flowId) {
    let highest;
    for (const asset of index.assetsOnFlow(flowId)) {
        if (asset.classification !== undefined && classificationRank(asset.classification) > classificationRank(highest))
            highest = asset.classification;
    }
    return highest;
}
/** public 0 … restricted 3; unclassified −1. */
function classificationRank(classification) {
    return classification === undefined ? -1 : CLASSIFICATIONS.indexOf(classification);
}

// EXTERNAL MODULE: ./node_modules/diff/libesm/patch/create.js + 2 modules
var create = __webpack_require__(7291);
;// CONCATENATED MODULE: ./src/core/diff/values.ts

/** Fields always shown with a unified diff when they change. */
const TEXT_FIELDS = new Set(['description', 'verification', 'summary', 'text', 'reason', 'prerequisites', 'action', 'business_impact']);
/** A string longer than this (or spanning lines) counts as text and gets a unified diff. */
const TEXT_LENGTH = 80;
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Absent, empty list and empty mapping all mean "nothing here" in a model. */
function isAbsent(value) {
    if (value === undefined || value === null)
        return true;
    if (Array.isArray(value))
        return value.length === 0;
    if (isPlainObject(value)) {
        for (const key in value)
            if (!isAbsent(value[key]))
                return false;
        return true;
    }
    return false;
}
/** Line endings and trailing whitespace are formatting, not content. */
function normalizeText(value) {
    return value.includes('\r') ? value.replace(/\r\n?/g, '\n').trimEnd() : value.trimEnd();
}
/** Exact structural equality of two plain values, ignoring key order (the cheap first check). */
function jsonEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (Array.isArray(a)) {
        if (!Array.isArray(b) || a.length !== b.length)
            return false;
        for (let i = 0; i < a.length; i++)
            if (!jsonEqual(a[i], b[i]))
                return false;
        return true;
    }
    if (Array.isArray(b))
        return false;
    const ao = a;
    const bo = b;
    let count = 0;
    for (const key in ao) {
        if (ao[key] === undefined)
            continue;
        count++;
        if (!jsonEqual(ao[key], bo[key]))
            return false;
    }
    for (const key in bo)
        if (bo[key] !== undefined)
            count--;
    return count === 0;
}
/** A deep copy holding only JSON values (drops undefined keys). */
function toJson(value) {
    if (value === undefined || value === null)
        return null;
    if (Array.isArray(value))
        return value.map(toJson);
    if (isPlainObject(value)) {
        const out = {};
        for (const key of Object.keys(value))
            if (value[key] !== undefined)
                out[key] = toJson(value[key]);
        return out;
    }
    if (typeof value === 'string' || typeof value === 'boolean')
        return value;
    if (typeof value === 'number')
        return Number.isFinite(value) ? value : null;
    return null;
}
function values_isScalar(value) {
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
/**
 * Key of an entry of a list of objects: the natural key where one exists (an effect is keyed by its
 * threat and factor), else its id. `threatId` reads the effect's threat as the caller needs it.
 */
function naturalKey(pattern, entry, threatId) {
    if (pattern === 'effects' && typeof entry.threat === 'string')
        return `${threatId(entry.threat)}/${String(entry.reduces)}`;
    return typeof entry.id === 'string' ? entry.id : undefined;
}
/** Entries of an object list by natural key; duplicates get `#2`, `#3`; undefined when some entry has no key. */
function keyEntries(pattern, list, threatId) {
    const out = new Map();
    for (const entry of list) {
        if (!isPlainObject(entry))
            return undefined;
        const key = naturalKey(pattern, entry, threatId);
        if (key === undefined)
            return undefined;
        let unique = key;
        for (let n = 2; out.has(unique); n++)
            unique = `${key}#${n}`;
        out.set(unique, entry);
    }
    return out;
}
const asIs = (id) => id;
function childPath(path, key) {
    return path === '' ? key : `${path}.${key}`;
}
/** Orders strings by code units, with runs of digits compared as numbers (T-2 before T-10). */
function compareNatural(a, b) {
    if (a === b)
        return 0;
    const chunk = /(\d+|\D+)/g;
    const ac = a.match(chunk) ?? [];
    const bc = b.match(chunk) ?? [];
    for (let i = 0; i < Math.min(ac.length, bc.length); i++) {
        const x = ac[i];
        const y = bc[i];
        if (x === y)
            continue;
        const xd = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57;
        const yd = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57;
        if (xd && yd) {
            const nx = BigInt(x);
            const ny = BigInt(y);
            if (nx !== ny)
                return nx < ny ? -1 : 1;
        }
        return x < y ? -1 : 1;
    }
    if (ac.length !== bc.length)
        return ac.length - bc.length;
    return a < b ? -1 : 1;
}
/** Compares base and head values of one section's elements and records field changes. */
class FieldDiffer {
    spec;
    renames;
    label;
    constructor(spec, renames, 
    /** Prefix of the file names in unified diffs, e.g. `threats/T-001`. */
    label) {
        this.spec = spec;
        this.renames = renames;
        this.label = label;
    }
    /** Field changes between a base and a head element, ordered by path. */
    diff(before, after) {
        const out = [];
        this.compare(before, after, '', '', out);
        return out;
    }
    mapRef(pattern, value) {
        return typeof value === 'string' && this.spec.refs.has(pattern) ? (this.renames.get(value) ?? value) : value;
    }
    compare(before, after, path, pattern, out) {
        if (Array.isArray(before) || Array.isArray(after)) {
            if (this.compareLists(before, after, path, pattern, out))
                return;
        }
        const beforeAbsent = isAbsent(before);
        const afterAbsent = isAbsent(after);
        if (beforeAbsent && afterAbsent)
            return;
        if (beforeAbsent) {
            const change = { path, change: 'added', after: toJson(after) };
            if (typeof after === 'string' && isText(pattern, '', after))
                change.patch = this.patch(path, '', normalizeText(after));
            out.push(change);
            return;
        }
        if (afterAbsent) {
            const change = { path, change: 'removed', before: toJson(before) };
            if (typeof before === 'string' && isText(pattern, before, ''))
                change.patch = this.patch(path, normalizeText(before), '');
            out.push(change);
            return;
        }
        if (isPlainObject(before) && isPlainObject(after)) {
            const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
            for (const key of [...keys].sort())
                this.compare(before[key], after[key], childPath(path, key), childPath(pattern, key), out);
            return;
        }
        if (typeof before === 'string' && typeof after === 'string') {
            const b = normalizeText(String(this.mapRef(pattern, before)));
            const a = normalizeText(after);
            if (a === b)
                return;
            const change = { path, change: 'modified', before, after };
            if (isText(pattern, b, a))
                change.patch = this.patch(path, b, a);
            out.push(change);
            return;
        }
        if (this.equivalent(before, after, pattern))
            return;
        out.push({ path, change: 'modified', before: toJson(before), after: toJson(after) });
    }
    /** Handles lists; returns false when the values are not both lists (or absent) of a kind it compares. */
    compareLists(before, after, path, pattern, out) {
        const b = before === undefined || before === null ? [] : before;
        const a = after === undefined || after === null ? [] : after;
        if (!Array.isArray(b) || !Array.isArray(a))
            return false;
        const entryPattern = `${pattern}[]`;
        if (!this.spec.ordered.has(pattern) && b.every(values_isScalar) && a.every(values_isScalar)) {
            // A list of scalars is a set: report members gained and lost, in the base's own spelling.
            const baseByKey = new Map();
            for (const value of b) {
                const mapped = this.mapRef(entryPattern, value);
                baseByKey.set(memberKey(mapped), value);
            }
            const headKeys = new Set();
            const addedMembers = [];
            for (const value of a) {
                const key = memberKey(value);
                if (!headKeys.has(key) && !baseByKey.has(key))
                    addedMembers.push(value);
                headKeys.add(key);
            }
            const removedMembers = [...baseByKey].filter(([key]) => !headKeys.has(key)).map(([, value]) => value);
            if (addedMembers.length === 0 && removedMembers.length === 0)
                return true;
            const change = { path, change: 'members' };
            if (before !== undefined)
                change.before = toJson(before);
            if (after !== undefined)
                change.after = toJson(after);
            // Members in a fixed order, so the same change reads the same whatever the lists' order.
            change.addedMembers = addedMembers.sort(compareMembers).map(toJson);
            change.removedMembers = removedMembers.sort(compareMembers).map(toJson);
            out.push(change);
            return true;
        }
        const baseEntries = keyEntries(pattern, b, (id) => this.renames.get(id) ?? id);
        const headEntries = keyEntries(pattern, a, asIs);
        if (baseEntries && headEntries) {
            const keys = [...new Set([...baseEntries.keys(), ...headEntries.keys()])].sort(compareNatural);
            for (const key of keys)
                this.compare(baseEntries.get(key), headEntries.get(key), `${path}[${key}]`, entryPattern, out);
            return true;
        }
        if (isAbsent(b) || isAbsent(a))
            return false;
        if (!this.equivalent(b, a, pattern))
            out.push({ path, change: 'modified', before: toJson(before), after: toJson(after) });
        return true;
    }
    /** Equality after normalisation (text, references, set lists). */
    equivalent(before, after, pattern) {
        const probe = [];
        if (Array.isArray(before) && Array.isArray(after) && this.spec.ordered.has(pattern)) {
            if (before.length !== after.length)
                return false;
            for (let i = 0; i < before.length; i++) {
                this.compare(before[i], after[i], '', `${pattern}[]`, probe);
                if (probe.length > 0)
                    return false;
            }
            return true;
        }
        if (typeof before === 'string' && typeof after === 'string') {
            return normalizeText(String(this.mapRef(pattern, before))) === normalizeText(after);
        }
        if (values_isScalar(before) || values_isScalar(after))
            return before === after;
        if (isPlainObject(before) && isPlainObject(after)) {
            this.compare(before, after, '', pattern, probe);
            return probe.length === 0;
        }
        return jsonEqual(before, after);
    }
    patch(path, before, after) {
        const name = `${this.label}/${path}`;
        return (0,create/* formatPatch */.Gu)((0,create/* structuredPatch */.YB)(`a/${name}`, `b/${name}`, asLines(before), asLines(after), undefined, undefined, { context: 3 }), create/* FILE_HEADERS_ONLY */.jr);
    }
    /**
     * A canonical text of an element (id aside) with every reference blanked out: elements that differ
     * only in ids and references share it, which makes it a cheap pre-filter for rename candidates.
     */
    contentKey(element) {
        return this.canonical(element, '', true);
    }
    /** Canonical text of a value; `~` for an absent one (absent, empty list and empty mapping alike). */
    canonical(value, pattern, root = false) {
        if (value === undefined || value === null)
            return '~';
        if (Array.isArray(value)) {
            if (value.length === 0)
                return '~';
            const entryPattern = `${pattern}[]`;
            const entries = value.map((entry) => this.canonical(entry, entryPattern));
            if (this.spec.ordered.has(pattern))
                return `[${entries.join(',')}]`;
            return `{${[...new Set(entries)].sort().join(',')}}`;
        }
        if (isPlainObject(value)) {
            const parts = [];
            for (const key of Object.keys(value).sort()) {
                if (root && key === 'id')
                    continue;
                const part = this.canonical(value[key], childPath(pattern, key));
                if (part !== '~')
                    parts.push(`${key}:${part}`);
            }
            return parts.length === 0 ? '~' : `(${parts.join(',')})`;
        }
        if (typeof value === 'string')
            return this.spec.refs.has(pattern) ? '#' : JSON.stringify(normalizeText(value));
        return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '?';
    }
    /**
     * Leaves of an element (id aside) for the similarity score: path → normalised scalar. Base references are read
     * through the rename map; references to `unresolved` ids (elements that may themselves have been
     * renamed, not yet paired) are left out, so they neither help nor hurt the score.
     */
    leaves(value, side, unresolved) {
        const out = new Map();
        const resolve = (id) => {
            const mapped = side === 'base' ? (this.renames.get(id) ?? id) : id;
            return mapped === id && unresolved.has(id) ? undefined : mapped;
        };
        if (isPlainObject(value)) {
            for (const key of Object.keys(value))
                if (key !== 'id')
                    this.collect(value[key], key, key, resolve, out);
        }
        return out;
    }
    collect(value, path, pattern, resolve, out) {
        if (isAbsent(value))
            return;
        if (Array.isArray(value)) {
            const entryPattern = `${pattern}[]`;
            if (!this.spec.ordered.has(pattern) && value.every(values_isScalar)) {
                const isRef = this.spec.refs.has(entryPattern);
                for (const member of value) {
                    const resolved = isRef && typeof member === 'string' ? resolve(member) : member;
                    if (resolved !== undefined)
                        out.set(`${path}[]${memberKey(resolved)}`, true);
                }
                return;
            }
            const entries = keyEntries(pattern, value, (id) => resolve(id) ?? '?');
            if (entries) {
                for (const [key, entry] of entries)
                    this.collect(entry, `${path}[${key}]`, entryPattern, resolve, out);
                return;
            }
            value.forEach((entry, i) => this.collect(entry, `${path}[${i}]`, entryPattern, resolve, out));
            return;
        }
        if (isPlainObject(value)) {
            for (const key of Object.keys(value))
                this.collect(value[key], childPath(path, key), childPath(pattern, key), resolve, out);
            return;
        }
        if (typeof value === 'string') {
            const resolved = this.spec.refs.has(pattern) ? resolve(value) : value;
            if (resolved !== undefined)
                out.set(path, normalizeText(resolved));
            return;
        }
        if (values_isScalar(value))
            out.set(path, value);
    }
}
/** Text as whole lines for the patch; an absent text has no lines at all. */
function asLines(text) {
    return text === '' ? '' : `${text}\n`;
}
function compareMembers(a, b) {
    return compareNatural(memberKey(a), memberKey(b));
}
function memberKey(value) {
    return typeof value === 'string' ? `s:${normalizeText(value)}` : `${typeof value}:${String(value)}`;
}
function isText(pattern, before, after) {
    const key = pattern.slice(pattern.lastIndexOf('.') + 1);
    return TEXT_FIELDS.has(key) || before.includes('\n') || after.includes('\n') || before.length > TEXT_LENGTH || after.length > TEXT_LENGTH;
}
/** Strings this long or longer are compared by shared letter pairs rather than all-or-nothing. */
const FUZZY_TEXT_LENGTH = 16;
/** Similarity of two elements' leaves, 0–1: matching leaves over all leaves, long texts by letter-pair overlap. */
function leafSimilarity(a, b) {
    let union = a.size;
    let score = 0;
    for (const [key, value] of b) {
        if (!a.has(key)) {
            union++;
            continue;
        }
        const other = a.get(key);
        if (other === value)
            score += 1;
        else if (typeof other === 'string' && typeof value === 'string' && Math.max(other.length, value.length) >= FUZZY_TEXT_LENGTH)
            score += bigramDice(other, value);
    }
    return union === 0 ? 0 : score / union;
}
/** Sørensen–Dice coefficient over the letter pairs of two strings. */
function bigramDice(a, b) {
    if (a === b)
        return 1;
    if (a.length < 2 || b.length < 2)
        return 0;
    const counts = new Map();
    for (let i = 0; i < a.length - 1; i++) {
        const pair = a.slice(i, i + 2);
        counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
    let shared = 0;
    for (let i = 0; i < b.length - 1; i++) {
        const pair = b.slice(i, i + 2);
        const count = counts.get(pair) ?? 0;
        if (count > 0) {
            counts.set(pair, count - 1);
            shared++;
        }
    }
    return (2 * shared) / (a.length - 1 + b.length - 1);
}

;// CONCATENATED MODULE: ./src/core/diff/renames.ts

/** An element whose id changed counts as renamed when its other fields are at least this alike. */
const RENAME_THRESHOLD = 0.8;
/**
 * Above this many (removed × added) pairs in one section, only elements whose content is the same
 * apart from ids and references are scored, which keeps a mass renumbering linear instead of quadratic.
 */
const ALL_PAIRS_LIMIT = 250_000;
/**
 * Pairs elements that left the base with elements that arrived in the head, per section, when
 * their fields (id aside) are alike. Threats and mitigations refer to each other, so the first pass
 * is lenient: a reference to an id that may itself have been renamed counts neither way. The second
 * pass decides strictly, with every reference read through the renames the first pass found, so two
 * flows between unrelated new components are not mistaken for a rename.
 */
function detectRenames(base, head, specs) {
    const contentKeys = new Map();
    const lenient = pairAll(base, head, specs, new Map(), true, contentKeys);
    return pairAll(base, head, specs, lenient.map, false, contentKeys);
}
function pairAll(base, head, specs, known, lenient, contentKeys) {
    // Pairs found in earlier sections of this pass already resolve references in later ones.
    const map = new Map(known);
    const similarity = new Map();
    const baseIds = new Set();
    const headIds = new Set();
    for (const elements of base.values())
        for (const id of elements.keys())
            baseIds.add(id);
    for (const elements of head.values())
        for (const id of elements.keys())
            headIds.add(id);
    const pairedHeadIds = new Set(map.values());
    // Ids that left the base or arrived in the head and are not paired yet: possibly renamed.
    const unresolvedBase = new Set(lenient ? [...baseIds].filter((id) => !headIds.has(id) && !map.has(id)) : []);
    const unresolvedHead = new Set(lenient ? [...headIds].filter((id) => !baseIds.has(id) && !pairedHeadIds.has(id)) : []);
    const found = new Map();
    for (const [section, baseElements] of base) {
        const headElements = head.get(section);
        if (!headElements)
            continue;
        const gone = [...baseElements.keys()].filter((id) => !headElements.has(id));
        const arrived = [...headElements.keys()].filter((id) => !baseElements.has(id));
        if (gone.length === 0 || arrived.length === 0)
            continue;
        const differ = new FieldDiffer(specs[section], map, section);
        const goneLeaves = gone.map((id) => differ.leaves(baseElements.get(id), 'base', unresolvedBase));
        const arrivedLeaves = arrived.map((id) => differ.leaves(headElements.get(id), 'head', unresolvedHead));
        // Content keys do not depend on renames, so both passes share them.
        const keyOf = (element) => {
            let key = contentKeys.get(element);
            if (key === undefined)
                contentKeys.set(element, (key = differ.contentKey(element)));
            return key;
        };
        const goneKey = (i) => keyOf(baseElements.get(gone[i]));
        const arrivedKey = (i) => keyOf(headElements.get(arrived[i]));
        const candidates = [];
        for (const [g, a] of candidatePairs(gone.length, arrived.length, goneKey, arrivedKey)) {
            const small = Math.min(goneLeaves[g].size, arrivedLeaves[a].size);
            const large = Math.max(goneLeaves[g].size, arrivedLeaves[a].size);
            // The score cannot exceed shared leaves over all leaves, so very different sizes never pair.
            if (large === 0 || small / large < RENAME_THRESHOLD)
                continue;
            const score = leafSimilarity(goneLeaves[g], arrivedLeaves[a]);
            if (score >= RENAME_THRESHOLD)
                candidates.push({ gone: g, arrived: a, score });
        }
        // Best pairs first; ties broken by ids so the pairing never depends on document order.
        candidates.sort((x, y) => y.score - x.score || compareNatural(gone[x.gone], gone[y.gone]) || compareNatural(arrived[x.arrived], arrived[y.arrived]));
        const taken = new Set();
        const used = new Set();
        for (const candidate of candidates) {
            if (taken.has(candidate.gone) || used.has(candidate.arrived))
                continue;
            taken.add(candidate.gone);
            used.add(candidate.arrived);
            found.set(gone[candidate.gone], arrived[candidate.arrived]);
            similarity.set(gone[candidate.gone], candidate.score);
        }
        for (const [from, to] of found) {
            map.set(from, to);
            unresolvedBase.delete(from);
            unresolvedHead.delete(to);
        }
    }
    return { map: found, similarity };
}
/** The (removed, added) index pairs to score: all of them, or above the limit those with equal content keys. */
function* candidatePairs(gone, arrived, goneKey, arrivedKey) {
    if (gone * arrived <= ALL_PAIRS_LIMIT) {
        for (let g = 0; g < gone; g++)
            for (let a = 0; a < arrived; a++)
                yield [g, a];
        return;
    }
    const byKey = new Map();
    for (let a = 0; a < arrived; a++) {
        const key = arrivedKey(a);
        const list = byKey.get(key);
        if (list)
            list.push(a);
        else
            byKey.set(key, [a]);
    }
    for (let g = 0; g < gone; g++)
        for (const a of byKey.get(goneKey(g)) ?? [])
            yield [g, a];
}

;// CONCATENATED MODULE: ./src/core/diff/types.ts
/** The sections a diff covers, in the order changes are reported. */
const DIFF_SECTIONS = [
    'model',
    'zones',
    'assets',
    'components',
    'dataflows',
    'actors',
    'threats',
    'mitigations',
    'assumptions',
    'incidents',
    'suppressions',
    'risk'
];
/** The kind of thing a section holds, as named in messages. */
const SECTION_KINDS = {
    model: 'model',
    zones: 'zone',
    assets: 'asset',
    components: 'component',
    dataflows: 'dataflow',
    actors: 'actor',
    threats: 'threat',
    mitigations: 'mitigation',
    assumptions: 'assumption',
    incidents: 'incident',
    suppressions: 'suppression',
    risk: 'risk-settings'
};
const DERIVED_CHANGE_KINDS = [
    'threat-severity-moved',
    'threat-lost-last-mitigation',
    'mitigation-status-moved',
    'flow-crosses-trust-boundary',
    'flow-lost-encryption',
    'flow-lost-authentication',
    'flow-data-more-sensitive',
    'asset-classification-moved',
    'component-became-internet-facing'
];

;// CONCATENATED MODULE: ./src/core/diff/diff-models.ts






const none = new Set();
const spec = (refs, ordered = []) => ({ refs: new Set(refs), ordered: ordered.length ? new Set(ordered) : none });
/** Which fields of each section hold element ids, and which scalar lists are ordered. */
const SECTION_SPECS = {
    model: spec([]),
    zones: spec(['parent']),
    assets: spec([]),
    components: spec(['zone', 'parent', 'assets[]']),
    dataflows: spec(['from', 'to', 'assets[]']),
    actors: spec([]),
    threats: spec(['targets[]', 'source', 'mitigations[]']),
    mitigations: spec(['effects[].threat']),
    assumptions: spec([]),
    incidents: spec(['threats[]']),
    suppressions: spec(['target']),
    risk: spec([], ['severity.scale'])
};
const SECTION_ORDER = new Map(DIFF_SECTIONS.map((section, i) => [section, i]));
/** Semantic diff of two versions of a model; either side may be absent (a model added or removed). */
function diffModels(base, head) {
    const before = toSide(base);
    const after = toSide(head);
    const files = {};
    if (before?.file !== undefined)
        files.baseFile = before.file;
    if (after?.file !== undefined)
        files.headFile = after.file;
    if (!before && !after)
        return finish({ kind: 'model-unchanged', modelId: '', ...files }, [], []);
    if (!before || !after) {
        const side = (before ?? after);
        const change = before ? 'removed' : 'added';
        return finish({ kind: before ? 'model-removed' : 'model-added', modelId: side.document.model.id, ...files }, wholeModel(side.document, change), []);
    }
    const baseElements = elementMaps(before.document);
    const headElements = elementMaps(after.document);
    const detected = detectRenames(baseElements, headElements, SECTION_SPECS);
    const renames = detected.map;
    const changes = [];
    const matches = {};
    const modelFields = new FieldDiffer(SECTION_SPECS.model, renames, 'model').diff(before.document.model, after.document.model);
    if (modelFields.length > 0)
        changes.push({ section: 'model', kind: 'model', change: 'changed', id: after.document.model.id, fields: modelFields });
    for (const [section] of ELEMENT_SECTIONS) {
        const sectionMatches = diffSection(section, baseElements.get(section), headElements.get(section), detected, changes);
        matches[section] = sectionMatches;
    }
    // A suppression may target the model itself, so its key follows a changed model id too.
    const targets = new Map(renames);
    if (before.document.model.id !== after.document.model.id)
        targets.set(before.document.model.id, after.document.model.id);
    diffSuppressions(before.document, after.document, targets, changes);
    diffRiskSettings(before.document, after.document, renames, changes);
    const derived = deriveChanges(before.index, after.index, matches);
    const header = { kind: 'model-changed', modelId: after.document.model.id };
    if (before.document.model.id !== after.document.model.id)
        header.previousModelId = before.document.model.id;
    return finish({ ...header, ...files }, changes, derived);
}
function toSide(value) {
    if (value === undefined)
        return undefined;
    if ('index' in value && 'document' in value)
        return { document: value.document, index: value.index, file: value.file };
    return { document: value, index: buildModelIndex(value) };
}
/** Elements of every element section by id (the first of duplicates wins, as in the index). */
function elementMaps(document) {
    const out = new Map();
    for (const [section] of ELEMENT_SECTIONS) {
        const map = new Map();
        for (const element of (document[section] ?? []))
            if (!map.has(element.id))
                map.set(element.id, element);
        out.set(section, map);
    }
    return out;
}
function diffSection(section, base, head, detected, changes) {
    const renames = detected.map;
    const kind = SECTION_KINDS[section];
    const renamedFrom = new Map();
    for (const [baseId, headId] of renames)
        if (base.has(baseId) && head.has(headId))
            renamedFrom.set(headId, baseId);
    const matches = [];
    for (const [id, element] of head) {
        const baseId = base.has(id) ? id : renamedFrom.get(id);
        if (baseId === undefined) {
            changes.push({ section, kind, change: 'added', id, fields: [], after: toJson(element) });
            continue;
        }
        matches.push({ baseId, headId: id });
        const previous = base.get(baseId);
        // Unchanged elements are the vast majority: skip field-level work when they are structurally equal.
        if (baseId === id && jsonEqual(previous, element))
            continue;
        const fields = new FieldDiffer(SECTION_SPECS[section], renames, `${section}/${id}`).diff({ ...previous, id }, element);
        if (baseId !== id) {
            changes.push({ section, kind, change: 'renamed', id, previousId: baseId, similarity: Math.round((detected.similarity.get(baseId) ?? 1) * 1000) / 1000, fields });
        }
        else if (fields.length > 0) {
            changes.push({ section, kind, change: 'changed', id, fields });
        }
    }
    for (const [id, element] of base) {
        if (!head.has(id) && !renames.has(id))
            changes.push({ section, kind, change: 'removed', id, fields: [], before: toJson(element) });
    }
    return matches;
}
/** Suppressions are keyed by `rule@target`; a target that was renamed keeps its key. */
function diffSuppressions(base, head, renames, changes) {
    const before = keyedSuppressions(base, renames);
    const after = keyedSuppressions(head, undefined);
    const kind = SECTION_KINDS.suppressions;
    for (const [key, { value }] of after) {
        const previous = before.get(key);
        if (!previous) {
            changes.push({ section: 'suppressions', kind, change: 'added', id: key, fields: [], after: toJson(value) });
            continue;
        }
        const fields = new FieldDiffer(SECTION_SPECS.suppressions, renames, `suppressions/${key}`).diff(previous.value, value);
        if (fields.length > 0)
            changes.push({ section: 'suppressions', kind, change: 'changed', id: key, fields });
    }
    for (const [key, { value, label }] of before) {
        if (!after.has(key))
            changes.push({ section: 'suppressions', kind, change: 'removed', id: label, fields: [], before: toJson(value) });
    }
}
/**
 * Suppressions by `rule@target` (duplicates get `#2`, …). On the base side the key reads the target
 * through the rename map, while `label` keeps the base's own spelling for reporting a removal.
 */
function keyedSuppressions(document, renames) {
    const out = new Map();
    for (const suppression of document.suppressions ?? []) {
        const target = renames?.get(suppression.target) ?? suppression.target;
        const key = uniqueKey(out, `${suppression.rule}@${target}`);
        const label = key.replace(`@${target}`, `@${suppression.target}`);
        out.set(key, { value: suppression, label });
    }
    return out;
}
function uniqueKey(taken, key) {
    let unique = key;
    for (let n = 2; taken.has(unique); n++)
        unique = `${key}#${n}`;
    return unique;
}
function diffRiskSettings(base, head, renames, changes) {
    const before = base.risk;
    const after = head.risk;
    const common = { section: 'risk', kind: SECTION_KINDS.risk, id: 'risk' };
    if (isAbsent(before) && isAbsent(after))
        return;
    if (isAbsent(before))
        changes.push({ ...common, change: 'added', fields: [], after: toJson(after) });
    else if (isAbsent(after))
        changes.push({ ...common, change: 'removed', fields: [], before: toJson(before) });
    else {
        const fields = new FieldDiffer(SECTION_SPECS.risk, renames, 'risk').diff(before, after);
        if (fields.length > 0)
            changes.push({ ...common, change: 'changed', fields });
    }
}
/** Every part of a model as added (or removed), for a model that exists on one side only. */
function wholeModel(document, change) {
    const value = (v) => (change === 'added' ? { after: toJson(v) } : { before: toJson(v) });
    const changes = [{ section: 'model', kind: 'model', change, id: document.model.id, fields: [], ...value(document.model) }];
    for (const [section, elements] of elementMaps(document)) {
        for (const element of elements.values()) {
            changes.push({ section, kind: SECTION_KINDS[section], change, id: element.id, fields: [], ...value(element) });
        }
    }
    for (const [key, { value: suppression }] of keyedSuppressions(document, undefined)) {
        changes.push({ section: 'suppressions', kind: SECTION_KINDS.suppressions, change, id: key, fields: [], ...value(suppression) });
    }
    if (!isAbsent(document.risk))
        changes.push({ section: 'risk', kind: SECTION_KINDS.risk, change, id: 'risk', fields: [], ...value(document.risk) });
    return changes;
}
function compareBySectionThenId(a, b) {
    return SECTION_ORDER.get(a.section) - SECTION_ORDER.get(b.section) || compareNatural(a.id, b.id);
}
const DERIVED_ORDER = new Map(DERIVED_CHANGE_KINDS.map((kind, i) => [kind, i]));
function finish(header, changes, derived) {
    changes.sort(compareBySectionThenId);
    derived.sort((a, b) => SECTION_ORDER.get(a.section) - SECTION_ORDER.get(b.section) ||
        compareNatural(a.elementId, b.elementId) ||
        DERIVED_ORDER.get(a.kind) - DERIVED_ORDER.get(b.kind));
    const isEmpty = header.kind !== 'model-added' && header.kind !== 'model-removed' && changes.length === 0 && derived.length === 0;
    const kind = header.kind === 'model-changed' && isEmpty ? 'model-unchanged' : header.kind;
    return { ...header, kind, isEmpty, changes, derived, summary: summarise(changes, derived) };
}
function summarise(changes, derived) {
    const zero = () => ({ added: 0, removed: 0, changed: 0, renamed: 0 });
    const total = zero();
    const bySection = {};
    for (const change of changes) {
        total[change.change]++;
        const counts = (bySection[change.section] ??= zero());
        counts[change.change]++;
    }
    const counts = {};
    for (const kind of DERIVED_CHANGE_KINDS) {
        const n = derived.filter((d) => d.kind === kind).length;
        if (n > 0)
            counts[kind] = n;
    }
    return { total, bySection: orderSections(bySection), derived: counts };
}
function orderSections(bySection) {
    const out = {};
    for (const section of DIFF_SECTIONS)
        if (bySection[section])
            out[section] = bySection[section];
    return out;
}

;// CONCATENATED MODULE: ./src/core/diff/index.ts





;// CONCATENATED MODULE: ./src/core/risk/distributions.ts
// Sampling by inverse CDF (risk.md §7.3). Beta-PERT shapes depend only on λ and the relative
// position of the mode r = (mode − min)/(max − min), so one family of standard quantile tables
// per λ on an r-grid serves every threat: a threat's table is the blend of the two neighbouring
// rows, scaled to [min, max]. Quantile blending keeps the mean exactly linear in r, as the PERT
// mean is, so the blend adds no bias to the mean.
/** Number of quantile intervals per table (the u-grid). */
const QUANTILE_NODES = 1024;
/** Rows of the r-grid: 256, or 1,024 when λ > 20 (narrow shapes move faster with r). */
function familyRows(lambda) {
    return lambda > 20 ? 1024 : 256;
}
/** z of the standard normal at 95 %: the (p5, p95) interval spans 2 × 1.6449 = 3.2897 σ. */
const Z95_SPAN = 3.2897;
/** μ and σ of the lognormal whose 5th and 95th percentiles are p5 and p95. */
function lognormalParameters(p5, p95) {
    const a = Math.log(p5);
    const b = Math.log(p95);
    return { mu: (a + b) / 2, sigma: (b - a) / Z95_SPAN };
}
/** Closed-form mean of a distribution. */
function distributionMean(d) {
    switch (d.kind) {
        case 'constant':
            return d.value;
        case 'pert':
            return d.max === d.min ? d.min : (d.min + d.lambda * d.mode + d.max) / (d.lambda + 2);
        case 'lognormal': {
            const { mu, sigma } = lognormalParameters(d.p5, d.p95);
            return Math.exp(mu + (sigma * sigma) / 2);
        }
    }
}
/** Closed-form variance of a distribution. */
function distributionVariance(d) {
    switch (d.kind) {
        case 'constant':
            return 0;
        case 'pert': {
            const mean = distributionMean(d);
            return ((mean - d.min) * (d.max - mean)) / (d.lambda + 3);
        }
        case 'lognormal': {
            const { mu, sigma } = lognormalParameters(d.p5, d.p95);
            return (Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma);
        }
    }
}
/** The low and high ends used for sensitivity swings: min/max, or the 90 % interval. */
function distributionRange(d) {
    if (d.kind === 'constant')
        return [d.value, d.value];
    if (d.kind === 'pert')
        return [d.min, d.max];
    return [d.p5, d.p95];
}
const SIMPSON_INTERVALS = 4096;
const familyCache = new Map();
let logGrid;
function logarithmGrid() {
    if (logGrid)
        return logGrid;
    const points = 2 * SIMPSON_INTERVALS + 1;
    const lnX = new Float64Array(points);
    const lnOneMinusX = new Float64Array(points);
    for (let g = 0; g < points; g++) {
        const x = g / (points - 1);
        lnX[g] = Math.log(x);
        lnOneMinusX[g] = Math.log(1 - x);
    }
    logGrid = { lnX, lnOneMinusX };
    return logGrid;
}
/** One row of standard Beta(1 + λr, 1 + λ(1 − r)) quantiles at u = j/QUANTILE_NODES. */
function buildFamilyRow(lambda, r, out, offset, cdf, density) {
    const a1 = lambda * r;
    const b1 = lambda * (1 - r);
    const { lnX, lnOneMinusX } = logarithmGrid();
    // Scale by the density at the mode so exp never overflows or underflows where the mass is.
    const peak = (a1 === 0 ? 0 : a1 * Math.log(r)) + (b1 === 0 ? 0 : b1 * Math.log(1 - r));
    const points = density.length;
    for (let g = 0; g < points; g++) {
        const left = a1 === 0 ? 0 : a1 * lnX[g];
        const right = b1 === 0 ? 0 : b1 * lnOneMinusX[g];
        const value = left + right - peak;
        density[g] = value > -745 ? Math.exp(value) : 0;
    }
    const h = 1 / SIMPSON_INTERVALS;
    cdf[0] = 0;
    for (let k = 0; k < SIMPSON_INTERVALS; k++)
        cdf[k + 1] = cdf[k] + (h / 6) * (density[2 * k] + 4 * density[2 * k + 1] + density[2 * k + 2]);
    const total = cdf[SIMPSON_INTERVALS];
    out[offset] = 0;
    out[offset + QUANTILE_NODES] = 1;
    let k = 0;
    for (let j = 1; j < QUANTILE_NODES; j++) {
        const target = (j / QUANTILE_NODES) * total;
        while (k < SIMPSON_INTERVALS - 1 && cdf[k + 1] < target)
            k++;
        const span = cdf[k + 1] - cdf[k];
        const within = span > 0 ? (target - cdf[k]) / span : 0;
        out[offset + j] = (k + within) * h;
    }
}
/** The standard quantile tables of the PERT family for λ, one row per r-grid point (cached). */
function pertFamily(lambda) {
    const cached = familyCache.get(lambda);
    if (cached)
        return cached;
    const rows = familyRows(lambda);
    const width = QUANTILE_NODES + 1;
    const table = new Float64Array(rows * width);
    const cdf = new Float64Array(SIMPSON_INTERVALS + 1);
    const density = new Float64Array(2 * SIMPSON_INTERVALS + 1);
    for (let i = 0; i < rows; i++)
        buildFamilyRow(lambda, i / (rows - 1), table, i * width, cdf, density);
    familyCache.set(lambda, table);
    return table;
}
/** Fills `out` (length QUANTILE_NODES + 1) with the quantiles of PERT(min, mode, max, λ). */
function pertQuantiles(min, mode, max, lambda, out) {
    const range = max - min;
    if (!(range > 0)) {
        out.fill(min);
        return out;
    }
    const family = pertFamily(lambda);
    const rows = familyRows(lambda);
    const width = QUANTILE_NODES + 1;
    const position = ((mode - min) / range) * (rows - 1);
    const row = Math.min(rows - 2, Math.floor(position));
    const w = position - row;
    const a = row * width;
    const b = a + width;
    for (let j = 0; j < width; j++)
        out[j] = min + range * ((1 - w) * family[a + j] + w * family[b + j]);
    return out;
}
// Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;
/** Standard normal quantile Φ⁻¹(u) for u ∈ (0, 1). */
function normalQuantile(u) {
    if (u < P_LOW) {
        const q = Math.sqrt(-2 * Math.log(u));
        return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }
    if (u > 1 - P_LOW) {
        const q = Math.sqrt(-2 * Math.log(1 - u));
        return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }
    const q = u - 0.5;
    const r = q * q;
    return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}
/** Poisson count with mean `mean` by inversion of its CDF at u. */
function poissonInverse(mean, u) {
    if (!(mean > 0))
        return 0;
    if (mean > 500) {
        // exp(−mean) underflows; at this size the normal approximation is far below sampling noise.
        return Math.max(0, Math.floor(mean + Math.sqrt(mean) * normalQuantile(u) + 0.5));
    }
    // e^(−λ) > 1 − λ by λ²/2, far above rounding when λ > 1e-6: u ≤ 1 − λ means no event for
    // certain, the same answer as the full inversion, without computing exp.
    if (mean > 1e-6 && u <= 1 - mean)
        return 0;
    let p = Math.exp(-mean);
    let cdf = p;
    let k = 0;
    while (u > cdf) {
        k++;
        p *= mean / k;
        if (p === 0 && k > mean)
            break;
        cdf += p;
    }
    return k;
}
const EMPTY = new Float64Array(0);
/** Compiles a distribution into a sampler; PERT tables are written into `buffer` when given. */
function compileSampler(d, buffer) {
    if (d.kind === 'constant')
        return { kind: 0, value: d.value, table: EMPTY, mu: 0, sigma: 0, lowExponent: 1, highExponent: 1 };
    if (d.kind === 'lognormal') {
        const { mu, sigma } = lognormalParameters(d.p5, d.p95);
        return { kind: 2, value: 0, table: EMPTY, mu, sigma, lowExponent: 1, highExponent: 1 };
    }
    if (!(d.max > d.min))
        return { kind: 0, value: d.min, table: EMPTY, mu: 0, sigma: 0, lowExponent: 1, highExponent: 1 };
    const table = pertQuantiles(d.min, d.mode, d.max, d.lambda, buffer ?? new Float64Array(QUANTILE_NODES + 1));
    const r = (d.mode - d.min) / (d.max - d.min);
    return { kind: 1, value: 0, table, mu: 0, sigma: 0, lowExponent: 1 / (1 + d.lambda * r), highExponent: 1 / (1 + d.lambda * (1 - r)) };
}
const LAST_CELL = QUANTILE_NODES - 1;
/**
 * Draws from a compiled sampler at u. Inside the table, linear interpolation; in the first and
 * last cells the beta quantile behaves like u^(1/α) and 1 − (1 − u)^(1/β), where a chord would
 * put visible bias on the mean of skewed or narrow shapes, so those two cells follow the power law.
 */
function sample(s, u) {
    if (s.kind === 1) {
        const position = u * QUANTILE_NODES;
        const j = position | 0;
        if (j > 0 && j < LAST_CELL) {
            const t = s.table;
            const lo = t[j];
            return lo + (position - j) * (t[j + 1] - lo);
        }
        return tailSample(s, position, j);
    }
    return s.kind === 0 ? s.value : Math.exp(s.mu + s.sigma * normalQuantile(u));
}
const CELL_BITS = 32 - Math.log2(QUANTILE_NODES);
const CELL_MASK = 2 ** CELL_BITS - 1;
const TWO_TO_MINUS_CELL_BITS = 2 ** -CELL_BITS;
/**
 * `sample(s, u)` for the uniform u = (hash + 0.5)·2^−32 of a 32-bit mixed hash, read straight from
 * the hash's bits: its top bits are the table cell and the rest the position inside it, both exact,
 * so the value is bit-for-bit `sample(s, u)` without the float-to-integer conversion.
 */
function sampleFromHash(s, hash) {
    if (s.kind === 1) {
        const j = hash >>> CELL_BITS;
        if (j > 0 && j < LAST_CELL) {
            const t = s.table;
            const lo = t[j];
            return lo + ((hash & CELL_MASK) + 0.5) * TWO_TO_MINUS_CELL_BITS * (t[j + 1] - lo);
        }
    }
    return sample(s, ((hash >>> 0) + 0.5) / 4294967296);
}
/** The first or last table cell (kept out of `sample` so the hot path stays small enough to inline). */
function tailSample(s, position, j) {
    const t = s.table;
    if (j === 0)
        return t[0] + (t[1] - t[0]) * Math.pow(position, s.lowExponent);
    return t[QUANTILE_NODES] - (t[QUANTILE_NODES] - t[LAST_CELL]) * Math.pow(QUANTILE_NODES - position, s.highExponent);
}
/** Exact mean and variance of what a table sampler draws (for checking tables against closed forms). */
function samplerMoments(s) {
    if (s.kind !== 1)
        throw new Error('samplerMoments reads table samplers only');
    const t = s.table;
    const h = 1 / QUANTILE_NODES;
    let m1 = 0;
    let m2 = 0;
    for (let j = 1; j < LAST_CELL; j++) {
        const a = t[j];
        const b = t[j + 1];
        m1 += ((a + b) / 2) * h;
        m2 += ((a * a + a * b + b * b) / 3) * h;
    }
    // First cell: t0 + D·x^p over x ∈ [0, 1]; last: tK − D·x^q.
    const p = s.lowExponent;
    const d0 = t[1] - t[0];
    m1 += h * (t[0] + d0 / (p + 1));
    m2 += h * (t[0] * t[0] + (2 * t[0] * d0) / (p + 1) + (d0 * d0) / (2 * p + 1));
    const q = s.highExponent;
    const top = t[QUANTILE_NODES];
    const d1 = top - t[LAST_CELL];
    m1 += h * (top - d1 / (q + 1));
    m2 += h * (top * top - (2 * top * d1) / (q + 1) + (d1 * d1) / (2 * q + 1));
    return { mean: m1, variance: m2 - m1 * m1 };
}

;// CONCATENATED MODULE: ./src/core/risk/calibration.ts



const DEFAULT_STEP = Math.sqrt(10);
const DEFAULT_LIKELIHOOD_ANCHOR = { level: 'medium', lefPerYear: { min: 0.1, likely: 0.3, max: 1 } };
const DEFAULT_IMPACT_ANCHOR = { level: 'medium', loss: { min: 30000, likely: 100000, max: 1000000 } };
function scaled(anchor, factor, lambda) {
    return { kind: 'pert', min: anchor.min * factor, mode: anchor.likely * factor, max: anchor.max * factor, lambda };
}
/** Resolves the calibration from the model's `risk:` settings and the default λ. */
function resolveCalibration(settings, lambda) {
    const step = settings?.calibration?.step ?? DEFAULT_STEP;
    const la = settings?.calibration?.likelihood_anchor;
    const ia = settings?.calibration?.impact_anchor;
    const likelihoodAnchor = la ? { level: la.level, lefPerYear: { min: la.lef_per_year.min, likely: la.lef_per_year.likely, max: la.lef_per_year.max } } : DEFAULT_LIKELIHOOD_ANCHOR;
    const impactAnchor = ia ? { level: ia.level, loss: { min: ia.loss.min, likely: ia.loss.likely, max: ia.loss.max } } : DEFAULT_IMPACT_ANCHOR;
    const base = { step, lambda, likelihoodAnchor, impactAnchor };
    const c = distributionMean(calibratedLef(base, 'very-low')) * distributionMean(calibratedLoss(base, 'very-low'));
    const configured = settings?.severity?.ale_bands;
    const aleBands = configured
        ? { info: configured.info, low: configured.low, medium: configured.medium, high: configured.high, critical: configured.critical }
        : derivedBands(c, step);
    return { ...base, c, aleBands, bandsSource: configured ? 'configured' : 'derived' };
}
/** Band edges c·k^(S+0.5) for S = 2 (low) … 5 (critical); info starts at 0. */
function derivedBands(c, step) {
    return { info: 0, low: c * step ** 2.5, medium: c * step ** 3.5, high: c * step ** 4.5, critical: c * step ** 5.5 };
}
/** Loss-event frequency per year of a likelihood level. */
function calibratedLef(calibration, level) {
    const a = calibration.likelihoodAnchor;
    return scaled(a.lefPerYear, calibration.step ** (levelValue(level) - levelValue(a.level)), calibration.lambda);
}
/** Loss magnitude per event of an impact level. */
function calibratedLoss(calibration, level) {
    const a = calibration.impactAnchor;
    return scaled(a.loss, calibration.step ** (levelValue(level) - levelValue(a.level)), calibration.lambda);
}
/** Severity of a mean ALE under the bands (the highest band whose lower edge it reaches). */
function bandSeverity(meanAle, bands) {
    let result = 'info';
    for (const severity of SEVERITIES)
        if (meanAle >= bands[severity])
            result = severity;
    return result;
}
/** The calibration table for display: LEF and loss per level. */
function calibrationTable(calibration) {
    const three = (d) => (d.kind === 'pert' ? { min: d.min, likely: d.mode, max: d.max } : { min: 0, likely: 0, max: 0 });
    return LEVELS.map((level) => ({ level, lef: three(calibratedLef(calibration, level)), loss: three(calibratedLoss(calibration, level)) }));
}
/** Whether the bands rise strictly and put every matrix cell's calibrated mean in its matrix band. */
function bandsAreConsistent(calibration, matrix) {
    const b = calibration.aleBands;
    if (!(b.info <= b.low && b.low < b.medium && b.medium < b.high && b.high < b.critical))
        return false;
    for (const l of schema_LEVELS)
        for (const i of schema_LEVELS) {
            const mean = distributionMean(calibratedLef(calibration, l)) * distributionMean(calibratedLoss(calibration, i));
            if (bandSeverity(mean, b) !== matrix(l, i))
                return false;
        }
    return true;
}

;// CONCATENATED MODULE: ./src/core/risk/random.ts
// Counter-based uniforms (risk.md §7.2): every random number is a pure function of
// (seed, threat id, factor, iteration, slot) built from 32-bit integer operations, so a threat's
// samples never depend on which other threats exist or in which order they are simulated.
/** FNV-1a over the UTF-16 code units of a string, 32-bit. */
function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
}
/** MurmurHash3's 32-bit finaliser: a bijection with full avalanche. */
function fmix32(value) {
    let h = value | 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
}
/** The stream key of one factor of one threat: fmix32(fnv1a(seed ␀ threatId ␀ factor)). */
function streamKey(seed, threatId, factor) {
    return fmix32(fnv1a(`${seed >>> 0}\u0000${threatId}\u0000${factor}`));
}
const TWO_TO_MINUS_32 = 1 / 4294967296;
/** Odd constants that spread the iteration and slot numbers over the 32 bits before mixing. */
const ITERATION_SPREAD = 0x9e3779b1;
const SLOT_SPREAD = 0x85ebca77;
/** One fmix32 round of a 32-bit value (as a signed 32-bit integer; `>>> 0` makes it unsigned). */
function mix32(value) {
    let h = value;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
}
/** One fmix32 round of a 32-bit value, mapped to (0, 1); never exactly 0 or 1. */
function unitFromHash(value) {
    return ((mix32(value) >>> 0) + 0.5) * TWO_TO_MINUS_32;
}
/**
 * The uniform in (0, 1) for (key, iteration, slot). Hot loops that draw many slots of one
 * iteration compute the spreads themselves and call `unitFromHash`; the value is the same.
 */
function uniform(key, iteration, slot) {
    return unitFromHash(((key ^ Math.imul(iteration, ITERATION_SPREAD)) + Math.imul(slot, SLOT_SPREAD)) | 0);
}

;// CONCATENATED MODULE: ./src/core/risk/types.ts
/** The views of risk: no mitigations, in-place mitigations, and planned work by roadmap horizon. */
const RISK_VIEWS = ['inherent', 'residual', 'what-if:short', 'what-if:mid', 'what-if:long', 'what-if'];
const ENGINE_VERSION = 'risk-v1';
const DEFAULT_SEED = 20240601;
const DEFAULT_ITERATIONS = 10000;

;// CONCATENATED MODULE: ./src/core/risk/resolve.ts





/** §6: fail on a new critical or an increase to critical; warn on new high, any increase, material money increases. */
const DEFAULT_GATES = {
    failOn: ['new-critical', 'severity-increase-to-critical'],
    warnOn: ['new-high', 'severity-increase', 'ale-mean-increase', 'ale-p90-increase'],
    aleMeanIncrease: { relative: 0.1, absolute: 50000 },
    aleP90Increase: { relative: 0.15, absolute: 100000 },
    noiseSigmas: 3
};
/** Applies the gate defaults to a model's `risk.gates`. */
function resolveGates(gates) {
    return {
        failOn: gates?.fail_on ?? DEFAULT_GATES.failOn,
        warnOn: gates?.warn_on ?? DEFAULT_GATES.warnOn,
        aleMeanIncrease: gates?.ale_mean_increase ?? DEFAULT_GATES.aleMeanIncrease,
        aleP90Increase: gates?.ale_p90_increase ?? DEFAULT_GATES.aleP90Increase,
        noiseSigmas: gates?.noise_sigmas ?? DEFAULT_GATES.noiseSigmas
    };
}
/** Applies the defaults of risk.md §2 to a model's `risk:` section. */
function resolveEngineSettings(risk) {
    const lambdas = { low: 4, medium: 20, high: 160, ...risk?.confidence_lambda };
    const defaultConfidence = risk?.default_confidence ?? 'low';
    return {
        seed: risk?.seed ?? DEFAULT_SEED,
        iterations: risk?.iterations ?? DEFAULT_ITERATIONS,
        currency: risk?.currency ?? 'USD',
        lambdas,
        defaultConfidence,
        calibration: resolveCalibration(risk, lambdas[defaultConfidence]),
        whatIfIncludesProposed: risk?.what_if_includes_proposed ?? false,
        gates: resolveGates(risk?.gates)
    };
}
/** TMS strengths; "maximum" stays below 1 so layered controls never multiply to exactly 0. */
const STRENGTH_REDUCTION = { weak: 0.25, average: 0.5, strong: 0.75, maximum: 0.95 };
function toDistribution(estimate, confidence, settings) {
    if ('p5' in estimate)
        return { kind: 'lognormal', p5: estimate.p5, p95: estimate.p95 };
    if (estimate.min === estimate.max)
        return { kind: 'constant', value: estimate.min };
    return { kind: 'pert', min: estimate.min, mode: estimate.likely, max: estimate.max, lambda: settings.lambdas[estimate.confidence ?? confidence] };
}
/** V = P(TC > RS) for independent PERT capability and resistance, integrated over RS's quantiles. */
function vulnerabilityFromStrengths(capability, resistance) {
    const tc = compileSampler(capability);
    const rs = compileSampler(resistance);
    const tcTable = tc.kind === 1 ? tc.table : new Float64Array(QUANTILE_NODES + 1).fill(tc.value);
    let sum = 0;
    for (let j = 0; j < QUANTILE_NODES; j++) {
        // RS at the midpoint of each quantile cell.
        const x = rs.kind === 1 ? rs.table[j] + 0.5 * (rs.table[j + 1] - rs.table[j]) : rs.value;
        sum += 1 - cdfFromTable(tcTable, x);
    }
    return sum / QUANTILE_NODES;
}
function cdfFromTable(table, x) {
    const last = table.length - 1;
    if (x < table[0])
        return 0;
    if (x >= table[last])
        return 1;
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (table[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    const span = table[hi] - table[lo];
    return (lo + (span > 0 ? (x - table[lo]) / span : 1)) / last;
}
const LOSS_FORMS = ['productivity', 'response', 'replacement', 'competitive_advantage', 'fines_judgements', 'reputation'];
function fairFrequency(fair, confidence, s) {
    if (fair.lef)
        return { lef: toDistribution(fair.lef, confidence, s) };
    if (!fair.tef)
        return undefined;
    const v = fair.vulnerability;
    let vulnerability = { kind: 'constant', value: 1 };
    if (v && 'threat_capability' in v) {
        vulnerability = {
            kind: 'constant',
            value: vulnerabilityFromStrengths(toDistribution(v.threat_capability, confidence, s), toDistribution(v.resistance_strength, confidence, s))
        };
    }
    else if (v)
        vulnerability = toDistribution(v, confidence, s);
    return { tef: toDistribution(fair.tef, confidence, s), vulnerability };
}
function fairLoss(fair, confidence, s) {
    const forms = (group) => LOSS_FORMS.flatMap((form) => (group?.[form] ? [{ form, distribution: toDistribution(group[form], confidence, s) }] : []));
    const primary = forms(fair.loss?.primary);
    const secondaryForms = forms(fair.loss?.secondary);
    const secondary = fair.loss?.secondary && secondaryForms.length > 0 ? { probability: toDistribution(fair.loss.secondary.probability, confidence, s), forms: secondaryForms } : undefined;
    if (primary.length === 0 && !secondary)
        return undefined;
    return secondary ? { primary, secondary } : { primary };
}
function importedRating(threat, dreadBands) {
    const r = threat.risk;
    if (!r)
        return {};
    if (r.cvss) {
        const score = cvssBaseScore(r.cvss);
        if (score)
            return { imported: { scheme: 'cvss', original: score.vector, severity: score.severity, score: score.baseScore, severityOnly: true } };
    }
    if (r.owasp) {
        const o = owaspScore(r.owasp);
        if (o.impact) {
            const severity = matrixSeverity(o.likelihood, o.impact);
            return {
                imported: { scheme: 'owasp', original: canonicalJson(r.owasp), severity, score: Math.round(o.likelihoodScore * 1000) / 1000, severityOnly: false },
                levels: { likelihood: o.likelihood, impact: o.impact, provenance: 'imported:owasp' }
            };
        }
    }
    if (r.bugbar)
        return { imported: { scheme: 'bugbar', original: r.bugbar, severity: BUG_BAR_SEVERITY[r.bugbar], severityOnly: true } };
    if (r.threagile) {
        const likelihood = THREAGILE_LIKELIHOOD_LEVEL[r.threagile.likelihood];
        const impact = r.threagile.impact;
        return {
            imported: {
                scheme: 'threagile',
                original: `${r.threagile.likelihood}/${r.threagile.impact}`,
                severity: matrixSeverity(likelihood, impact),
                label: threagileLabel(r.threagile.likelihood, r.threagile.impact),
                severityOnly: false
            },
            levels: { likelihood, impact, provenance: 'imported:threagile' }
        };
    }
    if (r.dread) {
        const d = dreadSeverity(r.dread, dreadBands);
        return { imported: { scheme: 'dread', original: canonicalJson(r.dread), severity: d.severity, score: d.mean, severityOnly: true } };
    }
    return {};
}
/** Collects, per threat id, the mitigation effects that name it (mitigations in document order). */
function effectsByThreat(mitigations) {
    const map = new Map();
    for (const mitigation of mitigations)
        for (const effect of mitigation.effects ?? []) {
            const list = map.get(effect.threat);
            if (list)
                list.push({ mitigation, effect });
            else
                map.set(effect.threat, [{ mitigation, effect }]);
        }
    return map;
}
/** Resolves one threat's risk inputs (risk.md §1 precedence: FAIR, imported, qualitative, none). */
function resolveThreat(threat, effects, s) {
    const { imported, levels: importedLevels } = importedRating(threat);
    const stated = {
        likelihood: threat.risk?.likelihood ?? threat.likelihood,
        impact: threat.risk?.impact ?? threat.impact
    };
    const levels = importedLevels ?? (stated.likelihood && stated.impact ? { likelihood: stated.likelihood, impact: stated.impact, provenance: 'derived-from-qualitative' } : undefined);
    const likelihood = importedLevels?.likelihood ?? stated.likelihood;
    const impact = importedLevels?.impact ?? stated.impact;
    const fair = threat.risk?.fair;
    const confidence = fair?.confidence ?? s.defaultConfidence;
    let money;
    let fairInvolved = false;
    if (fair) {
        const frequency = fairFrequency(fair, confidence, s);
        const loss = fairLoss(fair, confidence, s);
        if (frequency || loss) {
            const filledFrequency = frequency ?? (likelihood ? { lef: calibratedLef(s.calibration, likelihood) } : undefined);
            const filledLoss = loss ?? (impact ? { primary: [{ form: 'calibrated', distribution: calibratedLoss(s.calibration, impact) }] } : undefined);
            if (filledFrequency && filledLoss) {
                money = { provenance: frequency && loss ? 'quantitative' : 'derived-from-qualitative', frequency: filledFrequency, ...filledLoss };
                fairInvolved = true;
            }
        }
    }
    if (!money && levels) {
        money = {
            provenance: levels.provenance,
            frequency: { lef: calibratedLef(s.calibration, levels.likelihood) },
            primary: [{ form: 'calibrated', distribution: calibratedLoss(s.calibration, levels.impact) }]
        };
    }
    let severitySource = 'unrated';
    let statedSeverity;
    if (fairInvolved && money)
        severitySource = money.provenance;
    else if (imported) {
        severitySource = `imported:${imported.scheme}`;
        statedSeverity = imported.severity;
    }
    else if (levels) {
        severitySource = levels.provenance;
        statedSeverity = matrixSeverity(levels.likelihood, levels.impact);
    }
    const resolvedEffects = effects.map(({ mitigation, effect }) => ({
        mitigation: mitigation.id,
        status: mitigation.status ?? 'proposed',
        ...(mitigation.roadmap ? { roadmap: mitigation.roadmap } : {}),
        factor: effect.reduces,
        reduction: effect.by
            ? toDistribution(effect.by, s.defaultConfidence, s)
            : { kind: 'constant', value: STRENGTH_REDUCTION[effect.strength ?? 'average'] },
        stated: effect.by ? `${effect.by.min}/${effect.by.likely}/${effect.by.max}` : (effect.strength ?? 'average')
    }));
    resolvedEffects.sort((a, b) => compareCodeUnits(a.mitigation, b.mitigation) || compareCodeUnits(a.factor, b.factor));
    return {
        id: threat.id,
        title: threat.title,
        applicable: threat.status !== 'not-applicable',
        ...(likelihood ? { likelihood } : {}),
        ...(impact ? { impact } : {}),
        ...(imported ? { imported } : {}),
        severitySource,
        ...(statedSeverity ? { statedSeverity } : {}),
        ...(money ? { money } : {}),
        effects: resolvedEffects
    };
}
/** The canonical text of a threat's risk inputs: equal text ⇔ identical simulation. */
function inputsText(threat) {
    const { title: _title, ...inputs } = threat;
    return canonicalJson(inputs);
}
/** Mitigation statuses that count as in place (the residual view). */
const IN_PLACE = new Set(['implemented', 'verified', 'existing']);
/** Mitigation statuses that count as planned work (the what-if views). */
const PLANNED = new Set(['planned', 'in-progress']);

;// CONCATENATED MODULE: ./src/core/risk/simulate.ts
// The Monte Carlo kernel and the closed-form means (risk.md §4). One threat in one view is
// simulated into an array of integer annual losses; every draw comes from the keyed uniform of
// (seed, threat, factor, iteration, slot), so a threat's array depends on its own inputs only.


const FREQUENCY_FACTORS = new Set(['tef', 'vulnerability', 'lef']);
const PRIMARY_FACTORS = new Set(['primary', 'loss']);
const SECONDARY_FACTORS = new Set(['secondary', 'loss']);
/** Reusable buffers for PERT tables, so simulating many threats allocates little. */
class TablePool {
    tables = [];
    used = 0;
    /** Hands out a table buffer; `reset` makes all of them available again. */
    take() {
        if (this.used === this.tables.length)
            this.tables.push(new Float64Array(QUANTILE_NODES + 1));
        return this.tables[this.used++];
    }
    reset() {
        this.used = 0;
    }
}
/**
 * Simulates one threat's annual loss for `out.length` iterations with the given effects applied.
 * With `addTo`, the losses are also added to it (a running model total) as they are drawn.
 */
function simulateThreat(threatId, money, effects, seed, out, pool = new TablePool(), addTo) {
    pool.reset();
    const compile = (factor, d) => ({ key: streamKey(seed, threatId, factor), sampler: compileSampler(d, d.kind === 'pert' ? pool.take() : undefined) });
    const direct = 'lef' in money.frequency;
    const first = 'lef' in money.frequency ? compile('lef', money.frequency.lef) : compile('tef', money.frequency.tef);
    const second = 'lef' in money.frequency ? first : compile('vuln', money.frequency.vulnerability);
    const nKey = streamKey(seed, threatId, 'n');
    const primary = money.primary.map((f) => compile(`lm:${f.form}`, f.distribution));
    const secondary = money.secondary?.forms.map((f) => compile(`slm:${f.form}`, f.distribution)) ?? [];
    const slef = money.secondary ? compile('slef', money.secondary.probability) : undefined;
    // Constant reductions (qualitative strengths) fold into one factor; PERT ones draw per iteration.
    let frequencyConstant = 1;
    let primaryConstant = 1;
    let secondaryConstant = 1;
    const frequencyRandom = [];
    const primaryRandom = [];
    const secondaryRandom = [];
    const lossRandom = [];
    for (const e of effects) {
        if (e.reduction.kind === 'constant') {
            const keep = 1 - e.reduction.value;
            if (FREQUENCY_FACTORS.has(e.factor))
                frequencyConstant *= keep;
            if (PRIMARY_FACTORS.has(e.factor))
                primaryConstant *= keep;
            if (SECONDARY_FACTORS.has(e.factor))
                secondaryConstant *= keep;
            continue;
        }
        const keyed = compile(`m:${e.mitigation}:${e.factor}`, e.reduction);
        if (FREQUENCY_FACTORS.has(e.factor))
            frequencyRandom.push(keyed);
        else if (e.factor === 'primary')
            primaryRandom.push(keyed);
        else if (e.factor === 'secondary')
            secondaryRandom.push(keyed);
        else
            lossRandom.push(keyed);
    }
    const iterations = out.length;
    if (direct && primary.length === 1 && !slef && frequencyRandom.length === 0 && primaryRandom.length === 0 && lossRandom.length === 0) {
        simulateSimple(first, nKey, primary[0], frequencyConstant, primaryConstant, out, addTo);
        return;
    }
    for (let i = 0; i < iterations; i++) {
        let lef = direct ? sample(first.sampler, uniform(first.key, i, 0)) : sample(first.sampler, uniform(first.key, i, 0)) * sample(second.sampler, uniform(second.key, i, 0));
        lef *= frequencyConstant;
        for (let k = 0; k < frequencyRandom.length; k++)
            lef *= 1 - sample(frequencyRandom[k].sampler, uniform(frequencyRandom[k].key, i, 0));
        const n = poissonInverse(lef, uniform(nKey, i, 0));
        if (n === 0) {
            out[i] = 0;
            continue;
        }
        let lossKeep = 1;
        for (let k = 0; k < lossRandom.length; k++)
            lossKeep *= 1 - sample(lossRandom[k].sampler, uniform(lossRandom[k].key, i, 0));
        let primaryKeep = primaryConstant * lossKeep;
        for (let k = 0; k < primaryRandom.length; k++)
            primaryKeep *= 1 - sample(primaryRandom[k].sampler, uniform(primaryRandom[k].key, i, 0));
        let secondaryKeep = secondaryConstant * lossKeep;
        let slefValue = 0;
        if (slef) {
            for (let k = 0; k < secondaryRandom.length; k++)
                secondaryKeep *= 1 - sample(secondaryRandom[k].sampler, uniform(secondaryRandom[k].key, i, 0));
            slefValue = sample(slef.sampler, uniform(slef.key, i, 0));
        }
        let loss = 0;
        for (let j = 0; j < n; j++) {
            let primaryLoss = 0;
            for (let k = 0; k < primary.length; k++)
                primaryLoss += sample(primary[k].sampler, uniform(primary[k].key, i, j));
            let eventLoss = primaryLoss * primaryKeep;
            // Slot 0 of the slef stream draws the iteration's probability; slots 1.. decide each event.
            if (slef && uniform(slef.key, i, j + 1) < slefValue) {
                let secondaryLoss = 0;
                for (let k = 0; k < secondary.length; k++)
                    secondaryLoss += sample(secondary[k].sampler, uniform(secondary[k].key, i, j));
                eventLoss += secondaryLoss * secondaryKeep;
            }
            loss += roundMoney(eventLoss);
        }
        out[i] = loss;
    }
    if (addTo)
        for (let i = 0; i < iterations; i++)
            addTo[i] += out[i];
}
/**
 * The common shape (one LEF range, one loss form, fixed-strength effects) without the general
 * loops; it draws exactly the same uniforms as the general path, so results are identical.
 * Written for the CPU: the iteration's hash spread is computed once, the Poisson search and the
 * loss draws share one loop (one hard-to-predict loop exit instead of two), and rounding has no
 * branch (see `roundMoney`).
 */
function simulateSimple(lef, nKey, loss, frequencyKeep, lossKeep, out, addTo) {
    const lefSampler = lef.sampler;
    const lossSampler = loss.sampler;
    const lefKey = lef.key | 0;
    const lossKey = loss.key | 0;
    const countKey = nKey | 0;
    // When u ≤ 1 − (the largest mean the LEF table can give), the iteration has no event whatever
    // the LEF draw, so the draw is skipped (a small margin covers rounding in the interpolation).
    const noEventBelow = certainNoEventBound(lefSampler, frequencyKeep);
    for (let i = 0; i < out.length; i++) {
        const spread = Math.imul(i, ITERATION_SPREAD);
        const u = unitFromHash(countKey ^ spread);
        if (u <= noEventBelow) {
            out[i] = 0;
            continue;
        }
        const mean = sampleFromHash(lefSampler, mix32(lefKey ^ spread)) * frequencyKeep;
        // No event for certain (see poissonInverse); most iterations of most threats end here.
        if (!(mean > 0) || (mean > 1e-6 && mean <= 500 && u <= 1 - mean)) {
            out[i] = 0;
            continue;
        }
        const lossBase = lossKey ^ spread;
        let total = 0;
        if (mean > 500) {
            const n = poissonInverse(mean, u);
            for (let j = 0; j < n; j++)
                total += roundMoney(sample(lossSampler, unitFromHash((lossBase + Math.imul(j, SLOT_SPREAD)) | 0)) * lossKeep);
            out[i] = total;
            if (addTo)
                addTo[i] += total;
            continue;
        }
        // poissonInverse's search, drawing event k's loss as the count passes k.
        let p = Math.exp(-mean);
        let cdf = p;
        let k = 0;
        let slotTerm = 0;
        while (u > cdf) {
            total += roundMoney(sampleFromHash(lossSampler, mix32((lossBase + slotTerm) | 0)) * lossKeep);
            slotTerm = (slotTerm + SLOT_SPREAD) | 0;
            k++;
            p *= mean / k;
            if (p === 0 && k > mean)
                break;
            cdf += p;
        }
        out[i] = total;
        if (addTo)
            addTo[i] += total;
    }
}
/**
 * A bound b such that u ≤ b means no loss event for every LEF the sampler can draw: the draw is
 * then > 1e-6 and ≤ 500 (so poissonInverse's "u ≤ 1 − mean" shortcut applies) and u ≤ 1 − mean.
 * Zero (never true) when the sampler is not a bounded table inside that range.
 */
function certainNoEventBound(s, keep) {
    if (s.kind !== 1)
        return 0;
    // Quantile tables rise, so their ends bound every draw; the margin covers rounding in the
    // blend that built the table and in the interpolation between its entries.
    const lowest = s.table[0] * keep * (1 - 1e-9);
    const highest = s.table[s.table.length - 1] * keep * (1 + 1e-9);
    if (!(lowest > 1e-6) || !(highest <= 500) || !(highest < 1))
        return 0;
    return 1 - highest;
}
const TWO_TO_52 = 4503599627370496;
const JUST_BELOW_HALF = 0.49999999999999994;
/**
 * Math.round for a loss (never negative). V8 compiles Math.round to a data-dependent branch that
 * the CPU mispredicts about half the time on random losses; floor(x + 0.5) has no branch and is
 * exactly Math.round for 0 ≤ x < 2^52 except at the largest double below ½ (where x + 0.5 rounds
 * up to 1), so those two cases, which are never taken in practice, keep Math.round.
 */
function roundMoney(x) {
    return x < TWO_TO_52 && x !== JUST_BELOW_HALF ? Math.floor(x + 0.5) : Math.round(x);
}
function meanParts(money, effects) {
    const names = [];
    const values = [];
    const ranges = [];
    const add = (name, d) => {
        names.push(name);
        values.push(distributionMean(d));
        ranges.push(distributionRange(d));
        return values.length - 1;
    };
    const frequency = 'lef' in money.frequency ? [add('lef', money.frequency.lef)] : [add('tef', money.frequency.tef), add('vulnerability', money.frequency.vulnerability)];
    const primary = money.primary.map((f) => add(`loss.primary.${f.form}`, f.distribution));
    const slef = money.secondary ? add('loss.secondary.probability', money.secondary.probability) : -1;
    const secondary = money.secondary?.forms.map((f) => add(`loss.secondary.${f.form}`, f.distribution)) ?? [];
    const reductions = effects.map((e) => ({ factor: e.factor, slot: add(`mitigation ${e.mitigation} (${e.factor})`, e.reduction) }));
    const evaluate = (v) => {
        let lef = 1;
        for (const k of frequency)
            lef *= v[k];
        let primaryKeep = 1;
        let secondaryKeep = 1;
        for (const r of reductions) {
            const keep = 1 - v[r.slot];
            if (FREQUENCY_FACTORS.has(r.factor))
                lef *= keep;
            if (PRIMARY_FACTORS.has(r.factor))
                primaryKeep *= keep;
            if (SECONDARY_FACTORS.has(r.factor))
                secondaryKeep *= keep;
        }
        let lm = 0;
        for (const k of primary)
            lm += v[k];
        let slm = 0;
        for (const k of secondary)
            slm += v[k];
        return lef * (lm * primaryKeep + (slef >= 0 ? v[slef] * slm * secondaryKeep : 0));
    };
    return { names, values, ranges, evaluate };
}
/** Exact mean loss-event frequency: E[tef]·E[v]·Π E[1 − r] (or E[lef]·Π E[1 − r]). */
function exactLefMean(money, effects) {
    let lef = 'lef' in money.frequency ? distributionMean(money.frequency.lef) : distributionMean(money.frequency.tef) * distributionMean(money.frequency.vulnerability);
    for (const e of effects)
        if (FREQUENCY_FACTORS.has(e.factor))
            lef *= 1 - distributionMean(e.reduction);
    return lef;
}
/** Exact mean ALE: E[LEF]·(E[LM]·E[keep_p] + E[slef]·E[SLM]·E[keep_s]), inputs independent. */
function exactAleMean(money, effects) {
    const parts = meanParts(money, effects);
    return parts.evaluate(parts.values);
}
/** The input whose swing from its low to its high end moves the mean ALE most. */
function topFactor(money, effects) {
    const parts = meanParts(money, effects);
    let best = { factor: parts.names[0], swing: 0 };
    for (let k = 0; k < parts.values.length; k++) {
        const low = parts.values.slice();
        const high = parts.values.slice();
        low[k] = parts.ranges[k][0];
        high[k] = parts.ranges[k][1];
        const swing = Math.abs(parts.evaluate(high) - parts.evaluate(low));
        if (swing > best.swing)
            best = { factor: parts.names[k], swing };
    }
    return { factor: best.factor, swing: Math.round(best.swing) };
}

;// CONCATENATED MODULE: ./src/core/risk/statistics.ts
// Order statistics for the Monte Carlo output (risk.md §7.5: type-7 quantiles).
/** Type-7 quantile (numpy's default) of an ascending array. */
function quantileSorted(sorted, p) {
    const n = sorted.length;
    if (n === 0)
        return 0;
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(n - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
/** The k-th smallest value (0-based) by in-place quickselect; `values` is reordered. */
function selectKth(values, k, from = 0, to = values.length - 1) {
    let lo = from;
    let hi = to;
    while (hi > lo) {
        // Median of three as pivot keeps sorted and constant runs (many zero-loss years) linear.
        const mid = (lo + hi) >>> 1;
        const a = values[lo];
        const b = values[mid];
        const c = values[hi];
        const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
        let i = lo;
        let j = hi;
        while (i <= j) {
            while (values[i] < pivot)
                i++;
            while (values[j] > pivot)
                j--;
            if (i <= j) {
                const t = values[i];
                values[i] = values[j];
                values[j] = t;
                i++;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return values[k];
    }
    return values[k];
}
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index of a double's high 32 bits (sign, exponent, top of the mantissa) in its Uint32 pair. */
const HIGH_WORD = LITTLE_ENDIAN ? 1 : 0;
const BUCKET_BITS = 11;
/** 1 or 0 for a condition, computed without a branch (V8 compiles a ternary to a jump). */
function bit(flag) {
    return flag | 0;
}
/**
 * Type-7 quantiles of non-negative values without a full sort; `scratch` (at least three times
 * the length of `values`) is overwritten. Also returns how many values are above zero.
 *
 * Most simulated years of a threat lose nothing, so zeros are counted and only losses ranked. The
 * losses are bucketed by the high 32 bits of their encoding, which order non-negative doubles as
 * their values do, so a rank is found by counting; only the bucket holding it (and the next one,
 * for the interpolation partner) is gathered and selected in. The passes over all values have no
 * data-dependent branches: random comparisons are mispredicted, and those were most of the cost.
 */
function quantilesBySelection(values, ps, scratch) {
    const n = values.length;
    const losses = scratch.subarray(0, n);
    let m = 0;
    let smallest = Infinity;
    let largest = 0;
    for (let i = 0; i < n; i++) {
        const v = values[i];
        losses[m] = v;
        const zero = bit(v === 0);
        m += 1 - zero;
        largest = Math.max(largest, v);
        smallest = Math.min(smallest, v + zero * Number.MAX_VALUE);
    }
    const zeros = n - m;
    const positions = ps.map((p) => {
        const h = (n - 1) * p;
        const lo = Math.floor(h);
        return { h, lo, interpolate: h !== lo && lo + 1 < n };
    });
    // Order statistics among the zeros need no ranking: 0, and the smallest loss just above them.
    const ranked = rankLosses(losses, m, scratch, smallest, largest, positions.filter((x) => x.lo >= zeros).map((x) => x.lo - zeros));
    let next = 0;
    const quantiles = positions.map((x) => {
        const [a, b] = x.lo + 1 < zeros ? [0, 0] : x.lo < zeros ? [0, smallest] : ranked[next++];
        return x.interpolate ? a + (x.h - x.lo) * (b - a) : a;
    });
    return { quantiles, positive: m };
}
/** For each rank k among the m losses (0-based): the k-th smallest and the (k + 1)-th (or itself at the end). */
function rankLosses(losses, m, scratch, smallest, largest, ranks) {
    if (ranks.length === 0)
        return [];
    const n = losses.length;
    // The high words, read as signed integers: non-negative doubles have the sign bit clear.
    const high = new Int32Array(losses.buffer, losses.byteOffset, 2 * n);
    const low = highWord(smallest);
    const range = highWord(largest) - low;
    const shift = Math.max(0, 32 - Math.clz32(range) - BUCKET_BITS);
    const buckets = (range >>> shift) + 1;
    const counts = new Int32Array(buckets);
    for (let i = 0; i < m; i++)
        counts[(high[2 * i + HIGH_WORD] - low) >>> shift]++;
    // Bucket range [from, to] holding rank k and k + 1, and the rank of k inside that range.
    const spans = ranks.map((k) => {
        let b = 0;
        let before = 0;
        while (before + counts[b] <= k)
            before += counts[b++];
        let to = b;
        if (k + 1 - before >= counts[b]) {
            to = b + 1;
            while (to < buckets && counts[to] === 0)
                to++;
            to = Math.min(to, buckets - 1);
        }
        return { from: b, width: to - b, rank: k - before };
    });
    const results = [];
    // Two spans per pass, gathered into two regions of the scratch beyond the losses.
    const regionA = scratch.subarray(n, 2 * n);
    const regionB = scratch.subarray(2 * n, 3 * n);
    for (let s = 0; s < spans.length; s += 2) {
        const first = spans[s];
        const second = spans[s + 1] ?? first;
        let ca = 0;
        let cb = 0;
        for (let i = 0; i < m; i++) {
            const v = losses[i];
            const bucket = (high[2 * i + HIGH_WORD] - low) >>> shift;
            regionA[ca] = v;
            ca += bit((bucket - first.from) >>> 0 <= first.width);
            regionB[cb] = v;
            cb += bit((bucket - second.from) >>> 0 <= second.width);
        }
        results.push(pairAt(regionA, ca, first.rank));
        if (s + 1 < spans.length)
            results.push(pairAt(regionB, cb, second.rank));
    }
    return results;
}
/** The r-th smallest of the first c values and the smallest above it (or itself when last). */
function pairAt(region, c, r) {
    const value = selectKth(region, r, 0, c - 1);
    if (r + 1 >= c)
        return [value, value];
    let next = Infinity;
    for (let i = r + 1; i < c; i++)
        next = Math.min(next, region[i]);
    return [value, next];
}
const wordView = new Float64Array(1);
const words = new Int32Array(wordView.buffer);
function highWord(value) {
    wordView[0] = value;
    return words[HIGH_WORD];
}
/** Mean and standard error of the mean. */
function meanAndStandardError(values) {
    const n = values.length;
    let sum = 0;
    for (let i = 0; i < n; i++)
        sum += values[i];
    const mean = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++)
        squares += (values[i] - mean) * (values[i] - mean);
    return { mean, se: n > 1 ? Math.sqrt(squares / (n - 1) / n) : 0 };
}
/** Number of batches for batch-means standard errors. */
const BATCHES = 20;
/** Quantile p of each of BATCHES consecutive batches. */
function batchQuantiles(values, p) {
    const size = Math.floor(values.length / BATCHES);
    const out = [];
    for (let b = 0; b < BATCHES; b++) {
        const batch = values.slice(b * size, (b + 1) * size).sort();
        out.push(quantileSorted(batch, p));
    }
    return out;
}
/**
 * Standard error of Δ quantile p between base and head. Paired (same iterations, same streams):
 * SE of the batch means of per-batch differences. Unpaired: the two batch SEs combined.
 * Both scaled by 1.3 (risk.md §6) because a full-sample quantile is not a batch mean.
 */
function deltaQuantileStandardError(base, head, p, paired) {
    const a = batchQuantiles(base, p);
    const b = batchQuantiles(head, p);
    const se = (xs) => {
        const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
        return Math.sqrt(xs.reduce((s, x) => s + (x - mean) * (x - mean), 0) / (xs.length - 1) / xs.length);
    };
    const raw = paired ? se(a.map((x, i) => b[i] - x)) : Math.sqrt(se(a) ** 2 + se(b) ** 2);
    return 1.3 * raw;
}

;// CONCATENATED MODULE: ./src/core/risk/assess.ts









const states = new WeakMap();
/** The simulation state behind an assessment made in this process, if any. */
function simulationState(assessment) {
    return states.get(assessment);
}
const HORIZON_RANK = { short: 0, mid: 1, long: 2 };
/** The effects that apply to a threat in a view (risk.md §1 views, §2 semantics). */
function effectsInView(effects, view, includeProposed) {
    if (view === 'inherent')
        return [];
    return effects.filter((e) => {
        if (IN_PLACE.has(e.status))
            return true;
        if (view === 'residual')
            return false;
        if (!PLANNED.has(e.status) && !(includeProposed && e.status === 'proposed'))
            return false;
        if (view === 'what-if')
            return true;
        const horizon = view.slice('what-if:'.length);
        return e.roadmap !== undefined && HORIZON_RANK[e.roadmap] <= HORIZON_RANK[horizon];
    });
}
/** Scratch memory for simulating threats, reused from one threat to the next. */
class Workspace {
    buffers;
    scratch;
    pool = new TablePool();
    constructor(iterations) {
        this.buffers = RISK_VIEWS.map(() => new Float64Array(iterations));
        this.scratch = new Float64Array(3 * iterations);
    }
}
/** P50, P90 and the probability of any loss of one threat's simulated years. */
function threatPercentiles(losses, scratch) {
    const { quantiles: [p50, p90], positive } = quantilesBySelection(losses, [0.5, 0.9], scratch);
    return { p50: money(p50), p90: money(p90), pLoss: probability(positive / losses.length) };
}
/**
 * Simulates a threat in every view; views with the same applied effects share one simulation.
 * `everyView` is the running total of losses shared by all views: when this threat's views all
 * apply the same effects, its losses are added there while they are drawn (`accumulated`).
 */
function evaluateThreat(t, text, s, work, percentiles, everyView) {
    const views = {};
    const losses = new Map();
    const done = new Map();
    const effectsByView = RISK_VIEWS.map((view) => effectsInView(t.effects, view, s.whatIfIncludesProposed));
    const signatures = effectsByView.map((effects) => effects.map((e) => `${e.mitigation}\u0000${e.factor}`).join('\u0001'));
    const addTo = everyView && t.money && signatures.every((x) => x === signatures[0]) ? everyView : undefined;
    for (const [v, view] of RISK_VIEWS.entries()) {
        if (!t.money) {
            views[view] = { severity: t.statedSeverity ?? null };
            continue;
        }
        const effects = effectsByView[v];
        const signature = signatures[v];
        let entry = done.get(signature);
        if (!entry) {
            const out = work.buffers[done.size];
            simulateThreat(t.id, t.money, effects, s.seed, out, work.pool, addTo);
            const aleMean = exactAleMean(t.money, effects);
            const severity = threatSeverity(t, effects.length > 0, aleMean, s);
            entry = {
                losses: out,
                risk: {
                    severity,
                    lefMean: rate(exactLefMean(t.money, effects)),
                    aleMean: money(aleMean),
                    ...(percentiles ? threatPercentiles(out, work.scratch) : {}),
                    topFactor: topFactor(t.money, effects)
                }
            };
            done.set(signature, entry);
        }
        views[view] = entry.risk;
        losses.set(view, entry.losses);
    }
    return {
        result: {
            id: t.id,
            title: t.title,
            applicable: t.applicable,
            provenance: t.severitySource,
            moneyProvenance: t.money?.provenance ?? null,
            likelihood: t.likelihood ?? null,
            impact: t.impact ?? null,
            imported: t.imported ?? null,
            inputHash: inputHash(text),
            views
        },
        losses,
        accumulated: addTo !== undefined
    };
}
/** Severity rule: FAIR-based threats by their exact mean ALE; stated ones by matrix or import, moved by applied effects. */
function threatSeverity(t, reduced, aleMean, s) {
    if (t.statedSeverity === undefined)
        return t.money ? bandSeverity(aleMean, s.calibration.aleBands) : null;
    if (t.imported?.severityOnly || !reduced)
        return t.statedSeverity;
    return bandSeverity(aleMean, s.calibration.aleBands);
}
function inputHash(text) {
    const a = fmix32(fnv1a(text));
    const b = fnv1a(`\u0001${text}`);
    return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
function firstById(list) {
    const seen = new Set();
    return (list ?? []).filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
}
function modelParts(model) {
    if ('elements' in model && model.elements instanceof Map) {
        const index = model;
        return { threats: [...index.threats.values()], mitigations: [...index.mitigations.values()], risk: index.document.risk };
    }
    const document = model;
    return { threats: firstById(document.threats), mitigations: firstById(document.mitigations), risk: document.risk };
}
/** The losses {1, 2, 5} × 10^k, k = 3 … 9, at which the exceedance curve is reported. */
const EXCEEDANCE_GRID = [3, 4, 5, 6, 7, 8, 9].flatMap((k) => [1, 2, 5].map((m) => m * 10 ** k));
/** Severities, money and loss distributions of a model's threats in every view (risk.md §4–5). */
function assessRisk(model, options = {}) {
    const parts = modelParts(model);
    const riskSettings = options.risk ? { ...parts.risk, ...options.risk } : parts.risk;
    const s = resolveEngineSettings(riskSettings);
    // Gates only read the result, so changing them never forces a new simulation.
    const percentiles = options.threatPercentiles ?? true;
    const globalText = canonicalJson({ engine: ENGINE_VERSION, settings: { ...s, gates: undefined }, percentiles });
    const effects = effectsByThreat(parts.mitigations);
    const resolved = parts.threats.map((threat) => resolveThreat(threat, effects.get(threat.id) ?? [], s)).sort((a, b) => compareCodeUnits(a.id, b.id));
    const work = new Workspace(s.iterations);
    const previous = options.previous ? states.get(options.previous) : undefined;
    const incremental = previous !== undefined && previous.globalText === globalText;
    const totals = {};
    for (const view of RISK_VIEWS)
        totals[view] = incremental ? previous.totals[view].slice() : new Float64Array(s.iterations);
    // Most threats lose the same in every view (no mitigation effects); their losses go once into
    // `everyView`, which is added to each view's total at the end. Sums of integer losses are exact,
    // so the grouping changes no total.
    const everyView = new Float64Array(s.iterations);
    const addInto = (total, source, sign) => {
        if (sign === 1)
            for (let i = 0; i < total.length; i++)
                total[i] += source[i];
        else
            for (let i = 0; i < total.length; i++)
                total[i] -= source[i];
    };
    const accumulate = (losses, sign) => {
        const shared = losses.get(RISK_VIEWS[0]);
        if (shared && RISK_VIEWS.every((view) => losses.get(view) === shared)) {
            addInto(everyView, shared, sign);
            return;
        }
        for (const view of RISK_VIEWS) {
            const source = losses.get(view);
            if (source)
                addInto(totals[view], source, sign);
        }
    };
    const threatStates = new Map();
    const texts = new Map(resolved.map((t) => [t.id, inputsText(t)]));
    let simulated = 0;
    if (incremental) {
        // Take out the base contribution of every threat that changed or disappeared.
        for (const [id, before] of previous.threats) {
            if (texts.get(id) === before.text || !before.resolved.applicable || !before.resolved.money)
                continue;
            accumulate(evaluateThreat(before.resolved, before.text, s, work, false).losses, -1);
        }
    }
    for (const t of resolved) {
        const text = texts.get(t.id);
        const before = incremental ? previous.threats.get(t.id) : undefined;
        if (before && before.text === text) {
            // Same inputs, same numbers; only the title may have changed.
            const result = before.result.title === t.title ? before.result : { ...before.result, title: t.title };
            threatStates.set(t.id, { resolved: t, text, result });
            continue;
        }
        const counted = t.applicable && t.money !== undefined;
        const { result, losses, accumulated } = evaluateThreat(t, text, s, work, percentiles, counted ? everyView : undefined);
        simulated++;
        if (counted && !accumulated)
            accumulate(losses, 1);
        threatStates.set(t.id, { resolved: t, text, result });
    }
    for (const view of RISK_VIEWS)
        addInto(totals[view], everyView, 1);
    const threats = resolved.map((t) => threatStates.get(t.id).result);
    const views = {};
    for (const view of RISK_VIEWS)
        views[view] = modelViewRisk(view, resolved, threats, totals[view], s);
    const applicable = resolved.filter((t) => t.applicable);
    const assessment = {
        engine: ENGINE_VERSION,
        seed: s.seed,
        iterations: s.iterations,
        // The core never inspects its runtime: the adapter passes the Node major to stamp.
        node: options.node ?? null,
        currency: s.currency,
        calibration: {
            step: s.calibration.step,
            lambda: s.calibration.lambda,
            c: rate(s.calibration.c),
            aleBands: {
                info: money(s.calibration.aleBands.info),
                low: money(s.calibration.aleBands.low),
                medium: money(s.calibration.aleBands.medium),
                high: money(s.calibration.aleBands.high),
                critical: money(s.calibration.aleBands.critical)
            },
            bandsSource: s.calibration.bandsSource,
            consistent: bandsAreConsistent(s.calibration, matrixSeverity)
        },
        counts: {
            threats: resolved.length,
            applicable: applicable.length,
            priced: applicable.filter((t) => t.money).length,
            unpriced: applicable.filter((t) => !t.money && t.severitySource !== 'unrated').length,
            unrated: applicable.filter((t) => t.severitySource === 'unrated').length,
            notApplicable: resolved.length - applicable.length
        },
        threats,
        views
    };
    states.set(assessment, { globalText, settings: s, threats: threatStates, totals, simulated });
    return assessment;
}
function modelViewRisk(view, resolved, threats, total, s) {
    let exact = 0;
    let derived = 0;
    const severityCounts = Object.fromEntries(SEVERITIES.map((sev) => [sev, 0]));
    for (let k = 0; k < resolved.length; k++) {
        const t = resolved[k];
        if (!t.applicable)
            continue;
        const risk = threats[k].views[view];
        if (risk.severity)
            severityCounts[risk.severity]++;
        if (!t.money)
            continue;
        const mean = exactAleMean(t.money, effectsInView(t.effects, view, s.whatIfIncludesProposed));
        exact += mean;
        if (t.money.provenance !== 'quantitative')
            derived += mean;
    }
    const { mean: mcMean, se } = meanAndStandardError(total);
    const sorted = total.slice().sort();
    const n = sorted.length;
    const exceeding = (x) => {
        let lo = 0;
        let hi = n;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (sorted[mid] > x)
                hi = mid;
            else
                lo = mid + 1;
        }
        return (n - lo) / n;
    };
    const mcCheck = Math.abs(mcMean - exact) <= 5 * se || mcMean === exact ? 'ok' : 'deviates';
    const derivedShare = exact > 0 ? derived / exact : 0;
    const warnings = [];
    if (s.iterations < 100000)
        warnings.push(`P99 rests on ${s.iterations} iterations; 100,000 or more make it stable`);
    if (mcCheck === 'deviates')
        warnings.push(`the Monte Carlo mean ${money(mcMean)} differs from the exact mean ${money(exact)} by more than 5 standard errors`);
    if (derivedShare > 0.5)
        warnings.push(`${Math.round(derivedShare * 100)}% of the mean ALE rests on values derived from qualitative or imported ratings`);
    return {
        aleMean: money(exact),
        mcMean: money(mcMean),
        mcStandardError: money(se),
        mcCheck,
        p50: money(quantileSorted(sorted, 0.5)),
        p90: money(quantileSorted(sorted, 0.9)),
        p95: money(quantileSorted(sorted, 0.95)),
        p99: money(quantileSorted(sorted, 0.99)),
        pAnyLoss: probability(exceeding(0)),
        exceedance: EXCEEDANCE_GRID.map((loss) => ({ loss, probability: probability(exceeding(loss)) })),
        returnPeriods: {
            '1-in-2': money(quantileSorted(sorted, 0.5)),
            '1-in-5': money(quantileSorted(sorted, 0.8)),
            '1-in-10': money(quantileSorted(sorted, 0.9)),
            '1-in-20': money(quantileSorted(sorted, 0.95)),
            '1-in-100': money(quantileSorted(sorted, 0.99))
        },
        severityCounts,
        derivedShare: probability(derivedShare),
        warnings
    };
}

;// CONCATENATED MODULE: ./src/core/risk/compare.ts






const RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
function moneyChange(base, head) {
    return { base, head, change: head - base, relative: base === 0 ? null : probability((head - base) / base) };
}
/** §6: material only if |Δ| ≥ noise·SE, ≥ the relative floor and ≥ the absolute floor (and non-zero). */
function isMaterial(change, base, se, floors, noiseSigmas) {
    const size = Math.abs(change);
    if (size === 0)
        return false;
    if (se !== null && size < noiseSigmas * se)
        return false;
    return size >= floors.relative * Math.abs(base) && size >= floors.absolute;
}
function countsChange(base, head) {
    return Object.fromEntries(SEVERITIES.map((s) => [s, head[s] - base[s]]));
}
/** Compares two assessments: counts, money with noise-aware materiality, per-threat moves with reasons, gates. */
function compareRisk(base, head, options = {}) {
    const baseState = simulationState(base);
    const headState = simulationState(head);
    const gates = options.gates ? resolveGates(options.gates) : (headState?.settings.gates ?? resolveGates(undefined));
    const samples = baseState !== undefined && headState !== undefined;
    const paired = samples && base.engine === head.engine && base.seed === head.seed && base.iterations === head.iterations;
    const views = {};
    for (const view of RISK_VIEWS) {
        const b = base.views[view];
        const h = head.views[view];
        const se = (p) => (samples ? money(deltaQuantileStandardError(baseState.totals[view], headState.totals[view], p, paired)) : null);
        const mean = moneyChange(b.aleMean, h.aleMean);
        const p90 = { ...moneyChange(b.p90, h.p90), se: se(0.9) };
        views[view] = {
            severityCounts: { base: b.severityCounts, head: h.severityCounts, change: countsChange(b.severityCounts, h.severityCounts) },
            // The exact mean has no sampling error: SE 0.
            aleMean: { ...mean, material: isMaterial(mean.change, mean.base, 0, gates.aleMeanIncrease, gates.noiseSigmas) },
            p50: { ...moneyChange(b.p50, h.p50), se: se(0.5) },
            p90: { ...p90, material: isMaterial(p90.change, p90.base, p90.se, gates.aleP90Increase, gates.noiseSigmas) },
            pAnyLoss: { base: b.pAnyLoss, head: h.pAnyLoss, change: probability(h.pAnyLoss - b.pAnyLoss) },
            exceedance: h.exceedance.map((point, k) => ({
                loss: point.loss,
                base: b.exceedance[k]?.probability ?? 0,
                head: point.probability,
                change: probability(point.probability - (b.exceedance[k]?.probability ?? 0))
            }))
        };
    }
    // A renamed threat is keyed by its head id on both sides, so it is compared, not removed and added.
    const renames = options.renames ?? new Map();
    const previousIdOf = new Map([...renames].map(([from, to]) => [to, from]));
    const baseThreats = new Map(base.threats.map((t) => [renames.get(t.id) ?? t.id, t]));
    const headThreats = new Map(head.threats.map((t) => [t.id, t]));
    const ids = [...new Set([...baseThreats.keys(), ...headThreats.keys()])].sort(compareCodeUnits);
    const threats = [];
    let unchanged = 0;
    let unchangedWithMovement = 0;
    const settingsSame = sameSettings(base, head);
    for (const id of ids) {
        const b = baseThreats.get(id);
        const h = headThreats.get(id);
        if (b && h && b.inputHash === h.inputHash && settingsSame) {
            unchanged++;
            // An incremental head reuses the base's result object for an unchanged threat.
            if (b.views !== h.views && canonicalJson(b.views) !== canonicalJson(h.views))
                unchangedWithMovement++;
            continue;
        }
        const severityOf = (t) => (t && t.applicable ? t.views.residual.severity : null);
        const aleOf = (t) => (t && t.applicable ? (t.views.residual.aleMean ?? null) : null);
        const bs = severityOf(b);
        const hs = severityOf(h);
        const previousId = b && h && b.id !== h.id ? b.id : undefined;
        const attributed = !b ? ['new threat'] : !h ? ['removed'] : compare_attribute(baseState?.threats.get(b.id)?.resolved, headState?.threats.get(id)?.resolved, base, head);
        const reasons = previousId ? [`renamed from ${previousId}`, ...attributed.filter((r) => r !== 'inputs changed')] : attributed;
        threats.push({
            id,
            ...(previousId && previousIdOf.get(id) === previousId ? { previousId } : {}),
            title: (h ?? b).title,
            change: !b ? 'added' : !h ? 'removed' : 'changed',
            severity: { base: bs, head: hs },
            direction: rankOf(hs) > rankOf(bs) ? 'up' : rankOf(hs) < rankOf(bs) ? 'down' : 'same',
            aleMean: { base: aleOf(b), head: aleOf(h), change: (aleOf(h) ?? 0) - (aleOf(b) ?? 0) },
            reason: reasons[0] ?? 'inputs changed',
            reasons: reasons.length > 0 ? reasons : ['inputs changed']
        });
    }
    threats.sort((x, y) => Math.abs(y.aleMean.change) - Math.abs(x.aleMean.change) || compareCodeUnits(x.id, y.id));
    return {
        engine: head.engine,
        seed: { base: base.seed, head: head.seed },
        iterations: { base: base.iterations, head: head.iterations },
        paired,
        views,
        threats,
        unchanged,
        unchangedWithMovement,
        gates: gateSignals(threats, views.residual, gates, options.newThreatLevel ?? 'high')
    };
}
function rankOf(severity) {
    return severity === null ? -1 : RANK[severity];
}
function sameSettings(base, head) {
    return base.engine === head.engine && base.seed === head.seed && base.iterations === head.iterations && canonicalJson(base.calibration) === canonicalJson(head.calibration);
}
function gateSignals(threats, residual, gates, newThreatLevel) {
    const added = threats.filter((t) => t.change === 'added' || (t.severity.base === null && t.severity.head !== null));
    const existing = threats.filter((t) => t.severity.base !== null && t.severity.head !== null);
    const newCritical = added.filter((t) => t.severity.head === 'critical').map((t) => t.id);
    const newHigh = added.filter((t) => t.severity.head === 'high').map((t) => t.id);
    const rose = existing.filter((t) => t.direction === 'up');
    const severityIncrease = [...rose.map((t) => t.id), ...added.filter((t) => rankOf(t.severity.head) >= RANK[newThreatLevel]).map((t) => t.id)].sort(compareCodeUnits);
    const increaseToCritical = rose.filter((t) => t.severity.head === 'critical').map((t) => t.id);
    const severityDecrease = existing.filter((t) => t.direction === 'down').map((t) => t.id);
    const materialMeanIncrease = residual.aleMean.material && residual.aleMean.change > 0;
    const materialP90Increase = residual.p90.material && residual.p90.change > 0;
    const triggered = {
        'new-critical': newCritical.length > 0,
        'new-high': newHigh.length > 0,
        'severity-increase': severityIncrease.length > 0,
        'severity-increase-to-critical': increaseToCritical.length > 0,
        'ale-mean-increase': materialMeanIncrease,
        'ale-p90-increase': materialP90Increase
    };
    const fail = gates.failOn.filter((name) => triggered[name]);
    const warn = gates.warnOn.filter((name) => triggered[name] && !fail.includes(name));
    const info = [];
    for (const t of threats.filter((x) => x.direction === 'down'))
        info.push(`${t.id} ${t.severity.base} → ${t.severity.head}: ${t.reason}`);
    if (residual.aleMean.material && residual.aleMean.change < 0)
        info.push(`mean ALE decreased by ${-residual.aleMean.change}`);
    return { newCritical, newHigh, severityIncrease, increaseToCritical, severityDecrease, materialMeanIncrease, materialP90Increase, fail, warn, info };
}
function compare_describe(d) {
    if (!d)
        return 'unset';
    if (d.kind === 'constant')
        return String(round(d.value));
    if (d.kind === 'pert')
        return `${round(d.min)}/${round(d.mode)}/${round(d.max)}`;
    return `p5 ${round(d.p5)}…p95 ${round(d.p95)}`;
}
function round(value) {
    return Number(value.toPrecision(4));
}
function same(a, b) {
    return canonicalJson(a) === canonicalJson(b);
}
/** Names what differs between the resolved inputs of a threat, first the factor §6 names first. */
function compare_attribute(b, h, base, head) {
    if (!b || !h)
        return base && head && !sameSettings(base, head) ? ['engine settings changed'] : [];
    const reasons = [];
    if (b.applicable !== h.applicable)
        reasons.push(h.applicable ? 'status no longer not-applicable' : 'status → not-applicable');
    if (b.likelihood !== h.likelihood)
        reasons.push(`likelihood ${b.likelihood ?? 'unset'} → ${h.likelihood ?? 'unset'}`);
    if (b.impact !== h.impact)
        reasons.push(`impact ${b.impact ?? 'unset'} → ${h.impact ?? 'unset'}`);
    if (!same(b.imported, h.imported)) {
        const bi = b.imported;
        const hi = h.imported;
        if (!bi || !hi || bi.scheme !== hi.scheme)
            reasons.push(`rating ${bi?.scheme ?? 'none'} → ${hi?.scheme ?? 'none'}`);
        else if (bi.scheme === 'owasp' || bi.scheme === 'dread')
            reasons.push(`${bi.scheme} ratings changed (${bi.severity} → ${hi.severity})`);
        else
            reasons.push(`${bi.scheme} ${bi.original} → ${hi.original}`);
    }
    const bm = b.money;
    const hm = h.money;
    if (!same(bm, hm)) {
        const levelsSame = b.likelihood === h.likelihood && b.impact === h.impact;
        const derived = bm?.provenance !== 'quantitative' && hm?.provenance !== 'quantitative';
        if (!bm || !hm)
            reasons.push(hm ? 'now priced' : 'no longer priced');
        else if (bm.provenance !== hm.provenance)
            reasons.push(`money ${bm.provenance} → ${hm.provenance}`);
        if (bm && hm) {
            const moneyReasons = [];
            const bf = bm.frequency;
            const hf = hm.frequency;
            const tef = (f) => ('tef' in f ? f.tef : undefined);
            const vulnerability = (f) => ('tef' in f ? f.vulnerability : undefined);
            const lef = (f) => ('lef' in f ? f.lef : undefined);
            if (!same(tef(bf), tef(hf)))
                moneyReasons.push(`tef ${compare_describe(tef(bf))} → ${compare_describe(tef(hf))}`);
            if (!same(vulnerability(bf), vulnerability(hf)))
                moneyReasons.push(`vulnerability ${compare_describe(vulnerability(bf))} → ${compare_describe(vulnerability(hf))}`);
            if (!same(lef(bf), lef(hf)))
                moneyReasons.push(`lef ${compare_describe(lef(bf))} → ${compare_describe(lef(hf))}`);
            if (!same(bm.primary, hm.primary) || !same(bm.secondary, hm.secondary))
                moneyReasons.push(lossReason(bm, hm));
            if (derived && levelsSame && moneyReasons.length > 0)
                reasons.push('calibration changed');
            else if (!(derived && !levelsSame))
                reasons.push(...moneyReasons);
        }
    }
    reasons.push(...effectReasons(b.effects, h.effects));
    if (b.statedSeverity !== h.statedSeverity && reasons.length === 0)
        reasons.push(`severity ${b.statedSeverity ?? 'unset'} → ${h.statedSeverity ?? 'unset'}`);
    return reasons;
}
function lossReason(b, h) {
    const forms = (m) => new Map([...m.primary.map((f) => [`loss.primary.${f.form}`, f.distribution]), ...(m.secondary?.forms ?? []).map((f) => [`loss.secondary.${f.form}`, f.distribution])]);
    const bf = forms(b);
    const hf = forms(h);
    for (const name of [...new Set([...bf.keys(), ...hf.keys()])].sort(compareCodeUnits))
        if (!same(bf.get(name), hf.get(name)))
            return `${name} ${compare_describe(bf.get(name))} → ${compare_describe(hf.get(name))}`;
    return `loss.secondary.probability ${compare_describe(b.secondary?.probability)} → ${compare_describe(h.secondary?.probability)}`;
}
function effectReasons(b, h) {
    const key = (e) => `${e.mitigation}\u0000${e.factor}`;
    const bm = new Map(b.map((e) => [key(e), e]));
    const hm = new Map(h.map((e) => [key(e), e]));
    const reasons = [];
    for (const k of [...new Set([...bm.keys(), ...hm.keys()])].sort(compareCodeUnits)) {
        const x = bm.get(k);
        const y = hm.get(k);
        if (!x && y)
            reasons.push(`mitigation ${y.mitigation} added (${y.status}, reduces ${y.factor} ${y.stated})`);
        else if (x && !y)
            reasons.push(`mitigation ${x.mitigation} removed`);
        else if (x && y) {
            if (x.status !== y.status)
                reasons.push(`mitigation ${y.mitigation} ${x.status} → ${y.status}`);
            if (x.roadmap !== y.roadmap)
                reasons.push(`mitigation ${y.mitigation} roadmap ${x.roadmap ?? 'unset'} → ${y.roadmap ?? 'unset'}`);
            if (!same(x.reduction, y.reduction))
                reasons.push(`mitigation ${y.mitigation} effect on ${y.factor} ${x.stated} → ${y.stated}`);
        }
    }
    return reasons;
}

;// CONCATENATED MODULE: ./src/core/maturity/maturity-checks.generated.ts
// Generated from rules/maturity/*.yaml by __tests__/maturity/generated.test.ts. Do not edit.
// Regenerate: UPDATE_MATURITY=1 npm test -- __tests__/maturity
/** Raw text of every maturity category file, by repository-relative path. */
const MATURITY_CHECK_FILES = [
    {
        path: "rules/maturity/architecture.yaml",
        text: "id: architecture\ntitle: Architecture system modelling\nlevels:\n  1:\n    - id: own-component\n      explanation: the model has at least one component of its own (not a user or external entity)\n      condition: index.components.exists(c, !(c.type in [\"user\", \"external\"]))\n    - id: external-entity\n      explanation: at least one user or external entity is modelled\n      condition: index.components.exists(c, c.type in [\"user\", \"external\"])\n    - id: data-flow\n      explanation: at least one data flow is modelled\n      condition: model.counts.dataflows > 0\n  2:\n    - id: zones\n      explanation: trust zones are defined and every component sits in one\n      condition: model.counts.zones > 0 && index.components.all(c, c.zone != \"\")\n      offenders: index.components.filter(c, c.zone == \"\").map(c, c.id)\n    - id: identity-and-secrets\n      explanation: identity and secrets handling is modelled (identity provider and secrets store, or authentication on every cross-zone flow)\n      condition: >-\n        (index.components.exists(c, c.type == \"identity-provider\") && index.components.exists(c, c.type == \"secrets-store\")) ||\n        (index.dataflows.exists(f, f.crossesBoundary) && index.dataflows.all(f, !f.crossesBoundary || f.authenticated))\n      offenders: index.dataflows.filter(f, f.crossesBoundary && !f.authenticated).map(f, f.id)\n  3:\n    - id: reuse\n      explanation: the model builds on reusable templates or is split into linked layers (related models or nested components)\n      condition: size(model.templates) > 0 || size(model.related) > 0 || index.components.exists(c, c.parent != \"\")\n    - id: use-cases\n      explanation: business flows or use cases are documented (model.business.use_cases)\n      condition: size(model.useCases) > 0\n  4:\n    - id: context-tags\n      explanation: every component is tagged with its context (infrastructure, application or data), using at least two of them\n      condition: >-\n        index.components.all(c, c.tags.exists(t, t in [\"infrastructure\", \"application\", \"data\"])) &&\n        size([\"infrastructure\", \"application\", \"data\"].filter(x, index.components.exists(c, x in c.tags))) >= 2\n      offenders: index.components.filter(c, !c.tags.exists(t, t in [\"infrastructure\", \"application\", \"data\"])).map(c, c.id)\n    - id: related-models\n      explanation: related models are linked (model.related)\n      condition: size(model.related) > 0\n"
    },
    {
        path: "rules/maturity/dynamic-analysis.yaml",
        text: "id: dynamic-analysis\ntitle: Dynamic analysis (simulated data flow)\nlevels:\n  1:\n    - id: attack-scenario\n      explanation: at least one abuse case or attack scenario is recorded (a threat with a source actor)\n      condition: index.actors.exists(a, size(a.threats) > 0)\n  2:\n    - id: insider-profile\n      explanation: attacker profiles include an insider or privileged actor\n      condition: index.actors.exists(a, a.insider || a.privileged)\n  3:\n    - id: guarded-paths\n      explanation: an untrusted zone is modelled and every path from it to restricted data crosses a threat with a mitigation\n      condition: index.zones.exists(z, z.trust == 0) && size(unguardedPathsToRestricted()) == 0\n      offenders: unguardedPathsToRestricted()\n    - id: scenarios-mapped\n      explanation: every attack scenario references the ATT&CK techniques it uses\n      condition: index.threats.all(t, t.source == \"\" || size(t.attack) > 0)\n      offenders: index.threats.filter(t, t.source != \"\" && size(t.attack) == 0).map(t, t.id)\n  4:\n    - id: scenario-objectives\n      explanation: every attack scenario names the business objectives it endangers\n      condition: index.threats.all(t, t.source == \"\" || size(t.objectives) > 0)\n      offenders: index.threats.filter(t, t.source != \"\" && size(t.objectives) == 0).map(t, t.id)\n    - id: what-if\n      explanation: residual risk is evaluated with quantified mitigation effects (a FAIR-rated threat whose mitigation states its effect)\n      condition: index.threats.exists(t, t.quantified && t.mitigations.exists(m, m.hasEffects))\n"
    },
    {
        path: "rules/maturity/inventory.yaml",
        text: "# Applications and services inventory (maturity.md). \"Our components\" are every component\n# except users and external entities, which the team neither owns nor deploys.\nid: inventory\ntitle: Applications and services inventory\nlevels:\n  1:\n    - id: model-owner\n      explanation: the model names its owner\n      condition: model.owner != \"\"\n    - id: component-owners\n      explanation: every component of ours (not users or external entities) names its owner\n      condition: >-\n        index.components.exists(c, !(c.type in [\"user\", \"external\"])) &&\n        index.components.all(c, c.type in [\"user\", \"external\"] || c.owner != \"\")\n      measure: >-\n        percent(size(index.components.filter(c, !(c.type in [\"user\", \"external\"]) && c.owner != \"\")),\n        size(index.components.filter(c, !(c.type in [\"user\", \"external\"]))))\n      unit: percent\n      offenders: index.components.filter(c, !(c.type in [\"user\", \"external\"]) && c.owner == \"\").map(c, c.id)\n  2:\n    - id: components-in-flows\n      explanation: every component takes part in a data flow\n      condition: index.components.all(c, size(c.inbound) + size(c.outbound) > 0)\n      offenders: index.components.filter(c, size(c.inbound) + size(c.outbound) == 0).map(c, c.id)\n    - id: assets-held\n      explanation: every data asset is stored or processed by a component\n      condition: index.assets.all(a, size(a.components) > 0)\n      offenders: index.assets.filter(a, size(a.components) == 0).map(a, a.id)\n  3:\n    - id: versioned-technologies\n      explanation: our components name their technologies as versioned purl or CPE identifiers\n      condition: >-\n        index.components.all(c, c.type in [\"user\", \"external\"] || (size(c.technologies) > 0 &&\n        c.technologies.all(t, t.matches(\"^pkg:[A-Za-z0-9.+-]+/[^@]+@[^@/?#]+\") || t.matches(\"^cpe:2[.]3:[aho*-]:[^:]+:[^:]+:[^:*-]\") || t.matches(\"^cpe:/[aho]:[^:]+:[^:]+:[^:]+\"))))\n      offenders: >-\n        index.components.filter(c, !(c.type in [\"user\", \"external\"]) && (size(c.technologies) == 0 ||\n        c.technologies.exists(t, !(t.matches(\"^pkg:[A-Za-z0-9.+-]+/[^@]+@[^@/?#]+\") || t.matches(\"^cpe:2[.]3:[aho*-]:[^:]+:[^:]+:[^:*-]\") || t.matches(\"^cpe:/[aho]:[^:]+:[^:]+:[^:]+\"))))).map(c, c.id)\n  4:\n    - id: asset-ratings\n      explanation: every data asset has a classification and confidentiality, integrity and availability ratings\n      condition: index.assets.all(a, a.classification != \"\" && a.confidentiality != \"\" && a.integrity != \"\" && a.availability != \"\")\n      offenders: index.assets.filter(a, a.classification == \"\" || a.confidentiality == \"\" || a.integrity == \"\" || a.availability == \"\").map(a, a.id)\n    - id: business-criticality\n      explanation: the model states its business criticality\n      condition: model.criticality != \"\"\n    - id: component-lifecycle\n      explanation: every component of ours states its lifecycle status\n      condition: index.components.all(c, c.type in [\"user\", \"external\"] || c.lifecycle != \"\")\n      offenders: index.components.filter(c, !(c.type in [\"user\", \"external\"]) && c.lifecycle == \"\").map(c, c.id)\n"
    },
    {
        path: "rules/maturity/issue-tracker.yaml",
        text: "id: issue-tracker\ntitle: Issue tracker\nlevels:\n  1:\n    - id: mitigations-listed\n      explanation: mitigations are listed\n      condition: model.counts.mitigations > 0\n  2:\n    - id: owner-and-status\n      explanation: every mitigation names an owner and a status\n      condition: index.mitigations.all(m, m.owner != \"\" && m.statusStated)\n      offenders: index.mitigations.filter(m, m.owner == \"\" || !m.statusStated).map(m, m.id)\n  3:\n    - id: synced\n      explanation: tracker sync is on and every planned or in-progress mitigation is linked to an issue\n      condition: >-\n        context.trackerSync.enabled &&\n        index.mitigations.all(m, !(m.status in [\"planned\", \"in-progress\"]) || m.issue != \"\" || m.id in context.trackerSync.linkedMitigations)\n      offenders: >-\n        index.mitigations.filter(m, m.status in [\"planned\", \"in-progress\"] && m.issue == \"\" && !(m.id in context.trackerSync.linkedMitigations)).map(m, m.id)\n  4:\n    - id: no-drift\n      explanation: the sync read the issues back with no drift, and issues carry severity and type labels\n      condition: context.trackerSync.readBack && context.trackerSync.drift == 0 && context.trackerSync.labels\n"
    },
    {
        path: "rules/maturity/knowledge-base.yaml",
        text: "id: knowledge-base\ntitle: Intelligence knowledge base\nlevels:\n  1:\n    - id: standard\n      explanation: the model declares a standard or checklist it follows\n      condition: size(model.standards) > 0\n  2:\n    - id: drawn-from-kb\n      explanation: threats are drawn from a knowledge base (a template is used or threats record their origin)\n      condition: size(model.templates) > 0 || index.threats.exists(t, t.origin != \"\")\n  3:\n    - id: stories\n      explanation: every high threat tells a credible story (source, prerequisites, action and business impact)\n      condition: index.threats.all(t, !t.high || (t.source != \"\" && t.prerequisites != \"\" && t.action != \"\" && t.businessImpact != \"\"))\n      offenders: index.threats.filter(t, t.high && !(t.source != \"\" && t.prerequisites != \"\" && t.action != \"\" && t.businessImpact != \"\")).map(t, t.id)\n    - id: shared-mitigations\n      explanation: some mitigations are shared across threats\n      condition: index.mitigations.exists(m, size(m.threats) >= 2)\n  4:\n    - id: organisation-kb\n      explanation: an organisation knowledge base is loaded (custom rules or organisation templates)\n      condition: context.rules.custom > 0 || context.knowledgeBase.organisation\n    - id: catalogues-current\n      explanation: the CWE, CAPEC and ATT&CK catalogues are loaded and at most {threshold} days old\n      condition: >-\n        context.knowledgeBase.cwe && context.knowledgeBase.capec && context.knowledgeBase.attack &&\n        context.knowledgeBase.ageDays >= 0 && context.knowledgeBase.ageDays <= threshold\n      measure: context.knowledgeBase.ageDays\n      unit: days\n      threshold: { name: catalogue-age-days, default: 365, direction: at-most }\n"
    },
    {
        path: "rules/maturity/mitigation-categorization.yaml",
        text: "id: mitigation-categorization\ntitle: Mitigation categorisation\nlevels:\n  1:\n    - id: open-threats-mitigated\n      explanation: mitigations are recorded and every open threat has at least one\n      condition: model.counts.mitigations > 0 && index.threats.all(t, t.status != \"open\" || size(t.mitigations) > 0)\n      offenders: index.threats.filter(t, t.status == \"open\" && size(t.mitigations) == 0).map(t, t.id)\n  2:\n    - id: typed\n      explanation: every mitigation states its type (preventive, detective, corrective, …)\n      condition: index.mitigations.all(m, m.type != \"\")\n      offenders: index.mitigations.filter(m, m.type == \"\").map(m, m.id)\n  3:\n    - id: defence-in-depth\n      explanation: every high threat has mitigations of two or more types, one of them detective or corrective\n      condition: >-\n        index.threats.all(t, !t.high || (t.mitigations.exists(m, m.type in [\"detective\", \"corrective\"]) &&\n        t.mitigations.exists(a, t.mitigations.exists(b, a.type != \"\" && b.type != \"\" && a.type != b.type))))\n      offenders: >-\n        index.threats.filter(t, t.high && !(t.mitigations.exists(m, m.type in [\"detective\", \"corrective\"]) &&\n        t.mitigations.exists(a, t.mitigations.exists(b, a.type != \"\" && b.type != \"\" && a.type != b.type)))).map(t, t.id)\n  4:\n    - id: verification\n      explanation: every mitigation has verification criteria\n      condition: index.mitigations.all(m, m.verification != \"\")\n      offenders: index.mitigations.filter(m, m.verification == \"\").map(m, m.id)\n    - id: effects\n      explanation: every mitigation states its effect on risk\n      condition: index.mitigations.all(m, m.hasEffects)\n      offenders: index.mitigations.filter(m, !m.hasEffects).map(m, m.id)\n"
    },
    {
        path: "rules/maturity/monitoring.yaml",
        text: "id: monitoring\ntitle: Event monitoring and incident response\nlevels:\n  1:\n    - id: detective-control\n      explanation: at least one detective mitigation is modelled\n      condition: index.mitigations.exists(m, m.type == \"detective\")\n  2:\n    - id: detects-techniques\n      explanation: every detective mitigation names the ATT&CK techniques it detects\n      condition: index.mitigations.all(m, m.type != \"detective\" || size(m.detects) > 0)\n      offenders: index.mitigations.filter(m, m.type == \"detective\" && size(m.detects) == 0).map(m, m.id)\n  3:\n    - id: incidents-correlated\n      explanation: incidents are recorded with their ATT&CK techniques and linked to threats\n      condition: index.incidents.exists(i, size(i.techniques) > 0 && size(i.threats) > 0)\n  4:\n    - id: feedback\n      explanation: every threat carrying a technique seen in an incident is rated at least high likelihood\n      condition: >-\n        index.threats.exists(t, t.attack.exists(x, index.incidents.exists(i, x in i.techniques))) &&\n        index.threats.all(t, !t.attack.exists(x, index.incidents.exists(i, x in i.techniques)) || levelRank(t.likelihood) >= levelRank(\"high\"))\n      offenders: >-\n        index.threats.filter(t, t.attack.exists(x, index.incidents.exists(i, x in i.techniques)) && levelRank(t.likelihood) < levelRank(\"high\")).map(t, t.id)\n"
    },
    {
        path: "rules/maturity/osint.yaml",
        text: "# maturity.md defines only level 1 for OSINT; the empty levels end the category there.\nid: osint\ntitle: OSINT tools\nassessed_when: size(model.intelligenceSources) > 0\nnot_assessed: the model lists no intelligence sources (model.intelligence_sources), so the tool cannot observe OSINT use\nlevels:\n  1:\n    - id: sources-listed\n      explanation: the model lists the intelligence sources it draws on\n      condition: size(model.intelligenceSources) > 0\n  2: []\n  3: []\n  4: []\n"
    },
    {
        path: "rules/maturity/reporting.yaml",
        text: "id: reporting\ntitle: Dashboard and reporting\nlevels:\n  1:\n    - id: report\n      explanation: a report is produced (comment, job summary or JSON)\n      condition: context.outputs.comment || context.outputs.summary || context.outputs.json\n  2:\n    - id: heat-map\n      explanation: every threat is rated on likelihood and impact, so the heat map covers all threats\n      condition: model.counts.threats > 0 && index.threats.all(t, t.severity != \"unrated\")\n      measure: percent(size(index.threats.filter(t, t.severity != \"unrated\")), size(index.threats))\n      unit: percent\n      offenders: index.threats.filter(t, t.severity == \"unrated\").map(t, t.id)\n  3:\n    - id: role-outputs\n      explanation: reviewers get a comment and tools get SARIF or Code Quality reports\n      condition: context.outputs.comment && (context.outputs.sarif || context.outputs.codeQuality)\n  4:\n    - id: quantified-high\n      explanation: every high threat has quantitative (FAIR) inputs, reported with loss exceedance\n      condition: index.threats.exists(t, t.quantified) && index.threats.all(t, !t.high || t.quantified)\n      offenders: index.threats.filter(t, t.high && !t.quantified).map(t, t.id)\n"
    },
    {
        path: "rules/maturity/risk-management.yaml",
        text: "id: risk-management\ntitle: Risk management\nlevels:\n  1:\n    - id: threat-status\n      explanation: every threat states its status\n      condition: model.counts.threats > 0 && index.threats.all(t, t.statusStated)\n      offenders: index.threats.filter(t, !t.statusStated).map(t, t.id)\n    - id: model-owner\n      explanation: the model names its owner\n      condition: model.owner != \"\"\n  2:\n    - id: standards-referenced\n      explanation: threats or mitigations reference standards (OWASP Top 10, ASVS, …)\n      condition: index.threats.exists(t, size(t.standards) > 0) || index.mitigations.exists(m, size(m.standards) > 0)\n  3:\n    - id: acceptances-complete\n      explanation: every accepted threat has an approver, a reason and an unexpired expiry date\n      condition: >-\n        index.threats.all(t, t.status != \"accepted\" ||\n        (t.acceptance.by != \"\" && t.acceptance.reason != \"\" && t.acceptance.expires != \"\" && daysSince(t.acceptance.expires) <= 0))\n      offenders: >-\n        index.threats.filter(t, t.status == \"accepted\" &&\n        !(t.acceptance.by != \"\" && t.acceptance.reason != \"\" && t.acceptance.expires != \"\" && daysSince(t.acceptance.expires) <= 0)).map(t, t.id)\n    - id: reviewed-recently\n      explanation: the model was reviewed in the last {threshold} days\n      condition: model.reviewed != \"\" && daysSince(model.reviewed) <= threshold\n      measure: 'model.reviewed == \"\" ? -1 : daysSince(model.reviewed)'\n      unit: days\n      threshold: { name: stale-review-days, default: 180, direction: at-most }\n  4:\n    - id: what-if\n      explanation: planned mitigations state their effect on risk, so what-if analysis is available\n      condition: >-\n        index.mitigations.exists(m, m.hasEffects) &&\n        index.mitigations.all(m, !(m.status in [\"proposed\", \"planned\", \"in-progress\"]) || m.hasEffects)\n      offenders: index.mitigations.filter(m, m.status in [\"proposed\", \"planned\", \"in-progress\"] && !m.hasEffects).map(m, m.id)\n    - id: acceptances-dated\n      explanation: every accepted threat records when it was accepted\n      condition: index.threats.all(t, t.status != \"accepted\" || t.acceptance.date != \"\")\n      offenders: index.threats.filter(t, t.status == \"accepted\" && t.acceptance.date == \"\").map(t, t.id)\n"
    },
    {
        path: "rules/maturity/root-cause-analysis.yaml",
        text: "id: root-cause-analysis\ntitle: Root cause analysis\nlevels:\n  1:\n    - id: incident-recorded\n      explanation: at least one incident is recorded\n      condition: model.counts.incidents > 0\n  2:\n    - id: incidents-linked\n      explanation: every incident is linked to a modelled threat (unlinked incidents are unmodelled threats)\n      condition: index.incidents.all(i, size(i.threats) > 0)\n      offenders: index.incidents.filter(i, size(i.threats) == 0).map(i, i.id)\n  3:\n    - id: root-causes\n      explanation: every incident names its root cause (people, process or technology)\n      condition: index.incidents.all(i, i.rootCause != \"\")\n      offenders: index.incidents.filter(i, i.rootCause == \"\").map(i, i.id)\n    - id: model-updated\n      explanation: the model was reviewed on or after the date of every incident\n      condition: index.incidents.all(i, model.reviewed != \"\" && model.reviewed >= i.date)\n      offenders: index.incidents.filter(i, model.reviewed == \"\" || model.reviewed < i.date).map(i, i.id)\n  4:\n    - id: loop-closed\n      explanation: every incident's threats have a mitigation in place (implemented, verified or existing)\n      condition: index.incidents.all(i, size(i.threats) > 0 && i.threats.all(t, size(t.controls) > 0))\n      offenders: index.incidents.filter(i, !(size(i.threats) > 0 && i.threats.all(t, size(t.controls) > 0))).map(i, i.id)\n"
    },
    {
        path: "rules/maturity/severity.yaml",
        text: "id: severity\ntitle: Threat severity calculator\nlevels:\n  1:\n    - id: rated\n      explanation: every threat has a rating (likelihood and impact, or an imported score such as CVSS)\n      condition: model.counts.threats > 0 && index.threats.all(t, t.rated)\n      measure: percent(size(index.threats.filter(t, t.rated)), size(index.threats))\n      unit: percent\n      offenders: index.threats.filter(t, !t.rated).map(t, t.id)\n  2:\n    - id: likelihood-and-impact\n      explanation: every threat has both likelihood and impact on the defined scale\n      condition: index.threats.all(t, t.likelihood != \"\" && t.impact != \"\")\n      offenders: index.threats.filter(t, t.likelihood == \"\" || t.impact == \"\").map(t, t.id)\n  3:\n    - id: quantitative\n      explanation: at least one threat has quantitative (FAIR) inputs\n      condition: index.threats.exists(t, t.quantified)\n  4:\n    - id: high-quantified\n      explanation: every high threat has quantitative (FAIR) inputs\n      condition: index.threats.all(t, !t.high || t.quantified)\n      offenders: index.threats.filter(t, t.high && !t.quantified).map(t, t.id)\n    - id: currency-and-criticality\n      explanation: the model states its currency (risk.currency) and business criticality\n      condition: model.currency != \"\" && model.criticality != \"\"\n"
    },
    {
        path: "rules/maturity/static-analysis.yaml",
        text: "id: static-analysis\ntitle: Static threat-model analysis\nlevels:\n  1:\n    - id: standards\n      explanation: the model declares the standards it follows\n      condition: size(model.standards) > 0\n  2:\n    - id: no-errors\n      explanation: automated validation runs and the model has no error findings\n      condition: context.errorFindings == 0\n      measure: context.errorFindings\n      unit: count\n  3:\n    - id: ci-feedback\n      explanation: the review runs in CI on pull or merge requests and feeds back (comment or issues)\n      condition: >-\n        context.platform in [\"github\", \"gitlab\"] && context.event == \"pull_request\" &&\n        (context.outputs.comment || context.trackerSync.enabled)\n  4:\n    - id: custom-rules\n      explanation: organisation-specific custom rules are loaded\n      condition: context.rules.custom > 0\n    - id: suppressions-complete\n      explanation: every suppression has a reason, an approver and an unexpired date\n      condition: index.suppressions.all(s, s.reason != \"\" && s.approvedBy != \"\" && s.expires != \"\" && daysSince(s.expires) <= 0)\n      offenders: index.suppressions.filter(s, !(s.reason != \"\" && s.approvedBy != \"\" && s.expires != \"\" && daysSince(s.expires) <= 0)).map(s, s.id)\n"
    },
    {
        path: "rules/maturity/threat-categorization.yaml",
        text: "id: threat-categorization\ntitle: Threat categorisation\nlevels:\n  1:\n    - id: threats-recorded\n      explanation: at least one threat is recorded\n      condition: model.counts.threats > 0\n  2:\n    - id: categorised\n      explanation: every threat has a STRIDE or LINDDUN category\n      condition: index.threats.all(t, t.category != \"\")\n      offenders: index.threats.filter(t, t.category == \"\").map(t, t.id)\n    - id: handled\n      explanation: every threat has a mitigation or is accepted, transferred or not applicable\n      condition: index.threats.all(t, size(t.mitigations) > 0 || t.decided)\n      offenders: index.threats.filter(t, size(t.mitigations) == 0 && !t.decided).map(t, t.id)\n  3:\n    - id: mapped\n      explanation: map ≥ {threshold} % of threats to CWE, CAPEC or ATT&CK\n      measure: percent(size(index.threats.filter(t, size(t.cwe) + size(t.capec) + size(t.attack) > 0)), size(index.threats))\n      unit: percent\n      threshold: { name: mapping-percent, default: 80 }\n      offenders: index.threats.filter(t, size(t.cwe) + size(t.capec) + size(t.attack) == 0).map(t, t.id)\n    - id: references-known\n      explanation: every CWE, CAPEC and ATT&CK reference exists in the loaded knowledge base\n      condition: >-\n        index.threats.all(t, t.cwe.all(x, kbKnows(\"cwe\", x)) && t.capec.all(x, kbKnows(\"capec\", x)) && t.attack.all(x, kbKnows(\"attack\", x)))\n      offenders: >-\n        index.threats.filter(t, !(t.cwe.all(x, kbKnows(\"cwe\", x)) && t.capec.all(x, kbKnows(\"capec\", x)) && t.attack.all(x, kbKnows(\"attack\", x)))).map(t, t.id)\n  4:\n    - id: business-impact\n      explanation: every high threat states its business impact\n      condition: index.threats.all(t, !t.high || t.businessImpact != \"\")\n      offenders: index.threats.filter(t, t.high && t.businessImpact == \"\").map(t, t.id)\n    - id: references-current\n      explanation: no CWE, CAPEC or ATT&CK reference is deprecated or revoked\n      condition: >-\n        index.threats.all(t, t.cwe.all(x, !(kbStatus(\"cwe\", x) in [\"deprecated\", \"obsolete\", \"revoked\"])) &&\n        t.capec.all(x, !(kbStatus(\"capec\", x) in [\"deprecated\", \"obsolete\", \"revoked\"])) &&\n        t.attack.all(x, !(kbStatus(\"attack\", x) in [\"deprecated\", \"obsolete\", \"revoked\"])))\n      offenders: >-\n        index.threats.filter(t, t.cwe.exists(x, kbStatus(\"cwe\", x) in [\"deprecated\", \"obsolete\", \"revoked\"]) ||\n        t.capec.exists(x, kbStatus(\"capec\", x) in [\"deprecated\", \"obsolete\", \"revoked\"]) ||\n        t.attack.exists(x, kbStatus(\"attack\", x) in [\"deprecated\", \"obsolete\", \"revoked\"])).map(t, t.id)\n"
    },
    {
        path: "rules/maturity/value-stream.yaml",
        text: "id: value-stream\ntitle: Value stream alignment\nlevels:\n  1:\n    - id: business-context\n      explanation: the model states its business context (description, objectives or criticality)\n      condition: model.businessDescription != \"\" || size(model.objectives) > 0 || model.criticality != \"\"\n  2:\n    - id: prioritised\n      explanation: every mitigation has a priority or a roadmap horizon\n      condition: model.counts.mitigations > 0 && index.mitigations.all(m, m.priority != \"\" || m.roadmap != \"\")\n      offenders: index.mitigations.filter(m, m.priority == \"\" && m.roadmap == \"\").map(m, m.id)\n  3:\n    - id: traced\n      explanation: every mitigation traces to a standard or requirement (references.standards or links)\n      condition: index.mitigations.all(m, size(m.standards) + size(m.links) > 0)\n      offenders: index.mitigations.filter(m, size(m.standards) + size(m.links) == 0).map(m, m.id)\n    - id: high-objectives\n      explanation: every high threat names the business objectives it endangers\n      condition: index.threats.all(t, !t.high || size(t.objectives) > 0)\n      offenders: index.threats.filter(t, t.high && size(t.objectives) == 0).map(t, t.id)\n  4:\n    - id: quantified-value\n      explanation: every mitigation quantifies its risk reduction (effects with `by`) and states its cost\n      condition: index.mitigations.all(m, m.quantifiedEffects && m.costed)\n      offenders: index.mitigations.filter(m, !(m.quantifiedEffects && m.costed)).map(m, m.id)\n"
    }
];

// EXTERNAL MODULE: ./node_modules/@marcbachmann/cel-js/lib/index.js + 13 modules
var lib = __webpack_require__(7337);
;// CONCATENATED MODULE: ./src/core/rules/knowledge-base.ts
/** The catalogues a KB id kind names. */
const KNOWLEDGE_KINDS = (/* unused pure expression or super */ null && (['cwe', 'capec', 'attack']));
/** What `kbStatus` answers when the catalogue of that kind is not loaded. */
const KB_NOT_LOADED = 'unknown-kb';
/** What `kbStatus` answers when the catalogue is loaded but does not hold the id. */
const KB_UNKNOWN_ID = 'unknown';
/** Status of an id in the knowledge base: its catalogue status, `unknown`, or `unknown-kb` when that catalogue is not loaded. */
function knowledgeStatus(kb, kind, id) {
    const catalogue = catalogueOf(kb, kind);
    if (!catalogue)
        return KB_NOT_LOADED;
    const entry = catalogue.get(id);
    return entry ? entry.status.toLowerCase() : KB_UNKNOWN_ID;
}
/** Name of an id in the knowledge base, or an empty string when it is not known. */
function knowledgeName(kb, kind, id) {
    return catalogueOf(kb, kind)?.get(id)?.name ?? '';
}
function catalogueOf(kb, kind) {
    if (!kb)
        return undefined;
    if (kind === 'cwe')
        return kb.cwe;
    if (kind === 'capec')
        return kb.capec;
    if (kind === 'attack')
        return kb.attack;
    return undefined;
}

;// CONCATENATED MODULE: ./src/core/rules/qualitative-severity.ts

/** The 5×5 matrix of design/risk.md §3 lives in the risk engine; rules read the same one. */

/** Ordinal of a likelihood/impact level (very-low 0 … very-high 4), or -1 for anything else. */
function levelRank(level) {
    return schema_LEVELS.indexOf(level);
}
/** Ordinal of a severity (info 0 … critical 4), or -1 for anything else (e.g. `unrated`). */
function qualitative_severity_severityRank(severity) {
    return SEVERITIES.indexOf(severity);
}

;// CONCATENATED MODULE: ./src/core/rules/rule-graph.ts

/*
 * The resolved graph rules see: one view object per model element, with every optional field
 * filled by a neutral default ("" for text, false, [] or -1 for an unknown trust level) so a CEL
 * condition never fails on a missing key. Relations (a flow's source, a component's inbound
 * flows, a threat's mitigations, …) are getters computed on first use and cached, because most
 * rules read only a few of them and the graph is cyclic.
 */
/** Authentication values that mean "no authentication". */
const NO_AUTHENTICATION = new Set(['', 'none', 'no', 'anonymous', 'false']);
/** Mitigation statuses that put a control in place today. */
const IN_PLACE_STATUSES = new Set(['implemented', 'verified', 'existing']);
function big(n) {
    return BigInt(Math.trunc(n));
}
/** The model section: identity, business context and element counts. */
class ModelView {
    #graph;
    constructor(graph) {
        this.#graph = graph;
    }
    get id() {
        return this.#graph.index.modelId;
    }
    get title() {
        return this.#graph.document.model.title;
    }
    get owner() {
        return this.#graph.document.model.owner ?? '';
    }
    get description() {
        return this.#graph.document.model.description ?? '';
    }
    get criticality() {
        return this.#graph.document.model.business?.criticality ?? '';
    }
    get standards() {
        return this.#graph.document.model.standards ?? [];
    }
    get templates() {
        return this.#graph.document.model.templates ?? [];
    }
    get reviewed() {
        return this.#graph.document.model.reviewed ?? '';
    }
    get version() {
        return this.#graph.document.model.version ?? '';
    }
    get tags() {
        return this.#graph.document.model.tags ?? [];
    }
    get counts() {
        return this.#graph.counts;
    }
}
/** How many elements of each kind the model holds. */
class CountsView {
    zones;
    assets;
    components;
    dataflows;
    actors;
    threats;
    mitigations;
    assumptions;
    incidents;
    suppressions;
    constructor(zones, assets, components, dataflows, actors, threats, mitigations, assumptions, incidents, suppressions) {
        this.zones = zones;
        this.assets = assets;
        this.components = components;
        this.dataflows = dataflows;
        this.actors = actors;
        this.threats = threats;
        this.mitigations = mitigations;
        this.assumptions = assumptions;
        this.incidents = incidents;
        this.suppressions = suppressions;
    }
}
class ZoneView {
    #graph;
    #zone;
    constructor(graph, zone) {
        this.#graph = graph;
        this.#zone = zone;
    }
    get id() {
        return this.#zone.id;
    }
    get title() {
        return this.#zone.title ?? '';
    }
    get trust() {
        return big(this.#zone.trust);
    }
    get parent() {
        return this.#zone.parent ?? '';
    }
    get tags() {
        return this.#zone.tags ?? [];
    }
    get components() {
        return this.#graph.componentsInZone(this.#zone.id);
    }
    get threats() {
        return this.#graph.threatsTargeting(this.#zone.id);
    }
}
class AssetView {
    #graph;
    #asset;
    constructor(graph, asset) {
        this.#graph = graph;
        this.#asset = asset;
    }
    get id() {
        return this.#asset.id;
    }
    get title() {
        return this.#asset.title ?? '';
    }
    get classification() {
        return this.#asset.classification ?? '';
    }
    get confidentiality() {
        return this.#asset.cia?.confidentiality ?? '';
    }
    get integrity() {
        return this.#asset.cia?.integrity ?? '';
    }
    get availability() {
        return this.#asset.cia?.availability ?? '';
    }
    get owner() {
        return this.#asset.owner ?? '';
    }
    get tags() {
        return this.#asset.tags ?? [];
    }
    /** Components that store or process the asset. */
    get components() {
        return this.#graph.holdersOf(this.#asset.id).components;
    }
    /** Flows that carry the asset. */
    get dataflows() {
        return this.#graph.holdersOf(this.#asset.id).dataflows;
    }
    get threats() {
        return this.#graph.threatsTargeting(this.#asset.id);
    }
}
class ComponentView {
    #graph;
    #component;
    constructor(graph, component) {
        this.#graph = graph;
        this.#component = component;
    }
    get id() {
        return this.#component.id;
    }
    get title() {
        return this.#component.title ?? '';
    }
    get type() {
        return this.#component.type;
    }
    /** Id of the component's zone, or "" when it names none. */
    get zone() {
        return this.#graph.index.zoneOf(this.#component.id)?.id ?? '';
    }
    /** Trust level of the component's zone, or -1 when it has no zone. */
    get trust() {
        const trust = this.#graph.index.trustOf(this.#component.id);
        return trust === undefined ? -1n : big(trust);
    }
    get owner() {
        return this.#component.owner ?? '';
    }
    get technologies() {
        return this.#component.technologies ?? [];
    }
    get internetFacing() {
        return this.#component.internet_facing ?? false;
    }
    get lifecycle() {
        return this.#component.lifecycle ?? '';
    }
    get parent() {
        return this.#component.parent ?? '';
    }
    get tags() {
        return this.#component.tags ?? [];
    }
    /** Assets the component stores or processes. */
    get assets() {
        return this.#graph.assetViews(this.#component.assets);
    }
    get inbound() {
        return this.#graph.flowViews(this.#graph.index.inboundFlows.get(this.#component.id));
    }
    get outbound() {
        return this.#graph.flowViews(this.#graph.index.outboundFlows.get(this.#component.id));
    }
    get threats() {
        return this.#graph.threatsTargeting(this.#component.id);
    }
}
class DataflowView {
    #graph;
    #flow;
    constructor(graph, flow) {
        this.#graph = graph;
        this.#flow = flow;
    }
    get id() {
        return this.#flow.id;
    }
    get title() {
        return this.#flow.title ?? '';
    }
    get source() {
        return this.#graph.component(this.#flow.from);
    }
    get target() {
        return this.#graph.component(this.#flow.to);
    }
    get protocol() {
        return (this.#flow.protocol ?? '').toLowerCase();
    }
    get assets() {
        return this.#graph.assetViews(this.#flow.assets);
    }
    /** The authentication scheme as written, "" when none is stated. */
    get authentication() {
        return this.#flow.authentication ?? '';
    }
    /** Whether the flow states an authentication scheme other than `none`. */
    get authenticated() {
        return !NO_AUTHENTICATION.has((this.#flow.authentication ?? '').trim().toLowerCase());
    }
    /** The authorization as written (`true` becomes "yes"), "" when none is stated. */
    get authorization() {
        const value = this.#flow.authorization;
        if (value === undefined || value === false)
            return '';
        return value === true ? 'yes' : value;
    }
    get authorized() {
        const value = this.#flow.authorization;
        if (typeof value === 'boolean')
            return value;
        return !NO_AUTHENTICATION.has((value ?? '').trim().toLowerCase());
    }
    /** Whether the flow is stated to be encrypted; an unstated flow counts as not encrypted. */
    get encrypted() {
        return this.#flow.encrypted ?? false;
    }
    get bidirectional() {
        return this.#flow.bidirectional ?? false;
    }
    /** Whether source and target sit in different, known zones. */
    get crossesBoundary() {
        const from = this.#graph.index.zoneOf(this.#flow.from);
        const to = this.#graph.index.zoneOf(this.#flow.to);
        return from !== undefined && to !== undefined && from.id !== to.id;
    }
    get tags() {
        return this.#flow.tags ?? [];
    }
    get threats() {
        return this.#graph.threatsTargeting(this.#flow.id);
    }
}
class ActorView {
    #graph;
    #actor;
    constructor(graph, actor) {
        this.#graph = graph;
        this.#actor = actor;
    }
    get id() {
        return this.#actor.id;
    }
    get title() {
        return this.#actor.title ?? '';
    }
    get capability() {
        return this.#actor.capability ?? '';
    }
    get motivation() {
        return this.#actor.motivation ?? '';
    }
    get insider() {
        return this.#actor.insider ?? false;
    }
    get privileged() {
        return this.#actor.privileged ?? false;
    }
    get tags() {
        return this.#actor.tags ?? [];
    }
    /** Threats that name this actor as their source. */
    get threats() {
        return this.#graph.threatsBySource(this.#actor.id);
    }
}
/** Who accepted a threat, why and until when; "" where the model says nothing. */
class AcceptanceView {
    by;
    reason;
    expires;
    date;
    constructor(by, reason, expires, date) {
        this.by = by;
        this.reason = reason;
        this.expires = expires;
        this.date = date;
    }
}
const NO_ACCEPTANCE = new AcceptanceView('', '', '', '');
class ThreatView {
    #graph;
    #threat;
    constructor(graph, threat) {
        this.#graph = graph;
        this.#threat = threat;
    }
    get id() {
        return this.#threat.id;
    }
    get title() {
        return this.#threat.title;
    }
    get description() {
        return this.#threat.description ?? '';
    }
    get category() {
        return this.#threat.category ?? '';
    }
    /** Ids of the components, flows, assets and zones the threat targets. */
    get targets() {
        return this.#threat.targets ?? [];
    }
    /** Id of the threat actor, "" when none is named. */
    get source() {
        return this.#threat.source ?? '';
    }
    get cwe() {
        return this.#threat.references?.cwe ?? [];
    }
    get capec() {
        return this.#threat.references?.capec ?? [];
    }
    get attack() {
        return this.#threat.references?.attack ?? [];
    }
    get likelihood() {
        return this.#threat.likelihood ?? this.#threat.risk?.likelihood ?? '';
    }
    get impact() {
        return this.#threat.impact ?? this.#threat.risk?.impact ?? '';
    }
    /** Qualitative severity from likelihood × impact, or `unrated` when either is missing. */
    get severity() {
        return this.#graph.severityOf(this.#threat);
    }
    /** Whether the threat carries FAIR (quantitative) inputs. */
    get quantified() {
        return this.#threat.risk?.fair !== undefined;
    }
    /** The status as written; a threat without one is `open`. */
    get status() {
        return this.#threat.status ?? 'open';
    }
    get acceptance() {
        const a = this.#threat.acceptance;
        return a ? new AcceptanceView(a.by ?? '', a.reason ?? '', a.expires ?? '', a.date ?? '') : NO_ACCEPTANCE;
    }
    /** Linked mitigations that exist in the model. */
    get mitigations() {
        return this.#graph.mitigationViews(this.#graph.index.mitigationsByThreat.get(this.#threat.id));
    }
    /** Linked mitigations in place today (implemented, verified or existing). */
    get controls() {
        return this.mitigations.filter((m) => IN_PLACE_STATUSES.has(m.status));
    }
    /** Incidents that name this threat. */
    get incidents() {
        return this.#graph.incidentsOf(this.#threat.id);
    }
    get tags() {
        return this.#threat.tags ?? [];
    }
}
class MitigationView {
    #graph;
    #mitigation;
    constructor(graph, mitigation) {
        this.#graph = graph;
        this.#mitigation = mitigation;
    }
    get id() {
        return this.#mitigation.id;
    }
    get title() {
        return this.#mitigation.title;
    }
    get description() {
        return this.#mitigation.description ?? '';
    }
    get type() {
        return this.#mitigation.type ?? '';
    }
    /** The status as written; a mitigation without one is `proposed`. */
    get status() {
        return this.#mitigation.status ?? 'proposed';
    }
    get roadmap() {
        return this.#mitigation.roadmap ?? '';
    }
    get priority() {
        return this.#mitigation.priority ?? '';
    }
    get owner() {
        return this.#mitigation.owner ?? '';
    }
    get verification() {
        return this.#mitigation.verification ?? '';
    }
    get issue() {
        return this.#mitigation.issue ?? '';
    }
    /** ATT&CK techniques the control detects. */
    get detects() {
        return this.#mitigation.detects ?? [];
    }
    get cwe() {
        return this.#mitigation.references?.cwe ?? [];
    }
    get capec() {
        return this.#mitigation.references?.capec ?? [];
    }
    get attack() {
        return this.#mitigation.references?.attack ?? [];
    }
    /** Whether the mitigation states its effect on risk. */
    get hasEffects() {
        return (this.#mitigation.effects ?? []).length > 0;
    }
    get tags() {
        return this.#mitigation.tags ?? [];
    }
    /** Threats that link to this mitigation. */
    get threats() {
        return this.#graph.threatViews(this.#graph.index.threatsByMitigation.get(this.#mitigation.id));
    }
}
class AssumptionView {
    #assumption;
    constructor(assumption) {
        this.#assumption = assumption;
    }
    get id() {
        return this.#assumption.id;
    }
    get text() {
        return this.#assumption.text;
    }
    get validated() {
        return this.#assumption.validated ?? false;
    }
    get owner() {
        return this.#assumption.owner ?? '';
    }
    get expires() {
        return this.#assumption.expires ?? '';
    }
}
class IncidentView {
    #graph;
    #incident;
    constructor(graph, incident) {
        this.#graph = graph;
        this.#incident = incident;
    }
    get id() {
        return this.#incident.id;
    }
    get date() {
        return this.#incident.date;
    }
    get summary() {
        return this.#incident.summary;
    }
    /** ATT&CK techniques observed. */
    get techniques() {
        return this.#incident.techniques ?? [];
    }
    /** Linked threats that exist in the model. */
    get threats() {
        return this.#graph.threatViews((this.#incident.threats ?? []).flatMap((id) => this.#graph.index.threats.get(id) ?? []));
    }
    get rootCause() {
        return this.#incident.root_cause ?? '';
    }
    /** The status as written; an incident without one is `open`. */
    get status() {
        return this.#incident.status ?? 'open';
    }
}
/** A suppression entry; its id is synthetic (`suppression:<rule>:<target>`) since suppressions have none. */
class SuppressionView {
    #suppression;
    constructor(suppression) {
        this.#suppression = suppression;
    }
    get id() {
        return suppressionViewId(this.#suppression);
    }
    get rule() {
        return this.#suppression.rule;
    }
    get target() {
        return this.#suppression.target;
    }
    get reason() {
        return this.#suppression.reason ?? '';
    }
    get approvedBy() {
        return this.#suppression.approved_by ?? '';
    }
    get expires() {
        return this.#suppression.expires ?? '';
    }
}
/** Synthetic id of a suppression entry. */
function suppressionViewId(suppression) {
    return `suppression:${suppression.rule}:${suppression.target}`;
}
/** Every element list of the model, as views. */
class IndexView {
    #graph;
    constructor(graph) {
        this.#graph = graph;
    }
    get zones() {
        return this.#graph.all('zone');
    }
    get assets() {
        return this.#graph.all('asset');
    }
    get components() {
        return this.#graph.all('component');
    }
    get dataflows() {
        return this.#graph.all('dataflow');
    }
    get actors() {
        return this.#graph.all('actor');
    }
    get threats() {
        return this.#graph.all('threat');
    }
    get mitigations() {
        return this.#graph.all('mitigation');
    }
    get assumptions() {
        return this.#graph.all('assumption');
    }
    get incidents() {
        return this.#graph.all('incident');
    }
    get suppressions() {
        return this.#graph.all('suppression');
    }
}
/** Which knowledge-base catalogues are loaded. */
class KnowledgeFlagsView {
    cwe;
    capec;
    attack;
    constructor(cwe, capec, attack) {
        this.cwe = cwe;
        this.capec = capec;
        this.attack = attack;
    }
}
/** The run context: today's date (given by the caller), platform and settings. */
class RunContextView {
    today;
    platform;
    staleAfterDays;
    kb;
    constructor(today, platform, staleAfterDays, kb) {
        this.today = today;
        this.platform = platform;
        this.staleAfterDays = staleAfterDays;
        this.kb = kb;
    }
}
/** The kinds of subject a rule can apply to. */
const RULE_SUBJECTS = [
    'model',
    'zone',
    'asset',
    'component',
    'dataflow',
    'actor',
    'threat',
    'mitigation',
    'assumption',
    'incident',
    'suppression'
];
const SECTION_OF = {
    zone: 'zones',
    asset: 'assets',
    component: 'components',
    dataflow: 'dataflows',
    actor: 'actors',
    threat: 'threats',
    mitigation: 'mitigations',
    assumption: 'assumptions',
    incident: 'incidents',
    suppression: 'suppressions'
};
/** The per-run resolved graph: views of every element, relation caches and reachability. */
class RuleGraph {
    loaded;
    index;
    model;
    indexView;
    context;
    counts;
    knowledgeBase;
    #lists = new Map();
    #components = new Map();
    #flows = new Map();
    #assets = new Map();
    #threats = new Map();
    #mitigations = new Map();
    #severities = new Map();
    #holders;
    #threatsByTarget;
    #threatsBySource;
    #incidentsByThreat;
    #componentsByZone;
    #reachable;
    #reachableUnauthenticated;
    #todayDay;
    constructor(loaded, options) {
        this.loaded = loaded;
        this.index = loaded.index;
        this.knowledgeBase = options.knowledgeBase;
        const d = loaded.document;
        this.counts = new CountsView(big(this.index.zones.size), big(this.index.assets.size), big(this.index.components.size), big(this.index.dataflows.size), big(this.index.actors.size), big(this.index.threats.size), big(this.index.mitigations.size), big(this.index.assumptions.size), big(this.index.incidents.size), big(d.suppressions?.length ?? 0));
        this.model = new ModelView(this);
        this.indexView = new IndexView(this);
        const kb = options.knowledgeBase;
        this.context = new RunContextView(options.today, options.platform, big(options.staleAfterDays), new KnowledgeFlagsView(kb?.cwe !== undefined, kb?.capec !== undefined, kb?.attack !== undefined));
        this.#todayDay = dayNumber(options.today) ?? 0;
    }
    get document() {
        return this.loaded.document;
    }
    /** All views of one element kind, in document order. */
    all(kind) {
        let list = this.#lists.get(kind);
        if (list)
            return list;
        const index = this.index;
        switch (kind) {
            case 'zone':
                list = [...index.zones.values()].map((z) => new ZoneView(this, z));
                break;
            case 'asset':
                list = [...index.assets.keys()].map((id) => this.asset(id));
                break;
            case 'component':
                list = [...index.components.keys()].map((id) => this.component(id));
                break;
            case 'dataflow':
                list = [...index.dataflows.keys()].map((id) => this.flow(id));
                break;
            case 'actor':
                list = [...index.actors.values()].map((a) => new ActorView(this, a));
                break;
            case 'threat':
                list = [...index.threats.values()].map((t) => this.threat(t));
                break;
            case 'mitigation':
                list = [...index.mitigations.values()].map((m) => this.mitigation(m));
                break;
            case 'assumption':
                list = [...index.assumptions.values()].map((a) => new AssumptionView(a));
                break;
            case 'incident':
                list = [...index.incidents.values()].map((i) => new IncidentView(this, i));
                break;
            case 'suppression':
                list = (this.document.suppressions ?? []).map((s) => new SuppressionView(s));
                break;
        }
        this.#lists.set(kind, list);
        return list;
    }
    /** The subjects a rule of this kind is evaluated on. */
    subjects(kind) {
        return kind === 'model' ? [this.model] : this.all(kind);
    }
    /** Document path of a subject id (element, model or suppression), for positions. */
    pathOf(id) {
        if (id === this.index.modelId)
            return ['model'];
        const location = this.index.elements.get(id);
        if (location)
            return [location.section, location.index];
        const suppressions = this.document.suppressions ?? [];
        const i = suppressions.findIndex((s) => suppressionViewId(s) === id);
        return i >= 0 ? [SECTION_OF.suppression, i] : undefined;
    }
    component(id) {
        let view = this.#components.get(id);
        if (!view) {
            // Schema-valid models only reference existing components; the fallback keeps views total.
            const component = this.index.components.get(id) ?? { id, type: 'external' };
            view = new ComponentView(this, component);
            this.#components.set(id, view);
        }
        return view;
    }
    flow(id) {
        let view = this.#flows.get(id);
        if (!view) {
            view = new DataflowView(this, this.index.dataflows.get(id));
            this.#flows.set(id, view);
        }
        return view;
    }
    asset(id) {
        let view = this.#assets.get(id);
        if (!view) {
            view = new AssetView(this, this.index.assets.get(id) ?? { id });
            this.#assets.set(id, view);
        }
        return view;
    }
    threat(threat) {
        let view = this.#threats.get(threat.id);
        if (!view) {
            view = new ThreatView(this, threat);
            this.#threats.set(threat.id, view);
        }
        return view;
    }
    mitigation(mitigation) {
        let view = this.#mitigations.get(mitigation.id);
        if (!view) {
            view = new MitigationView(this, mitigation);
            this.#mitigations.set(mitigation.id, view);
        }
        return view;
    }
    assetViews(ids) {
        return (ids ?? []).filter((id) => this.index.assets.has(id)).map((id) => this.asset(id));
    }
    flowViews(flows) {
        return (flows ?? []).map((f) => this.flow(f.id));
    }
    threatViews(threats) {
        return (threats ?? []).map((t) => this.threat(t));
    }
    mitigationViews(mitigations) {
        return (mitigations ?? []).map((m) => this.mitigation(m));
    }
    severityOf(threat) {
        let severity = this.#severities.get(threat.id);
        if (severity === undefined) {
            const likelihood = threat.likelihood ?? threat.risk?.likelihood;
            const impact = threat.impact ?? threat.risk?.impact;
            severity = likelihood && impact ? matrixSeverity(likelihood, impact) : 'unrated';
            this.#severities.set(threat.id, severity);
        }
        return severity;
    }
    threatsTargeting(id) {
        if (!this.#threatsByTarget) {
            this.#threatsByTarget = new Map();
            for (const [target, threats] of this.index.threatsByTarget)
                this.#threatsByTarget.set(target, this.threatViews(threats));
        }
        return this.#threatsByTarget.get(id) ?? [];
    }
    threatsBySource(actorId) {
        if (!this.#threatsBySource) {
            this.#threatsBySource = new Map();
            for (const threat of this.index.threats.values()) {
                if (threat.source !== undefined)
                    rule_graph_pushTo(this.#threatsBySource, threat.source, this.threat(threat));
            }
        }
        return this.#threatsBySource.get(actorId) ?? [];
    }
    incidentsOf(threatId) {
        if (!this.#incidentsByThreat) {
            this.#incidentsByThreat = new Map();
            for (const incident of this.all('incident')) {
                for (const threat of incident.threats)
                    rule_graph_pushTo(this.#incidentsByThreat, threat.id, incident);
            }
        }
        return this.#incidentsByThreat.get(threatId) ?? [];
    }
    componentsInZone(zoneId) {
        if (!this.#componentsByZone) {
            this.#componentsByZone = new Map();
            for (const component of this.all('component')) {
                if (component.zone !== '')
                    rule_graph_pushTo(this.#componentsByZone, component.zone, component);
            }
        }
        return this.#componentsByZone.get(zoneId) ?? [];
    }
    holdersOf(assetId) {
        if (!this.#holders) {
            this.#holders = new Map();
            for (const [asset, holders] of this.index.holdersByAsset) {
                const entry = { components: [], dataflows: [] };
                for (const holder of holders) {
                    if ('from' in holder)
                        entry.dataflows.push(this.flow(holder.id));
                    else
                        entry.components.push(this.component(holder.id));
                }
                this.#holders.set(asset, entry);
            }
        }
        return this.#holders.get(assetId) ?? { components: [], dataflows: [] };
    }
    /** Whether a path of one or more flows leads from a component in an untrusted (trust 0) zone to the component. */
    reachableFromUntrusted(componentId) {
        this.#reachable ??= this.#reachFromUntrusted(() => true);
        return this.#reachable.has(componentId);
    }
    /** Like `reachableFromUntrusted`, but only over flows without authentication. */
    unauthenticatedPathFromUntrusted(componentId) {
        this.#reachableUnauthenticated ??= this.#reachFromUntrusted((flow) => !this.flow(flow.id).authenticated);
        return this.#reachableUnauthenticated.has(componentId);
    }
    #reachFromUntrusted(usable) {
        const edges = new Map();
        for (const flow of this.index.dataflows.values()) {
            if (!usable(flow))
                continue;
            rule_graph_pushTo(edges, flow.from, flow.to);
            if (flow.bidirectional)
                rule_graph_pushTo(edges, flow.to, flow.from);
        }
        const reached = new Set();
        const queue = [];
        for (const id of this.index.components.keys())
            if (this.index.trustOf(id) === 0)
                queue.push(id);
        while (queue.length > 0) {
            const next = edges.get(queue.pop()) ?? [];
            for (const id of next) {
                if (reached.has(id))
                    continue;
                reached.add(id);
                queue.push(id);
            }
        }
        return reached;
    }
    /** Whole days from a `YYYY-MM-DD` date to today (negative for future dates), or undefined when it is not a date. */
    daysSince(date) {
        const day = dayNumber(date);
        return day === undefined ? undefined : this.#todayDay - day;
    }
}
function rule_graph_pushTo(map, key, value) {
    const list = map.get(key);
    if (list)
        list.push(value);
    else
        map.set(key, [value]);
}
/** Days since 1970-01-01 of a `YYYY-MM-DD` date; calendar arithmetic only, never the clock. */
function dayNumber(date) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!match)
        return undefined;
    const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return Number.isNaN(ms) ? undefined : Math.round(ms / 86_400_000);
}

;// CONCATENATED MODULE: ./src/core/rules/rule-environment.ts





/*
 * The CEL environment rules are compiled in. Every view is a registered message type with its
 * fields declared, so a typo (`element.ownr`), a wrong operand type or an unknown variable is
 * a type error when the rule loads, not a silent `false` at review time.
 */
const S = 'string';
const rule_environment_B = 'bool';
const I = 'int';
const STRINGS = 'list<string>';
const MODEL_FIELDS = {
    id: S, title: S, owner: S, description: S, criticality: S, standards: STRINGS, templates: STRINGS, reviewed: S, version: S, tags: STRINGS, counts: 'Counts'
};
const COUNTS_FIELDS = {
    zones: I, assets: I, components: I, dataflows: I, actors: I, threats: I, mitigations: I, assumptions: I, incidents: I, suppressions: I
};
const ZONE_FIELDS = {
    id: S, title: S, trust: I, parent: S, tags: STRINGS, components: 'list<Component>', threats: 'list<Threat>'
};
const ASSET_FIELDS = {
    id: S, title: S, classification: S, confidentiality: S, integrity: S, availability: S, owner: S, tags: STRINGS,
    components: 'list<Component>', dataflows: 'list<Dataflow>', threats: 'list<Threat>'
};
const COMPONENT_FIELDS = {
    id: S, title: S, type: S, zone: S, trust: I, owner: S, technologies: STRINGS, internetFacing: rule_environment_B, lifecycle: S, parent: S, tags: STRINGS,
    assets: 'list<Asset>', inbound: 'list<Dataflow>', outbound: 'list<Dataflow>', threats: 'list<Threat>'
};
const DATAFLOW_FIELDS = {
    id: S, title: S, source: 'Component', target: 'Component', protocol: S, assets: 'list<Asset>', authentication: S, authenticated: rule_environment_B,
    authorization: S, authorized: rule_environment_B, encrypted: rule_environment_B, bidirectional: rule_environment_B, crossesBoundary: rule_environment_B, tags: STRINGS, threats: 'list<Threat>'
};
const ACTOR_FIELDS = {
    id: S, title: S, capability: S, motivation: S, insider: rule_environment_B, privileged: rule_environment_B, tags: STRINGS, threats: 'list<Threat>'
};
const ACCEPTANCE_FIELDS = { by: S, reason: S, expires: S, date: S };
const THREAT_FIELDS = {
    id: S, title: S, description: S, category: S, targets: STRINGS, source: S, cwe: STRINGS, capec: STRINGS, attack: STRINGS,
    likelihood: S, impact: S, severity: S, quantified: rule_environment_B, status: S, acceptance: 'Acceptance', mitigations: 'list<Mitigation>',
    controls: 'list<Mitigation>', incidents: 'list<Incident>', tags: STRINGS
};
const MITIGATION_FIELDS = {
    id: S, title: S, description: S, type: S, status: S, roadmap: S, priority: S, owner: S, verification: S, issue: S, detects: STRINGS,
    cwe: STRINGS, capec: STRINGS, attack: STRINGS, hasEffects: rule_environment_B, tags: STRINGS, threats: 'list<Threat>'
};
const ASSUMPTION_FIELDS = { id: S, text: S, validated: rule_environment_B, owner: S, expires: S };
const INCIDENT_FIELDS = {
    id: S, date: S, summary: S, techniques: STRINGS, threats: 'list<Threat>', rootCause: S, status: S
};
const SUPPRESSION_FIELDS = { id: S, rule: S, target: S, reason: S, approvedBy: S, expires: S };
const INDEX_FIELDS = {
    zones: 'list<Zone>', assets: 'list<Asset>', components: 'list<Component>', dataflows: 'list<Dataflow>', actors: 'list<Actor>',
    threats: 'list<Threat>', mitigations: 'list<Mitigation>', assumptions: 'list<Assumption>', incidents: 'list<Incident>',
    suppressions: 'list<Suppression>'
};
const KB_FLAG_FIELDS = { cwe: rule_environment_B, capec: rule_environment_B, attack: rule_environment_B };
const CONTEXT_FIELDS = { today: S, platform: S, staleAfterDays: I, kb: 'KnowledgeFlags' };
/** CEL type name, view class and declared fields of every view, for registration and docs. */
const VIEW_TYPES = [
    { name: 'Model', ctor: ModelView, fields: MODEL_FIELDS },
    { name: 'Counts', ctor: CountsView, fields: COUNTS_FIELDS },
    { name: 'Zone', ctor: ZoneView, fields: ZONE_FIELDS },
    { name: 'Asset', ctor: AssetView, fields: ASSET_FIELDS },
    { name: 'Component', ctor: ComponentView, fields: COMPONENT_FIELDS },
    { name: 'Dataflow', ctor: DataflowView, fields: DATAFLOW_FIELDS },
    { name: 'Actor', ctor: ActorView, fields: ACTOR_FIELDS },
    { name: 'Acceptance', ctor: AcceptanceView, fields: ACCEPTANCE_FIELDS },
    { name: 'Threat', ctor: ThreatView, fields: THREAT_FIELDS },
    { name: 'Mitigation', ctor: MitigationView, fields: MITIGATION_FIELDS },
    { name: 'Assumption', ctor: AssumptionView, fields: ASSUMPTION_FIELDS },
    { name: 'Incident', ctor: IncidentView, fields: INCIDENT_FIELDS },
    { name: 'Suppression', ctor: SuppressionView, fields: SUPPRESSION_FIELDS },
    { name: 'Index', ctor: IndexView, fields: INDEX_FIELDS },
    { name: 'KnowledgeFlags', ctor: KnowledgeFlagsView, fields: KB_FLAG_FIELDS },
    { name: 'RunContext', ctor: RunContextView, fields: CONTEXT_FIELDS }
];
/** CEL type of `element` for each subject kind. */
const SUBJECT_TYPE = {
    model: 'Model',
    zone: 'Zone',
    asset: 'Asset',
    component: 'Component',
    dataflow: 'Dataflow',
    actor: 'Actor',
    threat: 'Threat',
    mitigation: 'Mitigation',
    assumption: 'Assumption',
    incident: 'Incident',
    suppression: 'Suppression'
};
/** Signature and one-line description of each helper function, for docs. */
const HELPER_FUNCTIONS = [
    { signature: 'reachableFromUntrusted(string): bool', description: 'a path of flows leads from a component in a trust-0 zone to the component with this id' },
    { signature: 'unauthenticatedPathFromUntrusted(string): bool', description: 'such a path exists using only flows without authentication' },
    { signature: 'daysSince(string): int', description: 'whole days from a YYYY-MM-DD date to context.today (negative for future dates); an error for anything else' },
    { signature: 'classificationRank(string): int', description: 'public 0, internal 1, confidential 2, restricted 3, anything else -1' },
    { signature: 'severityRank(string): int', description: 'info 0 … critical 4, anything else (unrated) -1' },
    { signature: 'levelRank(string): int', description: 'very-low 0 … very-high 4, anything else -1' },
    { signature: 'kbStatus(string, string): string', description: 'status of an id in the cwe/capec/attack catalogue: its status, "unknown", or "unknown-kb" when that catalogue is not loaded' },
    { signature: 'kbKnows(string, string): bool', description: 'the catalogue is loaded and holds the id' },
    { signature: 'kbName(string, string): string', description: 'the catalogue name of an id, "" when unknown' },
    { signature: 'ruleExists(string): bool', description: 'a rule with this id is loaded (built-in or custom, enabled or not)' }
];
function activeGraph(scope) {
    if (!scope.graph)
        throw new Error('helper functions are only available while rules run');
    return scope.graph;
}
/** Builds one CEL environment per subject kind, sharing types, variables and helper functions. */
function createRuleEnvironments(scope, knownRuleIds) {
    const base = new lib/* Environment */.OH({ limits: { maxAstNodes: 5000, maxDepth: 64 } });
    for (const type of VIEW_TYPES)
        base.registerType(type.name, { ctor: type.ctor, fields: type.fields });
    base
        .registerVariable('model', 'Model', { description: 'the model section and element counts' })
        .registerVariable('index', 'Index', { description: 'every element of the model, by kind' })
        .registerVariable('context', 'RunContext', { description: 'today, platform and settings of this run' });
    const days = (date) => {
        const value = activeGraph(scope).daysSince(date);
        if (value === undefined)
            throw new Error(`daysSince expects a date written YYYY-MM-DD, got "${date}"`);
        return BigInt(value);
    };
    const handlers = {
        reachableFromUntrusted: (id) => activeGraph(scope).reachableFromUntrusted(id),
        unauthenticatedPathFromUntrusted: (id) => activeGraph(scope).unauthenticatedPathFromUntrusted(id),
        daysSince: days,
        classificationRank: (c) => BigInt(CLASSIFICATIONS.indexOf(c)),
        severityRank: (s) => BigInt(qualitative_severity_severityRank(s)),
        levelRank: (l) => BigInt(levelRank(l)),
        kbStatus: (kind, id) => knowledgeStatus(activeGraph(scope).knowledgeBase, kind, id),
        kbKnows: (kind, id) => activeGraph(scope).knowledgeBase !== undefined && !['unknown', 'unknown-kb'].includes(knowledgeStatus(activeGraph(scope).knowledgeBase, kind, id)),
        kbName: (kind, id) => knowledgeName(activeGraph(scope).knowledgeBase, kind, id),
        ruleExists: (id) => knownRuleIds.has(id)
    };
    for (const fn of HELPER_FUNCTIONS) {
        const name = fn.signature.slice(0, fn.signature.indexOf('('));
        base.registerFunction(fn.signature, handlers[name], { description: fn.description });
    }
    const environments = {};
    for (const subject of RULE_SUBJECTS) {
        environments[subject] = base.clone().registerVariable('element', SUBJECT_TYPE[subject], { description: `the ${subject} under test` });
    }
    return environments;
}

;// CONCATENATED MODULE: ./src/core/maturity/maturity-context.ts
/*
 * The run context maturity checks read: what the review observed about how the model is used
 * (platform, event, tracker sync, rules, outputs, knowledge base, error findings). The review
 * fills it in; every part is optional, and a missing part reads as "not observed" (false, 0,
 * empty), so a check that needs the evidence fails instead of guessing.
 */
const MATURITY_PLATFORMS = (/* unused pure expression or super */ null && (['github', 'gitlab', 'local']));
const MATURITY_EVENTS = (/* unused pure expression or super */ null && (['pull_request', 'push', 'schedule', 'manual']));
function maturity_context_big(n) {
    return BigInt(Math.trunc(n ?? 0));
}
class TrackerSyncView {
    enabled;
    linkedMitigations;
    drift;
    readBack;
    labels;
    constructor(enabled, linkedMitigations, drift, readBack, labels) {
        this.enabled = enabled;
        this.linkedMitigations = linkedMitigations;
        this.drift = drift;
        this.readBack = readBack;
        this.labels = labels;
    }
}
class RuleCountsView {
    builtin;
    custom;
    constructor(builtin, custom) {
        this.builtin = builtin;
        this.custom = custom;
    }
}
class OutputsView {
    comment;
    summary;
    json;
    sarif;
    codeQuality;
    constructor(comment, summary, json, sarif, codeQuality) {
        this.comment = comment;
        this.summary = summary;
        this.json = json;
        this.sarif = sarif;
        this.codeQuality = codeQuality;
    }
}
class KnowledgeBaseStateView {
    cwe;
    capec;
    attack;
    ageDays;
    organisation;
    constructor(cwe, capec, attack, 
    /** -1 when the review does not know the catalogues' age. */
    ageDays, organisation) {
        this.cwe = cwe;
        this.capec = capec;
        this.attack = attack;
        this.ageDays = ageDays;
        this.organisation = organisation;
    }
}
/** The `context` variable of maturity checks. */
class MaturityContextView {
    today;
    platform;
    event;
    trackerSync;
    rules;
    outputs;
    knowledgeBase;
    errorFindings;
    constructor(today, context) {
        this.today = today;
        const sync = context.trackerSync;
        const outputs = context.outputs ?? {};
        const kb = context.knowledgeBase ?? {};
        this.platform = context.platform ?? '';
        this.event = context.event ?? '';
        this.trackerSync = new TrackerSyncView(sync?.enabled ?? false, [...(sync?.linkedMitigations ?? [])], maturity_context_big(sync?.drift), sync?.readBack ?? false, sync?.labels ?? false);
        this.rules = new RuleCountsView(maturity_context_big(context.rules?.builtin), maturity_context_big(context.rules?.custom));
        this.outputs = new OutputsView(outputs.comment ?? false, outputs.summary ?? false, outputs.json ?? false, outputs.sarif ?? false, outputs.codeQuality ?? false);
        this.knowledgeBase = new KnowledgeBaseStateView(kb.cwe ?? false, kb.capec ?? false, kb.attack ?? false, kb.ageDays === undefined ? -1n : maturity_context_big(kb.ageDays), kb.organisation ?? false);
        this.errorFindings = maturity_context_big(context.errorFindings);
    }
}

;// CONCATENATED MODULE: ./src/core/maturity/maturity-graph.ts

/*
 * Maturity checks need a few fields the rule views leave out (a threat's story and objectives,
 * references to standards, the model's business context, mitigation cost, …). The views below
 * extend the rule views with those fields; the graph subclass makes every relation (a threat's
 * mitigations, a mitigation's threats, index lists) hand out the extended views, because the
 * CEL runtime resolves a value's type by its exact constructor.
 */
/** Severities that make a threat "high" in maturity.md. */
const HIGH_SEVERITIES = new Set(['high', 'critical']);
/** Threat statuses that are a decision in themselves, so the threat needs no mitigation. */
const DECIDED_STATUSES = new Set(['accepted', 'transferred', 'not-applicable']);
/** The model section with its business context, references and intelligence sources. */
class MaturityModelView extends ModelView {
    #loaded;
    constructor(graph) {
        super(graph);
        this.#loaded = graph.loaded;
    }
    get #model() {
        return this.#loaded.document.model;
    }
    get businessDescription() {
        return this.#model.business?.description ?? '';
    }
    get objectives() {
        return this.#model.business?.objectives ?? [];
    }
    get useCases() {
        return this.#model.business?.use_cases ?? [];
    }
    get related() {
        return this.#model.related ?? [];
    }
    get intelligenceSources() {
        return this.#model.intelligence_sources ?? [];
    }
    /** ISO 4217 code of the model's money amounts (`risk.currency`), "" when unstated. */
    get currency() {
        return this.#loaded.document.risk?.currency ?? '';
    }
}
class MaturityThreatView extends ThreatView {
    #graph;
    #threat;
    constructor(graph, threat) {
        super(graph, threat);
        this.#graph = graph;
        this.#threat = threat;
    }
    get prerequisites() {
        return this.#threat.prerequisites ?? '';
    }
    get action() {
        return this.#threat.action ?? '';
    }
    get businessImpact() {
        return this.#threat.business_impact ?? '';
    }
    get objectives() {
        return this.#threat.objectives ?? [];
    }
    get standards() {
        return this.#threat.references?.standards ?? [];
    }
    get links() {
        return this.#threat.references?.links ?? [];
    }
    get origin() {
        return this.#threat.origin ?? '';
    }
    /** Whether the status is written down (the rule view reads a missing status as `open`). */
    get statusStated() {
        return this.#threat.status !== undefined;
    }
    /** Whether the threat is accepted, transferred or not applicable: decided without a mitigation. */
    get decided() {
        return DECIDED_STATUSES.has(this.status);
    }
    /** Whether anything rates the threat: likelihood and impact, or an imported score (CVSS, OWASP, bug bar, Threagile, DREAD). */
    get rated() {
        const risk = this.#threat.risk;
        const matrix = this.likelihood !== '' && this.impact !== '';
        return matrix || risk?.cvss !== undefined || risk?.owasp !== undefined || risk?.bugbar !== undefined || risk?.threagile !== undefined || risk?.dread !== undefined;
    }
    /** Residual severity from the risk assessment when the review supplies it, otherwise the qualitative severity. */
    get residualSeverity() {
        return this.#graph.residualSeverityOf(this.#threat) ?? this.severity;
    }
    /** Residual severity high or critical. */
    get high() {
        return HIGH_SEVERITIES.has(this.residualSeverity);
    }
}
class MaturityMitigationView extends MitigationView {
    #mitigation;
    constructor(graph, mitigation) {
        super(graph, mitigation);
        this.#mitigation = mitigation;
    }
    get standards() {
        return this.#mitigation.references?.standards ?? [];
    }
    get links() {
        return this.#mitigation.references?.links ?? [];
    }
    /** Whether the status is written down (the rule view reads a missing status as `proposed`). */
    get statusStated() {
        return this.#mitigation.status !== undefined;
    }
    /** Whether some effect is a numeric reduction range (`by`), not only a strength word. */
    get quantifiedEffects() {
        return (this.#mitigation.effects ?? []).some((effect) => effect.by !== undefined);
    }
    get costed() {
        return this.#mitigation.cost !== undefined;
    }
}
/** The rule graph with extended views and the path-coverage helper maturity checks use. */
class MaturityGraph extends RuleGraph {
    maturityModel;
    #residual;
    #threatViews = new Map();
    #mitigationViews = new Map();
    #unguarded;
    constructor(loaded, options) {
        super(loaded, { today: options.today, platform: '', staleAfterDays: 0, knowledgeBase: options.knowledgeBase });
        this.#residual = options.residualSeverities ?? {};
        this.maturityModel = new MaturityModelView(this);
    }
    threat(threat) {
        let view = this.#threatViews.get(threat.id);
        if (!view) {
            view = new MaturityThreatView(this, threat);
            this.#threatViews.set(threat.id, view);
        }
        return view;
    }
    mitigation(mitigation) {
        let view = this.#mitigationViews.get(mitigation.id);
        if (!view) {
            view = new MaturityMitigationView(this, mitigation);
            this.#mitigationViews.set(mitigation.id, view);
        }
        return view;
    }
    residualSeverityOf(threat) {
        return Object.hasOwn(this.#residual, threat.id) ? (this.#residual[threat.id] ?? undefined) : undefined;
    }
    /**
     * Components holding a restricted asset that a path of flows from an untrusted (trust 0) zone
     * reaches without crossing any element (component, its zone, flow, or the asset itself) that
     * a mitigated threat targets. Sorted ids, `component/asset`.
     */
    unguardedPathsToRestricted() {
        this.#unguarded ??= this.#findUnguarded();
        return this.#unguarded;
    }
    #findUnguarded() {
        const index = this.index;
        const guarded = new Set();
        for (const threat of index.threats.values()) {
            if ((index.mitigationsByThreat.get(threat.id) ?? []).length === 0)
                continue;
            for (const target of threat.targets ?? [])
                guarded.add(target);
        }
        const componentGuarded = (id) => guarded.has(id) || guarded.has(index.zoneOf(id)?.id ?? '');
        const edges = new Map();
        const addEdge = (from, to) => {
            const list = edges.get(from);
            if (list)
                list.push(to);
            else
                edges.set(from, [to]);
        };
        for (const flow of index.dataflows.values()) {
            if (guarded.has(flow.id))
                continue;
            addEdge(flow.from, flow.to);
            if (flow.bidirectional)
                addEdge(flow.to, flow.from);
        }
        const reached = new Set();
        const queue = [...index.components.keys()].filter((id) => index.trustOf(id) === 0 && !componentGuarded(id));
        while (queue.length > 0) {
            for (const next of edges.get(queue.pop()) ?? []) {
                if (reached.has(next) || componentGuarded(next))
                    continue;
                reached.add(next);
                queue.push(next);
            }
        }
        const unguarded = [];
        for (const id of reached) {
            for (const assetId of index.components.get(id)?.assets ?? []) {
                const asset = index.assets.get(assetId);
                if (asset?.classification === 'restricted' && !guarded.has(assetId))
                    unguarded.push(`${id}/${assetId}`);
            }
        }
        return unguarded.sort();
    }
}

;// CONCATENATED MODULE: ./src/core/maturity/maturity-environment.ts







/*
 * The CEL environment maturity checks compile in: the rule views (with the maturity extensions
 * registered under the same type names), the maturity run context, and the rules' helper
 * functions plus two of our own. Everything is declared, so a typo in a check file is a type
 * error when the checks load.
 */
const maturity_environment_S = 'string';
const maturity_environment_B = 'bool';
const maturity_environment_I = 'int';
const maturity_environment_STRINGS = 'list<string>';
const MODEL_EXTRA = {
    businessDescription: maturity_environment_S, objectives: maturity_environment_STRINGS, useCases: maturity_environment_STRINGS, related: maturity_environment_STRINGS, intelligenceSources: maturity_environment_STRINGS, currency: maturity_environment_S
};
const THREAT_EXTRA = {
    prerequisites: maturity_environment_S, action: maturity_environment_S, businessImpact: maturity_environment_S, objectives: maturity_environment_STRINGS, standards: maturity_environment_STRINGS, links: maturity_environment_STRINGS, origin: maturity_environment_S,
    statusStated: maturity_environment_B, decided: maturity_environment_B, rated: maturity_environment_B, residualSeverity: maturity_environment_S, high: maturity_environment_B
};
const MITIGATION_EXTRA = {
    standards: maturity_environment_STRINGS, links: maturity_environment_STRINGS, statusStated: maturity_environment_B, quantifiedEffects: maturity_environment_B, costed: maturity_environment_B
};
const TRACKER_FIELDS = { enabled: maturity_environment_B, linkedMitigations: maturity_environment_STRINGS, drift: maturity_environment_I, readBack: maturity_environment_B, labels: maturity_environment_B };
const RULE_COUNT_FIELDS = { builtin: maturity_environment_I, custom: maturity_environment_I };
const OUTPUT_FIELDS = { comment: maturity_environment_B, summary: maturity_environment_B, json: maturity_environment_B, sarif: maturity_environment_B, codeQuality: maturity_environment_B };
const KB_STATE_FIELDS = { cwe: maturity_environment_B, capec: maturity_environment_B, attack: maturity_environment_B, ageDays: maturity_environment_I, organisation: maturity_environment_B };
const maturity_environment_CONTEXT_FIELDS = {
    today: maturity_environment_S, platform: maturity_environment_S, event: maturity_environment_S, trackerSync: 'TrackerSync', rules: 'RuleCounts', outputs: 'Outputs', knowledgeBase: 'KnowledgeBaseState', errorFindings: maturity_environment_I
};
/** Replacements of rule view types by their maturity extensions. */
const EXTENDED = {
    Model: { ctor: MaturityModelView, extra: MODEL_EXTRA },
    Threat: { ctor: MaturityThreatView, extra: THREAT_EXTRA },
    Mitigation: { ctor: MaturityMitigationView, extra: MITIGATION_EXTRA }
};
/** Helper functions available to checks, with a one-line description each (for docs). */
const MATURITY_HELPERS = [
    { signature: 'percent(int, int): int', description: 'part × 100 / whole, rounded down; 0 when the whole is 0' },
    { signature: 'unguardedPathsToRestricted(): list<string>', description: '`component/asset` pairs holding restricted data that an untrusted zone reaches without crossing a mitigated threat' },
    { signature: 'reachableFromUntrusted(string): bool', description: 'a path of flows leads from a component in a trust-0 zone to the component with this id' },
    { signature: 'daysSince(string): int', description: 'whole days from a YYYY-MM-DD date to today (negative for future dates); an error for anything else' },
    { signature: 'classificationRank(string): int', description: 'public 0, internal 1, confidential 2, restricted 3, anything else -1' },
    { signature: 'severityRank(string): int', description: 'info 0 … critical 4, anything else (unrated) -1' },
    { signature: 'levelRank(string): int', description: 'very-low 0 … very-high 4, anything else -1' },
    { signature: 'kbStatus(string, string): string', description: 'status of an id in the cwe/capec/attack catalogue: its status, "unknown", or "unknown-kb" when not loaded' },
    { signature: 'kbKnows(string, string): bool', description: 'the catalogue is loaded and holds the id' },
    { signature: 'kbName(string, string): string', description: 'the catalogue name of an id, "" when unknown' }
];
function maturity_environment_activeGraph(scope) {
    if (!scope.graph)
        throw new Error('helper functions are only available while maturity checks run');
    return scope.graph;
}
/** Builds the environment maturity checks are compiled in; helper functions read `scope.graph`. */
function createMaturityEnvironment(scope) {
    const env = new lib/* Environment */.OH({ limits: { maxAstNodes: 5000, maxDepth: 64 } });
    for (const type of VIEW_TYPES) {
        // The rules' run context is replaced by the maturity context below.
        if (type.name === 'RunContext')
            continue;
        const extended = EXTENDED[type.name];
        const fields = extended ? { ...type.fields, ...extended.extra } : type.fields;
        env.registerType(type.name, { ctor: extended ? extended.ctor : type.ctor, fields });
    }
    env
        .registerType('TrackerSync', { ctor: TrackerSyncView, fields: TRACKER_FIELDS })
        .registerType('RuleCounts', { ctor: RuleCountsView, fields: RULE_COUNT_FIELDS })
        .registerType('Outputs', { ctor: OutputsView, fields: OUTPUT_FIELDS })
        .registerType('KnowledgeBaseState', { ctor: KnowledgeBaseStateView, fields: KB_STATE_FIELDS })
        .registerType('MaturityContext', { ctor: MaturityContextView, fields: maturity_environment_CONTEXT_FIELDS })
        .registerVariable('model', 'Model', { description: 'the model section, its business context and element counts' })
        .registerVariable('index', 'Index', { description: 'every element of the model, by kind' })
        .registerVariable('context', 'MaturityContext', { description: 'what the review observed: platform, event, tracker sync, rules, outputs, knowledge base' })
        .registerVariable('threshold', 'int', { description: "the check's threshold, after any configured override (0 when it has none)" });
    const handlers = {
        percent: (part, whole) => (whole === 0n ? 0n : (part * 100n) / whole),
        unguardedPathsToRestricted: () => maturity_environment_activeGraph(scope).unguardedPathsToRestricted(),
        reachableFromUntrusted: (id) => maturity_environment_activeGraph(scope).reachableFromUntrusted(id),
        daysSince: (date) => {
            const days = maturity_environment_activeGraph(scope).daysSince(date);
            if (days === undefined)
                throw new Error(`daysSince expects a date written YYYY-MM-DD, got "${date}"`);
            return BigInt(days);
        },
        classificationRank: (c) => BigInt(CLASSIFICATIONS.indexOf(c)),
        severityRank: (s) => BigInt(qualitative_severity_severityRank(s)),
        levelRank: (l) => BigInt(levelRank(l)),
        kbStatus: (kind, id) => knowledgeStatus(maturity_environment_activeGraph(scope).knowledgeBase, kind, id),
        kbKnows: (kind, id) => !['unknown', 'unknown-kb'].includes(knowledgeStatus(maturity_environment_activeGraph(scope).knowledgeBase, kind, id)),
        kbName: (kind, id) => knowledgeName(maturity_environment_activeGraph(scope).knowledgeBase, kind, id)
    };
    for (const helper of MATURITY_HELPERS) {
        const name = helper.signature.slice(0, helper.signature.indexOf('('));
        env.registerFunction(helper.signature, handlers[name], { description: helper.description });
    }
    return env;
}

;// CONCATENATED MODULE: ./src/core/maturity/maturity-schema.ts



const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const THRESHOLD_PLACEHOLDER = '{threshold}';
/** How a measure is shown: `now 55 %`, `now 200 days`, `now 3`. */
const MEASURE_UNITS = ['percent', 'days', 'count'];
const Expression = schemas/* string */.YjP().trim().min(1, { error: 'expected a CEL expression' }).max(10_000);
const KebabId = schemas/* string */.YjP().regex(KEBAB, { error: 'expected a kebab-case id: lower-case letters and digits joined by `-`' }).max(100);
/** A tunable number a check compares its measure with; organisations override it by name. */
const CheckThreshold = schemas/* strictObject */.rej({
    name: KebabId,
    default: schemas/* number */.aig().int().min(0),
    /** Without a `condition`: `at-least` passes when measure ≥ threshold (default), `at-most` when measure ≤ threshold; a negative measure fails. */
    direction: schemas/* enum */.k5n(['at-least', 'at-most']).optional()
});
/** One maturity check: a one-line explanation and CEL over the model graph and the run context. */
const MaturityCheck = schemas/* strictObject */.rej({
    id: KebabId,
    explanation: schemas/* string */.YjP()
        .trim()
        .min(1)
        .max(200)
        .refine((text) => !/[\r\n]/.test(text), { error: 'an explanation is one line' }),
    condition: Expression.optional(),
    measure: Expression.optional(),
    unit: schemas/* enum */.k5n(MEASURE_UNITS).optional(),
    threshold: CheckThreshold.optional(),
    offenders: Expression.optional()
})
    .superRefine((check, ctx) => {
    if (check.condition === undefined && (check.measure === undefined || check.threshold === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['condition'], message: 'a check needs a `condition`, or a `measure` with a `threshold` it must reach' });
    }
    if (check.measure !== undefined && check.unit === undefined) {
        ctx.addIssue({ code: 'custom', path: ['unit'], message: 'a `measure` needs a `unit` (percent, days or count) so the report can say "now 55 %"' });
    }
    if (check.unit !== undefined && check.measure === undefined) {
        ctx.addIssue({ code: 'custom', path: ['unit'], message: '`unit` only goes with a `measure`' });
    }
    const placeholder = check.explanation.includes(THRESHOLD_PLACEHOLDER);
    if (check.threshold !== undefined && !placeholder) {
        ctx.addIssue({ code: 'custom', path: ['explanation'], message: `a check with a threshold names it in its explanation as ${THRESHOLD_PLACEHOLDER}, so tuned values show up in the report` });
    }
    else if (check.threshold === undefined && placeholder) {
        ctx.addIssue({ code: 'custom', path: ['explanation'], message: `${THRESHOLD_PLACEHOLDER} needs a \`threshold\` on the check` });
    }
    if (check.unit === 'percent' && check.threshold !== undefined && check.threshold.default > 100) {
        ctx.addIssue({ code: 'custom', path: ['threshold', 'default'], message: 'a percentage threshold is at most 100' });
    }
});
const Checks = schemas/* array */.YOg(MaturityCheck);
/** One category file: id, title, the checks of levels 1–4, and when the tool can assess it at all. */
const MaturityCategoryFile = schemas/* strictObject */.rej({
    id: KebabId,
    title: schemas/* string */.YjP().trim().min(1).max(200),
    /** CEL: whether the tool can observe this category's evidence; without it the category is always assessed. */
    assessed_when: Expression.optional(),
    /** Why the category is not assessed when `assessed_when` is false. */
    not_assessed: schemas/* string */.YjP().trim().min(1).max(300).optional(),
    levels: schemas/* strictObject */.rej({ 1: Checks, 2: Checks, 3: Checks, 4: Checks })
})
    .superRefine((file, ctx) => {
    if ((file.assessed_when === undefined) !== (file.not_assessed === undefined)) {
        ctx.addIssue({ code: 'custom', path: [file.assessed_when === undefined ? 'not_assessed' : 'assessed_when'], message: '`assessed_when` and `not_assessed` go together' });
    }
    if (file.levels[1].length === 0)
        ctx.addIssue({ code: 'custom', path: ['levels', '1'], message: 'level 1 needs at least one check' });
    let undefinedFrom;
    const seen = new Set();
    for (const level of MATURITY_LEVELS) {
        const checks = file.levels[level];
        if (checks.length === 0)
            undefinedFrom ??= level;
        else if (undefinedFrom !== undefined) {
            ctx.addIssue({ code: 'custom', path: ['levels', String(level)], message: `level ${level} can never be reached: level ${undefinedFrom} has no checks, which ends the category there` });
        }
        checks.forEach((check, i) => {
            if (seen.has(check.id))
                ctx.addIssue({ code: 'custom', path: ['levels', String(level), i, 'id'], message: `check id \`${check.id}\` is used twice in category ${file.id}` });
            seen.add(check.id);
        });
    }
});
const MATURITY_LEVELS = [1, 2, 3, 4];
const SCHEMA_CONTEXT = {
    rootSchema: MaturityCategoryFile,
    ownerAt: (root) => {
        const id = root !== null && typeof root === 'object' ? root.id : undefined;
        return typeof id === 'string' ? { kind: 'maturity category', id } : undefined;
    }
};
/** Parses and validates one maturity category file; problems name file, line and column. */
function parseMaturityCategoryFile(file, text) {
    const prefix = (p) => ({ ...p, code: p.code.startsWith('maturity/') ? p.code : `maturity/${p.code}` });
    const parsed = parseYamlDocument(file, text);
    if (!parsed.ok)
        return { category: undefined, problems: parsed.problems.map(prefix) };
    const { value, sourceMap } = parsed.document;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        const message = 'a maturity category file holds one mapping with `id`, `title` and `levels` (1–4, each a list of checks)';
        return { category: undefined, problems: [{ file, line: 1, column: 1, path: '', severity: 'error', code: 'maturity/not-a-mapping', message }] };
    }
    const result = MaturityCategoryFile.safeParse(value);
    if (!result.success) {
        return { category: undefined, problems: result.error.issues.flatMap((issue) => issueToProblems(file, issue, value, sourceMap, SCHEMA_CONTEXT)).map(prefix) };
    }
    return { category: { file, category: result.data, sourceMap }, problems: [] };
}
/** The explanation with its threshold filled in. */
function explainCheck(check, threshold) {
    return threshold === undefined ? check.explanation : check.explanation.split(THRESHOLD_PLACEHOLDER).join(String(threshold));
}

;// CONCATENATED MODULE: ./src/core/maturity/maturity-check-set.ts




/** The fifteen categories of maturity.md, in the order reports list them. */
const MATURITY_CATEGORY_IDS = [
    'inventory',
    'architecture',
    'threat-categorization',
    'mitigation-categorization',
    'static-analysis',
    'dynamic-analysis',
    'root-cause-analysis',
    'reporting',
    'knowledge-base',
    'severity',
    'issue-tracker',
    'monitoring',
    'osint',
    'risk-management',
    'value-stream'
];
/** Loads, validates and compiles maturity category files (the embedded ones by default). */
function loadMaturityChecks(files = MATURITY_CHECK_FILES) {
    const problems = [];
    const scope = { graph: undefined };
    const env = createMaturityEnvironment(scope);
    const categories = [];
    const firstFile = new Map();
    const thresholds = new Map();
    for (const file of files) {
        const result = parseMaturityCategoryFile(file.path, file.text);
        problems.push(...result.problems);
        if (!result.category)
            continue;
        const parsed = result.category;
        const { category, sourceMap } = parsed;
        const error = (path, code, message) => ({
            file: file.path,
            ...sourceMap.locate(path),
            path: (0,core_problems/* formatDocumentPath */.qe)(path),
            severity: 'error',
            code,
            message,
            elementId: category.id
        });
        const first = firstFile.get(category.id);
        if (first !== undefined) {
            problems.push(error(['id'], 'maturity/duplicate-category', `maturity category \`${category.id}\` is already defined in ${first}`));
            continue;
        }
        firstFile.set(category.id, file.path);
        let ok = true;
        const compile = (path, source, expected, what) => {
            let expression;
            try {
                expression = env.parse(source);
            }
            catch (failure) {
                problems.push(error(path, 'maturity/cel-syntax', `${what} is not valid CEL: ${describeFailure(failure)}`));
                ok = false;
                return undefined;
            }
            const checked = expression.check();
            if (!checked.valid) {
                problems.push(error(path, 'maturity/cel-type', `${what} does not type-check: ${describeFailure(checked.error)}`));
                ok = false;
                return undefined;
            }
            if (checked.type !== expected) {
                problems.push(error(path, 'maturity/cel-type', `${what} must be a ${expected} expression, but it is ${checked.type ?? 'of unknown type'}`));
                ok = false;
                return undefined;
            }
            return expression;
        };
        const assessedWhen = category.assessed_when === undefined ? undefined : compile(['assessed_when'], category.assessed_when, 'bool', `\`assessed_when\` of category ${category.id}`);
        const levels = MATURITY_LEVELS.map((level) => category.levels[level].map((check, i) => {
            const at = (key) => ['levels', String(level), i, key];
            const name = `check ${category.id}.${check.id}`;
            const compiled = {
                id: check.id,
                category: category.id,
                level,
                definition: check,
                condition: check.condition === undefined ? undefined : compile(at('condition'), check.condition, 'bool', `\`condition\` of ${name}`),
                measure: check.measure === undefined ? undefined : compile(at('measure'), check.measure, 'int', `\`measure\` of ${name}`),
                offenders: check.offenders === undefined ? undefined : compile(at('offenders'), check.offenders, 'list<string>', `\`offenders\` of ${name}`),
                file: file.path,
                path: ['levels', String(level), i],
                position: sourceMap.locate(['levels', String(level), i])
            };
            if (check.threshold)
                ok = registerThreshold(thresholds, compiled, parsed, problems) && ok;
            return compiled;
        }));
        if (!ok)
            continue;
        categories.push({
            id: category.id,
            title: category.title,
            file: file.path,
            assessedWhen,
            assessedWhenPosition: sourceMap.locate(['assessed_when']),
            notAssessed: category.not_assessed,
            levels
        });
    }
    categories.sort(compareCategories);
    return { checkSet: { categories, thresholds, scope }, problems: problems.sort(core_problems/* compareProblems */.im) };
}
function registerThreshold(thresholds, check, parsed, problems) {
    const declared = check.definition.threshold;
    const direction = declared.direction ?? 'at-least';
    const existing = thresholds.get(declared.name);
    const usedBy = `${check.category}.${check.id}`;
    if (!existing) {
        thresholds.set(declared.name, { name: declared.name, default: declared.default, unit: check.definition.unit, direction, usedBy: [usedBy] });
        return true;
    }
    if (existing.default === declared.default && existing.unit === check.definition.unit && existing.direction === direction) {
        existing.usedBy.push(usedBy);
        return true;
    }
    const path = [...check.path, 'threshold'];
    problems.push({
        file: parsed.file,
        ...parsed.sourceMap.locate(path),
        path: (0,core_problems/* formatDocumentPath */.qe)(path),
        severity: 'error',
        code: 'maturity/threshold-conflict',
        message: `threshold \`${declared.name}\` of check ${usedBy} differs from its use in ${existing.usedBy.join(', ')} (default, unit or direction); checks sharing a threshold name must agree`,
        elementId: check.category
    });
    return false;
}
function compareCategories(a, b) {
    const order = (id) => {
        const i = MATURITY_CATEGORY_IDS.indexOf(id);
        return i < 0 ? MATURITY_CATEGORY_IDS.length : i;
    };
    return order(a.id) - order(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
function describeFailure(failure) {
    return failure.summary ?? failure.message.split('\n')[0];
}
/** Applies configured threshold overrides; unknown names and out-of-range values are warnings that name the setting. */
function resolveThresholds(checkSet, overrides = {}, source = {}) {
    const values = new Map();
    for (const [name, definition] of checkSet.thresholds)
        values.set(name, definition.default);
    const problems = [];
    const base = source.path ?? ['maturity', 'thresholds'];
    const warn = (name, message) => {
        const path = [...base, name];
        problems.push({
            file: source.configFile ?? '.threatloop.yaml',
            ...(source.configSourceMap?.locate(path) ?? { line: 1, column: 1 }),
            path: (0,core_problems/* formatDocumentPath */.qe)(path),
            severity: 'warning',
            code: 'config/maturity-threshold',
            message
        });
    };
    for (const [name, value] of Object.entries(overrides)) {
        const definition = checkSet.thresholds.get(name);
        if (!definition) {
            const suggestion = (0,core_problems/* suggestClosest */.y6)(name, checkSet.thresholds.keys());
            const known = [...checkSet.thresholds.keys()].sort().join(', ');
            warn(name, `unknown maturity threshold \`${name}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''} (known: ${known})`);
            continue;
        }
        const max = definition.unit === 'percent' ? 100 : Number.MAX_SAFE_INTEGER;
        if (!Number.isInteger(value) || value < 0 || value > max) {
            const range = definition.unit === 'percent' ? 'a whole number from 0 to 100' : 'a whole number ≥ 0';
            warn(name, `maturity threshold \`${name}\` must be ${range}, got ${String(value)}; using the default ${definition.default}`);
            continue;
        }
        values.set(name, value);
    }
    return { values, problems };
}

;// CONCATENATED MODULE: ./src/core/maturity/assess-maturity.ts




const MAX_OFFENDERS_SHOWN = 5;
let embedded;
/** The embedded checks, compiled once per process; they are validated by the test suite, so problems here are a build defect. */
function embeddedMaturityChecks() {
    if (!embedded) {
        const { checkSet, problems } = loadMaturityChecks();
        const errors = problems.filter((p) => p.severity === 'error');
        if (errors.length > 0)
            throw new Error(`the embedded maturity checks are invalid: ${errors[0].file}:${errors[0].line}: ${errors[0].message}`);
        embedded = checkSet;
    }
    return embedded;
}
/** Scores one model on every maturity category: level, passing and failing checks, next step. */
function assessMaturity(loaded, context, options) {
    const checkSet = options.checks ?? embeddedMaturityChecks();
    const { values: thresholds, problems } = resolveThresholds(checkSet, options.thresholds);
    const graph = new MaturityGraph(loaded, { today: options.today, knowledgeBase: options.knowledgeBase, residualSeverities: options.residualSeverities });
    const base = { model: graph.maturityModel, index: graph.indexView, context: new MaturityContextView(options.today, context) };
    const categories = [];
    checkSet.scope.graph = graph;
    try {
        for (const category of checkSet.categories) {
            categories.push(assessCategory(category, base, thresholds, loaded.file, problems));
        }
    }
    finally {
        checkSet.scope.graph = undefined;
    }
    return { modelId: graph.index.modelId, file: loaded.file, categories, problems };
}
function assessCategory(category, base, thresholds, modelFile, problems) {
    const maxLevel = category.levels.filter((checks) => checks.length > 0).length;
    const assessment = { id: category.id, title: category.title, assessed: true, level: 0, maxLevel, passing: [], failing: [] };
    if (category.assessedWhen) {
        const observable = evaluate(category.assessedWhen, { ...base, threshold: 0n });
        if (observable.error !== undefined) {
            problems.push(evaluationProblem(category.file, category.assessedWhenPosition, `\`assessed_when\` of category ${category.id}`, modelFile, observable.error, category.id));
        }
        if (observable.value !== true) {
            assessment.assessed = false;
            assessment.notAssessedReason = category.notAssessed;
            return assessment;
        }
    }
    const results = category.levels.map((checks) => checks.map((check) => runCheck(check, base, thresholds, modelFile, problems)));
    let level = 0;
    while (level < maxLevel && results[level].every((r) => r.passed))
        level++;
    assessment.level = level;
    for (const result of results.flat())
        (result.passed ? assessment.passing : assessment.failing).push(result);
    if (level < maxLevel) {
        const next = results[level].find((r) => !r.passed);
        assessment.nextStep = { level: level + 1, check: next, text: `to reach level ${level + 1}: ${describeProgress(next)}` };
    }
    return assessment;
}
function runCheck(check, base, thresholds, modelFile, problems) {
    const declared = check.definition.threshold;
    const threshold = declared === undefined ? undefined : (thresholds.get(declared.name) ?? declared.default);
    const variables = { ...base, threshold: BigInt(threshold ?? 0) };
    const result = { id: `${check.category}.${check.id}`, level: check.level, explanation: explainCheck(check.definition, threshold), passed: false };
    const fail = (what, error) => {
        result.passed = false;
        result.error = error;
        problems.push(evaluationProblem(check.file, check.position, `${what} of check ${result.id}`, modelFile, error, check.category));
        return result;
    };
    if (check.measure) {
        const measured = evaluate(check.measure, variables);
        if (measured.error !== undefined)
            return fail('`measure`', measured.error);
        // A negative measure means there is nothing to measure yet (e.g. no review date); it is not shown.
        const value = Number(measured.value);
        if (value >= 0) {
            result.measure = { value, unit: check.definition.unit };
            if (threshold !== undefined)
                result.measure.threshold = threshold;
        }
    }
    if (check.condition) {
        const outcome = evaluate(check.condition, variables);
        if (outcome.error !== undefined)
            return fail('`condition`', outcome.error);
        result.passed = outcome.value === true;
    }
    else if (result.measure) {
        const value = result.measure.value;
        result.passed = declared.direction === 'at-most' ? value <= threshold : value >= threshold;
    }
    if (!result.passed && check.offenders) {
        const listed = evaluate(check.offenders, variables);
        if (listed.error !== undefined)
            return fail('`offenders`', listed.error);
        const offenders = listed.value;
        if (offenders.length > 0)
            result.offenders = offenders;
    }
    return result;
}
function evaluate(expression, variables) {
    try {
        return { value: expression(variables) };
    }
    catch (error) {
        return { error: error instanceof Error ? (error.summary ?? error.message.split('\n')[0]) : String(error) };
    }
}
function evaluationProblem(file, position, what, modelFile, error, category) {
    return { file, ...position, path: '', severity: 'error', code: 'maturity/evaluation-error', message: `${what} failed on ${modelFile}: ${error}`, elementId: category };
}
/** The explanation with the measured progress and the first offenders: `… (now 55 %; not yet: T-3, T-4)`. */
function describeProgress(result) {
    const notes = [];
    if (result.measure)
        notes.push(`now ${formatMeasure(result.measure)}`);
    if (result.offenders && result.offenders.length > 0) {
        const shown = result.offenders.slice(0, MAX_OFFENDERS_SHOWN).join(', ');
        const more = result.offenders.length - MAX_OFFENDERS_SHOWN;
        notes.push(`not yet: ${shown}${more > 0 ? ` and ${more} more` : ''}`);
    }
    if (result.error !== undefined)
        notes.push(`could not be evaluated: ${result.error}`);
    return notes.length > 0 ? `${result.explanation} (${notes.join('; ')})` : result.explanation;
}
function formatMeasure(measure) {
    if (measure.unit === 'percent')
        return `${measure.value} %`;
    if (measure.unit === 'days')
        return `${measure.value} ${measure.value === 1 ? 'day' : 'days'}`;
    return String(measure.value);
}

;// CONCATENATED MODULE: ./src/core/maturity/compare-maturity.ts

/**
 * Compares the maturity of a model at base and head. A category that is not assessed counts as
 * level 0, so losing the evidence that made it assessable is a move down; a model or category
 * that is new at head has no base and does not move.
 */
function compareMaturity(base, head) {
    const baseById = new Map((base?.categories ?? []).map((c) => [c.id, c]));
    const categories = head.categories.map((after) => compareCategory(baseById.get(after.id), after));
    const moved = categories.filter((c) => c.move !== 'same');
    return { modelId: head.modelId, categories, moved, regressed: moved.some((c) => c.move === 'down') };
}
function compareCategory(before, after) {
    const result = { id: after.id, title: after.title, head: { level: after.level, assessed: after.assessed }, move: 'same' };
    if (!before)
        return result;
    result.base = { level: before.level, assessed: before.assessed };
    if (after.level === before.level)
        return result;
    result.move = after.level > before.level ? 'up' : 'down';
    if (before.assessed && !after.assessed) {
        result.reason = `no longer assessed: ${after.notAssessedReason ?? 'the evidence is gone'}`;
        return result;
    }
    if (!before.assessed && after.assessed) {
        result.reason = 'now assessed';
        return result;
    }
    // Going down, some check of the first level head lost passed at base; going up, some check of
    // the first level head gained failed at base.
    const level = Math.min(before.level, after.level) + 1;
    const beforeResults = new Map([...before.passing, ...before.failing].map((r) => [r.id, r]));
    const candidates = (result.move === 'down' ? after.failing : after.passing).filter((r) => r.level === level);
    const flipped = candidates.find((r) => beforeResults.get(r.id)?.passed === (result.move === 'down'));
    if (flipped) {
        result.flipped = flipped;
        result.reason = result.move === 'down' ? `no longer passes: ${describeProgress(flipped)}` : `now passes: ${flipped.explanation}`;
    }
    return result;
}

;// CONCATENATED MODULE: ./src/core/maturity/index.ts





;// CONCATENATED MODULE: ./src/core/rules/run-rules.ts


/** Default for `context.staleAfterDays`. */
const DEFAULT_STALE_AFTER_DAYS = 180;
/** Runs every enabled rule of the set over one loaded model and applies the model's suppressions. */
function runRules(loaded, ruleSet, options) {
    const graph = new RuleGraph(loaded, {
        today: options.today,
        platform: options.platform ?? '',
        staleAfterDays: options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS,
        knowledgeBase: options.knowledgeBase
    });
    const findings = [];
    const problems = [];
    const seen = new Set();
    // Helper functions (reachability, daysSince, kb lookups) answer about this graph while it runs.
    ruleSet.scope.graph = graph;
    try {
        for (const rule of ruleSet.rules) {
            if (!rule.enabled)
                continue;
            let failures = 0;
            let firstFailure;
            for (const subject of graph.subjects(rule.subject)) {
                const context = { model: graph.model, index: graph.indexView, context: graph.context, element: subject };
                try {
                    if (rule.condition(context) !== true)
                        continue;
                    const finding = buildFinding(rule, subject, context, graph, loaded);
                    if (seen.has(finding.id))
                        continue;
                    seen.add(finding.id);
                    findings.push(finding);
                }
                catch (error) {
                    failures++;
                    firstFailure ??= { elementId: subject.id, message: error instanceof Error ? (error.summary ?? error.message.split('\n')[0]) : String(error) };
                }
            }
            if (firstFailure) {
                const more = failures > 1 ? ` (and ${failures - 1} more elements)` : '';
                problems.push({
                    file: rule.file,
                    ...rule.conditionPosition,
                    path: 'condition',
                    severity: 'error',
                    code: 'rule/evaluation-error',
                    message: `rule ${rule.id} failed on ${rule.subject} ${firstFailure.elementId} of ${loaded.file}: ${firstFailure.message}${more}`,
                    elementId: rule.id
                });
            }
        }
    }
    finally {
        ruleSet.scope.graph = undefined;
    }
    applySuppressions(findings, loaded.document.suppressions ?? [], graph.index.modelId, options.today);
    findings.sort(compareFindingPositions);
    return { findings, problems };
}
function buildFinding(rule, subject, context, graph, loaded) {
    let elementIds = rule.elements ? rule.elements(context) : [subject.id];
    if (elementIds.length === 0)
        elementIds = [subject.id];
    const path = graph.pathOf(elementIds[0]) ?? graph.pathOf(subject.id) ?? [];
    const finding = {
        id: findingId(rule.id, elementIds),
        ruleId: rule.id,
        title: rule.title,
        severity: rule.severity,
        message: renderMessage(rule.message, context),
        modelId: graph.index.modelId,
        file: loaded.file,
        elementIds,
        position: loaded.sourceMap.locate(path)
    };
    if (rule.definition.category)
        finding.category = rule.definition.category;
    if (rule.definition.cwe && rule.definition.cwe.length > 0)
        finding.cwe = [...rule.definition.cwe];
    return finding;
}
/** Fills a message template's placeholders from the evaluation context. */
function renderMessage(parts, context) {
    let out = '';
    for (const part of parts)
        out += 'text' in part ? part.text : formatValue(part.expression(context));
    return out;
}
function formatValue(value) {
    if (value === null || value === undefined)
        return '';
    if (Array.isArray(value))
        return value.map(formatValue).join(', ');
    if (typeof value === 'object') {
        const id = value.id;
        return typeof id === 'string' ? id : JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
    }
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
        return String(value);
    return '';
}
/** Whether a suppression silences a finding: same rule, and the target is the model, the finding's element ids, or one of them. */
function suppressionMatches(suppression, finding, modelId) {
    if (suppression.rule !== finding.ruleId)
        return false;
    const target = suppression.target;
    return target === modelId || target === finding.elementIds.join('+') || finding.elementIds.includes(target);
}
function applySuppressions(findings, suppressions, modelId, today) {
    // An expired suppression silences nothing; the `suppression-expired` rule reports it instead.
    const active = suppressions.filter((s) => s.expires === undefined || s.expires >= today);
    if (active.length === 0)
        return;
    for (const finding of findings) {
        const suppression = active.find((s) => suppressionMatches(s, finding, modelId));
        if (!suppression)
            continue;
        finding.suppressed = {};
        if (suppression.reason !== undefined)
            finding.suppressed.reason = suppression.reason;
        if (suppression.approved_by !== undefined)
            finding.suppressed.approvedBy = suppression.approved_by;
        if (suppression.expires !== undefined)
            finding.suppressed.expires = suppression.expires;
    }
}
function compareFindingPositions(a, b) {
    if (a.position.line !== b.position.line)
        return a.position.line - b.position.line;
    if (a.position.column !== b.position.column)
        return a.position.column - b.position.column;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
/** Compares base and head findings by their stable ids; suppressed findings count as not active. */
function run_rules_compareFindings(base, head) {
    const baseActive = new Map(base.filter((f) => !f.suppressed).map((f) => [f.id, f]));
    const headById = new Map(head.map((f) => [f.id, f]));
    const result = { new: [], fixed: [], unchanged: [], suppressed: [] };
    for (const finding of head) {
        if (finding.suppressed) {
            if (baseActive.has(finding.id))
                result.suppressed.push(finding);
        }
        else if (baseActive.has(finding.id))
            result.unchanged.push(finding);
        else
            result.new.push(finding);
    }
    for (const finding of baseActive.values())
        if (!headById.has(finding.id))
            result.fixed.push(finding);
    return result;
}

;// CONCATENATED MODULE: ./src/core/tracker/plan-issue-sync.ts



const OPEN_STATUSES = new Set(['proposed', 'planned', 'in-progress']);
const DONE_STATUSES = new Set(['implemented', 'verified', 'existing']);
const MARKER_PATTERN = /<!-- threatloop:mitigation:([^\s>]+) -->/;
const HASH_PATTERN = /<!-- threatloop:hash:([0-9a-f]+) -->/;
/** The hidden marker that ties an issue to a mitigation. */
function mitigationMarker(key) {
    return `<!-- threatloop:mitigation:${key} -->`;
}
/** The mitigation key an issue body carries, if any. */
function issueKey(body) {
    return MARKER_PATTERN.exec(body)?.[1];
}
function sanitizeTitle(text) {
    // Titles are plain text, but keep them one line and bounded.
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    const one = text.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
    return one.length > 200 ? `${one.slice(0, 199)}…` : one;
}
function ownerAsUser(owner) {
    if (!owner)
        return undefined;
    const name = owner.replace(/^@/, '');
    return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(name) ? name : undefined;
}
/** The issue each mitigation of the head models should have. */
function desiredMitigationIssues(models, settings, link = {}) {
    const desired = [];
    for (const model of models) {
        const addressing = new Map();
        for (const threat of model.document.threats ?? [])
            for (const id of new Set(threat.mitigations ?? [])) {
                const list = addressing.get(id);
                if (list)
                    list.push(threat);
                else
                    addressing.set(id, [threat]);
            }
        for (const mitigation of model.document.mitigations ?? []) {
            const status = mitigation.status ?? 'proposed';
            const addressed = addressing.get(mitigation.id) ?? [];
            let severity = null;
            for (const threat of addressed) {
                const s = model.threatSeverity.get(threat.id) ?? null;
                if (s && (severity === null || SEVERITY_RANK[s] > SEVERITY_RANK[severity]))
                    severity = s;
            }
            const key = `${model.modelId}/${mitigation.id}`;
            const labels = [settings.label, ...settings.extraLabels];
            if (severity)
                labels.push(`severity:${severity}`);
            if (mitigation.type)
                labels.push(`mitigation:${mitigation.type}`);
            const title = sanitizeTitle(`${mitigation.title} (${key})`);
            const content = issueBody(model, mitigation, addressed, link);
            // The link names the commit of this run; hashing without it keeps unchanged issues untouched on every push.
            const unlinked = link.repositoryUrl && link.commit ? issueBody(model, mitigation, addressed, {}) : content;
            const hash = sha256Hex(JSON.stringify([title, unlinked, [...labels].sort()])).slice(0, 16);
            const open = OPEN_STATUSES.has(status);
            desired.push({
                key,
                modelId: model.modelId,
                mitigationId: mitigation.id,
                status,
                state: open ? 'open' : 'closed',
                closeReason: open ? undefined : DONE_STATUSES.has(status) ? 'completed' : 'not_planned',
                title,
                body: `${mitigationMarker(key)}\n<!-- threatloop:hash:${hash} -->\n${content}`,
                hash,
                labels: [...new Set(labels)],
                assignee: settings.assignOwners ? ownerAsUser(mitigation.owner) : undefined,
                severity
            });
        }
    }
    return desired.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
function issueBody(model, mitigation, addressed, link) {
    const lines = [];
    lines.push(`**Mitigation** ${escapeInline(mitigation.id)}: ${escapeInline(mitigation.title)}`);
    const facts = [
        `status: ${mitigation.status ?? 'proposed'}`,
        mitigation.type ? `type: ${mitigation.type}` : undefined,
        mitigation.roadmap ? `roadmap: ${mitigation.roadmap}` : undefined,
        mitigation.owner ? `owner: ${escapeInline(mitigation.owner)}` : undefined
    ].filter((f) => f !== undefined);
    lines.push('', facts.join(' · '));
    lines.push('', '### What to do', '', mitigation.description ? escapeBlock(mitigation.description) : '_No description in the model._');
    lines.push('', '### Verification', '', mitigation.verification ? escapeBlock(mitigation.verification) : '_No verification criteria in the model: add `verification:` so this can be closed with evidence._');
    lines.push('', '### Threats addressed', '');
    if (addressed.length === 0)
        lines.push('_None: this mitigation is linked to no threat._');
    else {
        lines.push('| threat | title | residual severity |', '|---|---|---|');
        for (const threat of addressed) {
            lines.push(`| ${escapeTableCell(threat.id)} | ${escapeTableCell(threat.title)} | ${model.threatSeverity.get(threat.id) ?? 'unrated'} |`);
        }
    }
    const line = model.lineOf(mitigation.id);
    if (link.repositoryUrl && link.commit) {
        const url = `${link.repositoryUrl}/${link.blobPath ?? 'blob'}/${link.commit}/${model.file.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''}`;
        lines.push('', `Model: [${escapeInline(model.file)}](${url}) at ${link.commit.slice(0, 7)}`);
    }
    else {
        lines.push('', `Model: ${escapeInline(model.file)}${line ? ` line ${line}` : ''}`);
    }
    lines.push('', '_Managed by Threatloop from the threat model: edit the model, not this issue; its status closes and reopens the issue._');
    return lines.join('\n');
}
/**
 * Reconciles the issues mitigations should have with the issues that exist: every open-status
 * mitigation ends with exactly one open issue; done ones closed as completed, rejected or removed
 * ones closed as not planned. Unchanged issues are never rewritten.
 */
function planIssueSync(desired, existing, options) {
    const operations = [];
    const drift = [];
    const byKey = new Map();
    for (const issue of [...existing].sort((a, b) => a.number - b.number)) {
        const key = issueKey(issue.body);
        if (key === undefined)
            continue;
        const list = byKey.get(key);
        if (list)
            list.push(issue);
        else
            byKey.set(key, [issue]);
    }
    let unchanged = 0;
    const wanted = new Set();
    for (const want of desired) {
        wanted.add(want.key);
        const found = byKey.get(want.key) ?? [];
        // Prefer an open issue when duplicates exist; the others are reported.
        const primary = found.find((i) => i.state === 'open') ?? found[0];
        for (const other of found) {
            if (other === primary)
                continue;
            drift.push({ key: want.key, number: other.number, kind: 'duplicate-issue', message: `issue #${other.number} duplicates #${primary.number} for mitigation ${want.key}` });
            if (other.state === 'open')
                operations.push({ op: 'close', key: want.key, number: other.number, reason: 'not_planned', comment: `Duplicate of #${primary.number}, which tracks this mitigation.` });
        }
        if (!primary) {
            if (want.state === 'open')
                operations.push({ op: 'create', key: want.key, title: want.title, body: want.body, labels: want.labels, assignee: want.assignee });
            continue;
        }
        const bodyChanged = HASH_PATTERN.exec(primary.body)?.[1] !== want.hash;
        if (want.state === 'open' && primary.state === 'closed') {
            const statusChanged = options.changedKeys?.has(want.key) ?? false;
            if (!statusChanged) {
                drift.push({
                    key: want.key,
                    number: primary.number,
                    kind: 'closed-while-open-in-model',
                    message: `issue #${primary.number} was closed, but the model still says mitigation ${want.mitigationId} is ${want.status}${options.mode === 'write' ? '; reopened — set the status in the model if the work is done' : ''}`
                });
            }
            operations.push({ op: 'reopen', key: want.key, number: primary.number, comment: `Reopened by Threatloop: the threat model says mitigation ${want.mitigationId} is ${want.status}.` });
            if (bodyChanged)
                operations.push({ op: 'update', key: want.key, number: primary.number, title: want.title, body: want.body, labels: want.labels });
            continue;
        }
        if (want.state === 'closed' && primary.state === 'open') {
            if (!(options.changedKeys?.has(want.key) ?? false)) {
                drift.push({ key: want.key, number: primary.number, kind: 'open-while-done-in-model', message: `issue #${primary.number} is open, but the model says mitigation ${want.mitigationId} is ${want.status}` });
            }
            if (bodyChanged)
                operations.push({ op: 'update', key: want.key, number: primary.number, title: want.title, body: want.body, labels: want.labels });
            operations.push({ op: 'close', key: want.key, number: primary.number, reason: want.closeReason ?? 'completed', comment: `Closed by Threatloop: the threat model says mitigation ${want.mitigationId} is ${want.status}.` });
            continue;
        }
        if (bodyChanged && want.state === 'open')
            operations.push({ op: 'update', key: want.key, number: primary.number, title: want.title, body: want.body, labels: want.labels });
        else
            unchanged++;
    }
    // Issues of mitigations that disappeared from a model this review covered.
    for (const [key, issues] of byKey) {
        if (wanted.has(key))
            continue;
        const modelId = key.slice(0, key.lastIndexOf('/'));
        if (!options.modelsInScope.has(modelId))
            continue;
        for (const issue of issues) {
            if (issue.state === 'open')
                operations.push({ op: 'close', key, number: issue.number, reason: 'not_planned', comment: `Closed by Threatloop: mitigation ${key} is no longer in the threat model.` });
        }
    }
    const limit = options.maxOperations ?? Infinity;
    const kept = operations.slice(0, limit);
    const summary = { create: 0, update: 0, close: 0, reopen: 0, unchanged };
    for (const operation of kept)
        summary[operation.op]++;
    return { mode: options.mode, operations: options.mode === 'off' ? [] : kept, drift, summary, deferred: operations.length - kept.length };
}

;// CONCATENATED MODULE: ./src/core/review/change-diagram.ts
const MAX_NODES = 40;
const MAX_EDGES = 60;
/**
 * The changed components and flows, their neighbours as context, grouped by trust zone.
 * Returns null when no component or flow changed.
 */
function buildChangeDiagram(base, head, diff) {
    const componentState = new Map();
    const flowState = new Map();
    for (const change of diff.changes) {
        const state = change.change === 'added' ? 'added' : change.change === 'removed' ? 'removed' : 'changed';
        if (change.section === 'components')
            componentState.set(change.id, state);
        if (change.section === 'dataflows')
            flowState.set(change.id, state);
    }
    for (const derived of diff.derived) {
        if (derived.section === 'components' && !componentState.has(derived.elementId))
            componentState.set(derived.elementId, 'changed');
        if (derived.section === 'dataflows' && !flowState.has(derived.elementId))
            flowState.set(derived.elementId, 'changed');
    }
    if (componentState.size === 0 && flowState.size === 0)
        return null;
    const componentOf = (id) => head?.index.components.get(id) ?? base?.index.components.get(id);
    const flowOf = (id, state) => (state === 'removed' ? base?.index.dataflows.get(id) : (head?.index.dataflows.get(id) ?? base?.index.dataflows.get(id)));
    const zoneOfComponent = (id, state) => (state === 'removed' ? base?.index.components.get(id)?.zone : (head?.index.components.get(id)?.zone ?? base?.index.components.get(id)?.zone));
    const edges = [];
    const addEdge = (id, state) => {
        const flow = flowOf(id, state);
        if (!flow || edges.some((e) => e.id === id))
            return;
        edges.push({ id, from: flow.from, to: flow.to, label: flow.title ?? flow.protocol ?? id, state });
    };
    for (const [id, state] of flowState)
        addEdge(id, state);
    // Neighbouring flows of changed components give the change its context.
    const graph = head ?? base;
    for (const componentId of componentState.keys()) {
        for (const index of [head?.index, base?.index]) {
            if (!index)
                continue;
            for (const flow of [...(index.inboundFlows.get(componentId) ?? []), ...(index.outboundFlows.get(componentId) ?? [])]) {
                if (!flowState.has(flow.id))
                    addEdge(flow.id, index === graph?.index ? 'context' : 'removed');
            }
        }
    }
    edges.sort((a, b) => stateOrder(a.state) - stateOrder(b.state) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const keptEdges = edges.slice(0, MAX_EDGES);
    const nodeIds = new Set(componentState.keys());
    for (const edge of keptEdges) {
        nodeIds.add(edge.from);
        nodeIds.add(edge.to);
    }
    const nodes = [];
    for (const id of nodeIds) {
        const component = componentOf(id);
        const state = componentState.get(id) ?? 'context';
        nodes.push({ id, label: component?.title ?? id, type: component?.type ?? 'component', zone: zoneOfComponent(id, state) ?? null, state });
    }
    nodes.sort((a, b) => stateOrder(a.state) - stateOrder(b.state) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const keptNodes = nodes.slice(0, MAX_NODES);
    const kept = new Set(keptNodes.map((n) => n.id));
    const visibleEdges = keptEdges.filter((e) => kept.has(e.from) && kept.has(e.to));
    const zoneIds = [...new Set(keptNodes.map((n) => n.zone).filter((z) => z !== null))].sort();
    const zones = zoneIds.map((id) => {
        const zone = head?.index.zones.get(id) ?? base?.index.zones.get(id);
        return { id, label: zone?.title ?? id, trust: zone?.trust ?? null };
    });
    zones.sort((a, b) => (a.trust ?? 99) - (b.trust ?? 99) || (a.id < b.id ? -1 : 1));
    keptNodes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { zones, nodes: keptNodes, edges: visibleEdges, omitted: { nodes: nodes.length - keptNodes.length, edges: edges.length - visibleEdges.length } };
}
function stateOrder(state) {
    return state === 'added' ? 0 : state === 'removed' ? 1 : state === 'changed' ? 2 : 3;
}

;// CONCATENATED MODULE: ./src/core/model/references.ts


function isRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function references_listOf(value) {
    return Array.isArray(value) ? value : [];
}
function references_idOf(value) {
    return isRecord(value) && typeof value.id === 'string' ? value.id : undefined;
}
/**
 * Checks ids and cross-references on the raw document, so reference errors are reported
 * together with schema errors even when the document is not schema-valid.
 */
function checkModelReferences(doc, locate) {
    const problems = [];
    const kindById = new Map();
    const idsByKind = new Map();
    for (const [section, kind] of ELEMENT_SECTIONS) {
        const ids = new Set();
        idsByKind.set(kind, ids);
        references_listOf(doc[section]).forEach((element, index) => {
            const id = references_idOf(element);
            if (id === undefined)
                return;
            const first = kindById.get(id);
            if (first) {
                problems.push({
                    path: [section, index, 'id'],
                    code: 'reference/duplicate-id',
                    message: `duplicate id \`${id}\`: already used by the ${first.kind} at ${describePath(first.path)}${locate ? ` (line ${locate(first.path).line})` : ''}; ids must be unique within a model`,
                    elementId: id
                });
                return;
            }
            kindById.set(id, { kind, path: [section, index] });
            ids.add(id);
        });
    }
    const check = (value, path, allowed, owner, field) => {
        if (typeof value !== 'string')
            return;
        const found = kindById.get(value);
        if (found && allowed.includes(found.kind))
            return;
        const candidates = allowed.flatMap((kind) => [...(idsByKind.get(kind) ?? [])]);
        const suggestion = (0,core_problems/* suggestClosest */.y6)(value, candidates);
        const expected = `${article(allowed[0])} ${allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`}`;
        const where = `${field}${owner.id ? ` of ${owner.kind} ${owner.id}` : ''}`;
        const what = found
            ? `\`${value}\` is ${article(found.kind)} ${found.kind}, but ${where} must name ${expected}`
            : allowed.length === 1
                ? `unknown ${allowed[0]} \`${value}\` in ${where}`
                : `unknown element \`${value}\` in ${where} (expected the id of ${expected})`;
        problems.push({
            path,
            code: `reference/unknown-${allowed.length === 1 ? allowed[0] : 'target'}`,
            message: `${what}${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
            elementId: owner.id
        });
    };
    const checkList = (value, path, allowed, owner, field) => {
        references_listOf(value).forEach((item, i) => check(item, [...path, i], allowed, owner, field));
    };
    references_listOf(doc.zones).forEach((zone, i) => {
        if (!isRecord(zone))
            return;
        const owner = { kind: 'zone', id: references_idOf(zone) };
        check(zone.parent, ['zones', i, 'parent'], ['zone'], owner, '`parent`');
    });
    problems.push(...zoneCycles(doc));
    references_listOf(doc.components).forEach((component, i) => {
        if (!isRecord(component))
            return;
        const owner = { kind: 'component', id: references_idOf(component) };
        check(component.zone, ['components', i, 'zone'], ['zone'], owner, '`zone`');
        check(component.parent, ['components', i, 'parent'], ['component'], owner, '`parent`');
        checkList(component.assets, ['components', i, 'assets'], ['asset'], owner, '`assets`');
    });
    references_listOf(doc.dataflows).forEach((flow, i) => {
        if (!isRecord(flow))
            return;
        const owner = { kind: 'dataflow', id: references_idOf(flow) };
        check(flow.from, ['dataflows', i, 'from'], ['component'], owner, '`from`');
        check(flow.to, ['dataflows', i, 'to'], ['component'], owner, '`to`');
        checkList(flow.assets, ['dataflows', i, 'assets'], ['asset'], owner, '`assets`');
    });
    const threatMitigations = new Map();
    references_listOf(doc.threats).forEach((threat, i) => {
        if (!isRecord(threat))
            return;
        const owner = { kind: 'threat', id: references_idOf(threat) };
        checkList(threat.targets, ['threats', i, 'targets'], ['component', 'dataflow', 'asset', 'zone'], owner, '`targets`');
        check(threat.source, ['threats', i, 'source'], ['actor'], owner, '`source`');
        checkList(threat.mitigations, ['threats', i, 'mitigations'], ['mitigation'], owner, '`mitigations`');
        if (owner.id)
            threatMitigations.set(owner.id, new Set(references_listOf(threat.mitigations).filter((m) => typeof m === 'string')));
        const risk = threat.risk;
        if (isRecord(risk)) {
            for (const factor of ['likelihood', 'impact']) {
                if (threat[factor] !== undefined && risk[factor] !== undefined && threat[factor] !== risk[factor]) {
                    problems.push({
                        path: ['threats', i, 'risk', factor],
                        code: 'reference/conflicting-rating',
                        message: `threat ${owner.id ?? ''} states ${factor} twice with different values (\`${showValue(threat[factor])}\` and \`${showValue(risk[factor])}\` under \`risk\`); keep one`,
                        elementId: owner.id
                    });
                }
            }
        }
    });
    references_listOf(doc.mitigations).forEach((mitigation, i) => {
        if (!isRecord(mitigation))
            return;
        const owner = { kind: 'mitigation', id: references_idOf(mitigation) };
        references_listOf(mitigation.effects).forEach((effect, j) => {
            if (!isRecord(effect) || typeof effect.threat !== 'string')
                return;
            const path = ['mitigations', i, 'effects', j, 'threat'];
            const found = kindById.get(effect.threat);
            if (!found || found.kind !== 'threat') {
                check(effect.threat, path, ['threat'], owner, '`effects`');
                return;
            }
            const linked = threatMitigations.get(effect.threat);
            if (owner.id && linked && !linked.has(owner.id)) {
                problems.push({
                    path,
                    code: 'reference/effect-on-unlinked-threat',
                    message: `mitigation ${owner.id} states an effect on threat ${effect.threat}, but that threat does not list ${owner.id} in its \`mitigations\``,
                    elementId: owner.id
                });
            }
        });
    });
    references_listOf(doc.incidents).forEach((incident, i) => {
        if (!isRecord(incident))
            return;
        checkList(incident.threats, ['incidents', i, 'threats'], ['threat'], { kind: 'incident', id: references_idOf(incident) }, '`threats`');
    });
    const modelId = isRecord(doc.model) && typeof doc.model.id === 'string' ? doc.model.id : undefined;
    references_listOf(doc.suppressions).forEach((suppression, i) => {
        if (!isRecord(suppression) || typeof suppression.target !== 'string')
            return;
        const targets = suppression.target.split('+');
        for (const target of targets) {
            if (target === modelId || kindById.has(target))
                continue;
            const suggestion = (0,core_problems/* suggestClosest */.y6)(target, [...kindById.keys(), ...(modelId ? [modelId] : [])]);
            problems.push({
                path: ['suppressions', i, 'target'],
                code: 'reference/unknown-suppression-target',
                message: `suppression of rule ${String(suppression.rule)} names unknown target \`${target}\`; expected the model id or an element id${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`
            });
        }
    });
    return problems;
}
function zoneCycles(doc) {
    const parents = new Map();
    references_listOf(doc.zones).forEach((zone, index) => {
        const id = references_idOf(zone);
        if (id !== undefined && isRecord(zone) && typeof zone.parent === 'string')
            parents.set(id, { parent: zone.parent, index });
    });
    const problems = [];
    const reported = new Set();
    for (const start of parents.keys()) {
        const seen = [];
        let current = start;
        while (current !== undefined && !seen.includes(current)) {
            seen.push(current);
            current = parents.get(current)?.parent;
        }
        if (current === start && !reported.has(start)) {
            seen.forEach((id) => reported.add(id));
            problems.push({
                path: ['zones', parents.get(start).index, 'parent'],
                code: 'reference/zone-cycle',
                message: `zone ${start} is its own ancestor (${[...seen, start].join(' → ')}); zone parents must form a tree`,
                elementId: start
            });
        }
    }
    return problems;
}
function showValue(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
function article(word) {
    return /^[aeiou]/.test(word) ? 'an' : 'a';
}
function describePath(path) {
    return `${String(path[0])}[${String(path[1])}]`;
}

;// CONCATENATED MODULE: ./src/core/import/ids.ts
/** Stable, schema-valid element ids for converted models. */
const ids_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
const MAX_ID_LENGTH = 200;
/** FNV-1a (32 bit) of a string, as 7 base-36 digits: short, deterministic and platform independent. */
function stableHash(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0).toString(36).padStart(7, '0');
}
/** Lower-case words joined by `-`, at most `max` characters, for readable derived ids. */
function slugify(text, max = 40) {
    const slug = text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/<[^>]*>/g, ' ')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    if (slug.length <= max)
        return slug;
    const cut = slug.slice(0, max);
    const dash = cut.lastIndexOf('-');
    return (dash > max / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
}
/** Whether a string is already a valid native id. */
function isNativeId(value) {
    return value.length <= MAX_ID_LENGTH && ids_ID_PATTERN.test(value);
}
/**
 * Turns a foreign identifier into a native id: characters the native pattern forbids become `-`,
 * and a leading non-alphanumeric is dropped. When that changes the text, a hash of the original is
 * appended so two foreign ids that differ only in forbidden characters stay distinct.
 */
function sanitizeId(raw) {
    if (isNativeId(raw))
        return raw;
    let cleaned = raw
        .replace(/[^A-Za-z0-9._:/-]+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .replace(/-+$/, '');
    const hash = stableHash(raw);
    if (cleaned.length > MAX_ID_LENGTH - 9)
        cleaned = cleaned.slice(0, MAX_ID_LENGTH - 9).replace(/-+$/, '');
    return cleaned === '' ? `id-${hash}` : `${cleaned}-${hash}`;
}
/** An id derived from content: readable slug of `label` plus a hash of the stable `key`. */
function derivedId(prefix, label, key) {
    const slug = slugify(label, 32);
    return slug === '' ? `${prefix}-${stableHash(key)}` : `${prefix}-${slug}-${stableHash(key)}`;
}
/**
 * Hands out model-unique ids. Native ids are unique across every section, while several foreign
 * formats only keep ids unique per kind; a clash is resolved deterministically by prefixing the
 * kind, never by counting, so the result does not depend on document order.
 */
class IdRegistry {
    used = new Set();
    /** Reserves `candidate` (sanitised); on a clash, `kind:candidate`, then a hashed variant. */
    claim(candidate, kind) {
        const id = sanitizeId(candidate);
        if (!this.used.has(id)) {
            this.used.add(id);
            return id;
        }
        const prefixed = sanitizeId(`${kind}:${id}`);
        if (!this.used.has(prefixed)) {
            this.used.add(prefixed);
            return prefixed;
        }
        let n = 2;
        let next = `${prefixed}-${n}`;
        while (this.used.has(next))
            next = `${prefixed}-${++n}`;
        this.used.add(next);
        return next;
    }
    has(id) {
        return this.used.has(id);
    }
}

;// CONCATENATED MODULE: ./src/core/import/conversion.ts


/** The foreign formats the importer reads. */
const IMPORT_FORMATS = (/* unused pure expression or super */ null && (['otm', 'threagile', 'threat-dragon-v1', 'threat-dragon-v2', 'threat-composer', 'tm-bom']));
/** Human names of the formats, for messages. */
const FORMAT_NAMES = {
    otm: 'Open Threat Model (OTM)',
    threagile: 'Threagile',
    'threat-dragon-v1': 'OWASP Threat Dragon v1',
    'threat-dragon-v2': 'OWASP Threat Dragon v2',
    'threat-composer': 'AWS Threat Composer',
    'tm-bom': 'OWASP Threat Model Library (TM-BOM)',
    native: 'Threatloop native'
};
function conversion_isRecord(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function conversion_listOf(value) {
    return Array.isArray(value) ? value : [];
}
/** A non-empty trimmed string, or undefined. */
function conversion_text(value) {
    if (typeof value === 'string') {
        const trimmed = value.trim();
        return trimmed === '' ? undefined : trimmed;
    }
    if (typeof value === 'number' && Number.isFinite(value))
        return String(value);
    return undefined;
}
/** A list of non-empty strings (other items dropped); undefined when empty. */
function strings(value) {
    const out = conversion_listOf(value).map(conversion_text).filter((s) => s !== undefined);
    return out.length > 0 ? out : undefined;
}
/** A string cut to the schema's short-text limit. */
function shortText(value, max = 2000) {
    if (value === undefined)
        return undefined;
    return value.length > max ? value.slice(0, max - 1) + '…' : value;
}
/**
 * The state of one conversion: the elements produced so far, where each came from, the problems
 * found in the source and what the format cannot express. Converters fill it; `importModel`
 * validates and indexes the result.
 */
class Conversion {
    format;
    main;
    ids = new IdRegistry();
    problems = [];
    origins = new Map();
    notExpressible = new Set();
    zones = [];
    assets = [];
    components = [];
    dataflows = [];
    actors = [];
    threats = [];
    mitigations = [];
    assumptions = [];
    suppressions = [];
    constructor(format, main) {
        this.format = format;
        this.main = main;
    }
    /** Records where an element came from. */
    origin(id, at) {
        const position = at.source.sourceMap.locate(at.path);
        this.origins.set(id, { format: this.format, file: at.source.file, line: position.line, column: position.column, sourcePath: (0,core_problems/* formatDocumentPath */.qe)(at.path) });
    }
    /** Reports a problem in the source at `at`. */
    report(at, severity, code, message, elementId) {
        const position = at.source.sourceMap.locate(at.path);
        const problem = { file: at.source.file, line: position.line, column: position.column, path: (0,core_problems/* formatDocumentPath */.qe)(at.path), severity, code, message };
        if (elementId !== undefined)
            problem.elementId = elementId;
        this.problems.push(problem);
    }
    error(at, code, message, elementId) {
        this.report(at, 'error', code, message, elementId);
    }
    warn(at, code, message, elementId) {
        this.report(at, 'warning', code, message, elementId);
    }
    /** A reference into the main file. */
    at(...path) {
        return { source: this.main, path };
    }
    /** Notes something the source format cannot express, so reports can say it is absent, not forgotten. */
    cannotExpress(what) {
        this.notExpressible.add(what);
    }
    /** The native document built so far; empty sections are left out. */
    document(model) {
        const doc = { threatloop: 1, model };
        if (this.zones.length > 0)
            doc.zones = this.zones;
        if (this.assets.length > 0)
            doc.assets = this.assets;
        if (this.components.length > 0)
            doc.components = this.components;
        if (this.dataflows.length > 0)
            doc.dataflows = this.dataflows;
        if (this.actors.length > 0)
            doc.actors = this.actors;
        if (this.threats.length > 0)
            doc.threats = this.threats;
        if (this.mitigations.length > 0)
            doc.mitigations = this.mitigations;
        if (this.assumptions.length > 0)
            doc.assumptions = this.assumptions;
        if (this.suppressions.length > 0)
            doc.suppressions = this.suppressions;
        return doc;
    }
}
/** Drops keys whose value is undefined, so converted elements hold only what the source said. */
function compact(value) {
    // A fresh object rather than `delete`, which would push V8 objects into slow dictionary mode.
    const out = {};
    const source = value;
    for (const key in source)
        if (source[key] !== undefined)
            out[key] = source[key];
    return out;
}
/** Maps a 0–100 score onto five levels (0–19, 20–39, 40–59, 60–79, 80–100). */
function percentToLevel(value) {
    if (typeof value !== 'number' || !Number.isFinite(value))
        return undefined;
    const clamped = Math.min(100, Math.max(0, value));
    if (clamped < 20)
        return 'very-low';
    if (clamped < 40)
        return 'low';
    if (clamped < 60)
        return 'medium';
    if (clamped < 80)
        return 'high';
    return 'very-high';
}
/** Maps a 0–100 CIA score onto the native CIA levels (0 is none). */
function percentToCia(value) {
    if (typeof value !== 'number' || !Number.isFinite(value))
        return undefined;
    if (value <= 0)
        return 'none';
    if (value < 35)
        return 'low';
    if (value < 65)
        return 'medium';
    if (value < 90)
        return 'high';
    return 'very-high';
}
const STRIDE_WORDS = [
    [/^s(poof(ing)?)?$/, 'spoofing'],
    [/^t(amper(ing)?)?$/, 'tampering'],
    [/^r(epudiation)?$/, 'repudiation'],
    [/^(i|info(rmation)?[- ]?disclosure|disclosure)$/, 'information-disclosure'],
    [/^(d|dos|denial[- ]?of[- ]?service)$/, 'denial-of-service'],
    [/^(e|eop|elevation[- ]?of[- ]?privileges?|privilege[- ]?escalation)$/, 'elevation-of-privilege'],
    [/^linking$|^linkability$/, 'linking'],
    [/^identifying$|^identifiability$/, 'identifying'],
    [/^non[- ]?repudiation$/, 'non-repudiation'],
    [/^detecting$|^detectability$/, 'detecting'],
    [/^(data[- ]?disclosure|disclosure[- ]?of[- ]?information)$/, 'data-disclosure'],
    [/^unawareness$/, 'unawareness'],
    [/^non[- ]?compliance$/, 'non-compliance']
];
/** A STRIDE or LINDDUN category from a foreign label (`Spoofing`, `S`, `Information disclosure`, …). */
function threatCategory(label) {
    const word = conversion_text(label)?.toLowerCase();
    if (word === undefined)
        return undefined;
    for (const [pattern, category] of STRIDE_WORDS)
        if (pattern.test(word))
            return category;
    return undefined;
}
/** CWE ids as `CWE-n` from numbers, `CWE-n` or `n` strings; other values are returned as rejects. */
function cweIds(values) {
    const ids = [];
    const rejected = [];
    for (const value of values) {
        const match = typeof value === 'number' && Number.isInteger(value) && value > 0 ? [String(value), String(value)] : typeof value === 'string' ? /^\s*(?:CWE[- ]?)?(\d+)\s*$/i.exec(value) : null;
        if (match) {
            const id = `CWE-${Number(match[1])}`;
            if (!ids.includes(id))
                ids.push(id);
        }
        else if (value !== null && value !== undefined)
            rejected.push(value);
    }
    return { ids, rejected };
}
/** Lists ids uniquely, keeping order. */
function unique(values) {
    return [...new Set(values)];
}

;// CONCATENATED MODULE: ./src/core/import/detect.ts

function has(value, ...keys) {
    return keys.filter((key) => Object.hasOwn(value, key));
}
function probeNative(value) {
    if (!Object.hasOwn(value, 'threatloop'))
        return { format: 'native', score: 0, reason: '', issues: [] };
    return { format: 'native', score: 1, reason: 'has the `threatloop` version key', issues: [] };
}
function probeOtm(value) {
    const hints = has(value, 'project', 'trustZones', 'representations');
    const flows = conversion_listOf(value.dataflows);
    const flowHint = flows.some((f) => conversion_isRecord(f) && Object.hasOwn(f, 'source') && Object.hasOwn(f, 'destination'));
    if (!Object.hasOwn(value, 'otmVersion')) {
        if (hints.length + (flowHint ? 1 : 0) < 2)
            return { format: 'otm', score: 0, reason: '', issues: [] };
        return {
            format: 'otm',
            score: 0.5,
            reason: `has OTM keys (${[...hints, ...(flowHint ? ['dataflows with source/destination'] : [])].join(', ')})`,
            issues: ['the `otmVersion` key is missing (OTM files start with `otmVersion: 0.2.0`)']
        };
    }
    const issues = [];
    const version = typeof value.otmVersion === 'number' ? String(value.otmVersion) : value.otmVersion;
    if (typeof version !== 'string' || !/^0\.[12](\.\d+)?$/.test(version.trim())) {
        issues.push(`\`otmVersion\` is ${JSON.stringify(value.otmVersion)}; this release reads OTM 0.1.x and 0.2.x`);
    }
    if (!conversion_isRecord(value.project))
        issues.push('the `project` mapping (with `id` and `name`) is missing');
    else {
        if (typeof value.project.id !== 'string')
            issues.push('`project.id` is missing or not text');
        if (typeof value.project.name !== 'string')
            issues.push('`project.name` is missing or not text');
    }
    for (const key of ['trustZones', 'components', 'dataflows', 'assets', 'threats', 'mitigations']) {
        if (value[key] !== undefined && value[key] !== null && !Array.isArray(value[key]))
            issues.push(`\`${key}\` must be a list`);
    }
    return { format: 'otm', score: issues.length === 0 ? 1 : 0.8, reason: 'has the `otmVersion` key', issues };
}
function probeThreagile(value) {
    const hints = has(value, 'technical_assets', 'data_assets', 'trust_boundaries', 'shared_runtimes', 'risk_tracking', 'individual_risk_categories', 'custom_risk_categories', 'tags_available', 'business_criticality', 'abuse_cases');
    if (!Object.hasOwn(value, 'threagile_version')) {
        if (hints.length < 2)
            return { format: 'threagile', score: 0, reason: '', issues: [] };
        return {
            format: 'threagile',
            score: 0.5,
            reason: `has Threagile keys (${hints.join(', ')})`,
            issues: ['the `threagile_version` key is missing (a Threagile model starts with `threagile_version: 1.0.0`; a file that is only included by another model is read through that model)']
        };
    }
    const issues = [];
    const version = typeof value.threagile_version === 'number' ? String(value.threagile_version) : value.threagile_version;
    if (typeof version !== 'string' || !/^1(\.\d+){0,2}$/.test(version.trim()))
        issues.push(`\`threagile_version\` is ${JSON.stringify(value.threagile_version)}; this release reads Threagile 1.x models`);
    for (const key of ['technical_assets', 'data_assets', 'trust_boundaries', 'shared_runtimes', 'risk_tracking']) {
        if (value[key] !== undefined && value[key] !== null && !conversion_isRecord(value[key]))
            issues.push(`\`${key}\` must be a mapping keyed by title`);
    }
    if (value.includes !== undefined && value.includes !== null && !Array.isArray(value.includes))
        issues.push('`includes` must be a list of file paths');
    return { format: 'threagile', score: issues.length === 0 ? 1 : 0.8, reason: 'has the `threagile_version` key', issues };
}
function probeThreatDragon(value) {
    const none = { format: 'threat-dragon-v2', score: 0, reason: '', issues: [] };
    if (!conversion_isRecord(value.summary) && !conversion_isRecord(value.detail))
        return none;
    const detail = conversion_isRecord(value.detail) ? value.detail : undefined;
    const diagrams = detail ? conversion_listOf(detail.diagrams) : [];
    const v1Diagrams = diagrams.filter((d) => conversion_isRecord(d) && conversion_isRecord(d.diagramJson)).length;
    const v2Diagrams = diagrams.filter((d) => conversion_isRecord(d) && Array.isArray(d.cells)).length;
    const version = typeof value.version === 'string' ? value.version.trim() : undefined;
    const issues = [];
    if (!conversion_isRecord(value.summary))
        issues.push('the `summary` mapping (with `title`) is missing');
    else if (typeof value.summary.title !== 'string')
        issues.push('`summary.title` is missing');
    if (!detail)
        issues.push('the `detail` mapping (with `diagrams`) is missing');
    else if (!Array.isArray(detail.diagrams))
        issues.push('`detail.diagrams` is missing or not a list');
    if (v1Diagrams > 0 && v2Diagrams > 0)
        issues.push('diagrams mix the v1 layout (`diagramJson.cells`) and the v2 layout (`cells`); save the model again with one Threat Dragon version');
    const v2 = version?.startsWith('2.') === true || (version === undefined && v2Diagrams > 0 && v1Diagrams === 0);
    if (v2) {
        if (v1Diagrams > 0 && v2Diagrams === 0)
            issues.push(`\`version\` is ${JSON.stringify(version)} (v2) but the diagrams use the v1 layout \`diagramJson\`; v2 diagrams hold \`cells\` directly`);
        if (version === undefined)
            issues.push('the `version` key is missing (Threat Dragon v2 files carry e.g. `"version": "2.2.0"`)');
        return { format: 'threat-dragon-v2', score: issues.length === 0 ? 1 : 0.7, reason: version?.startsWith('2.') === true ? `has \`summary\`, \`detail.diagrams\` and version ${version}` : 'has `summary` and `detail.diagrams[].cells` (Threat Dragon v2)', issues };
    }
    if (version !== undefined && !/^1(\.\d+){0,2}$/.test(version))
        issues.push(`\`version\` is ${JSON.stringify(version)}; this release reads Threat Dragon 1.x and 2.x models`);
    if (v2Diagrams > 0 && v1Diagrams === 0)
        issues.push('the diagrams use the v2 layout (`cells`) but the model is not marked as version 2.x');
    const score = conversion_isRecord(value.summary) && detail ? (issues.length === 0 ? 1 : 0.7) : 0.4;
    return { format: 'threat-dragon-v1', score, reason: 'has `summary` and `detail.diagrams[].diagramJson` (Threat Dragon v1)', issues };
}
function probeThreatComposer(value) {
    const hints = has(value, 'threats', 'mitigations', 'assumptions', 'mitigationLinks', 'assumptionLinks', 'applicationInfo', 'architecture', 'dataflow', 'workspace');
    const composerHints = has(value, 'mitigationLinks', 'assumptionLinks', 'applicationInfo');
    const grammar = conversion_listOf(value.threats).some((t) => conversion_isRecord(t) && (Object.hasOwn(t, 'threatSource') || Object.hasOwn(t, 'threatAction') || Object.hasOwn(t, 'statement')));
    if (!Object.hasOwn(value, 'schema')) {
        if (composerHints.length === 0 && !grammar)
            return { format: 'threat-composer', score: 0, reason: '', issues: [] };
        return { format: 'threat-composer', score: 0.5, reason: `has Threat Composer keys (${[...composerHints, ...(grammar ? ['threat grammar fields'] : [])].join(', ')})`, issues: ['the `schema` key is missing (Threat Composer exports carry `"schema": 1`)'] };
    }
    if (hints.length === 0 && !grammar)
        return { format: 'threat-composer', score: 0, reason: '', issues: [] };
    const issues = [];
    if (value.schema !== 1)
        issues.push(`\`schema\` is ${JSON.stringify(value.schema)}; this release reads Threat Composer schema 1`);
    for (const key of ['threats', 'mitigations', 'assumptions', 'mitigationLinks', 'assumptionLinks']) {
        if (value[key] !== undefined && !Array.isArray(value[key]))
            issues.push(`\`${key}\` must be a list`);
    }
    return { format: 'threat-composer', score: issues.length === 0 ? 1 : 0.8, reason: 'has `schema` and Threat Composer sections', issues };
}
const TM_BOM_REQUIRED = ['version', 'scope', 'trust_zones', 'trust_boundaries', 'actors', 'components', 'data_stores', 'data_sets', 'data_flows'];
function probeTmBom(value) {
    const hints = has(value, 'scope', 'trust_zones', 'trust_boundaries', 'data_stores', 'data_sets', 'data_flows', 'threat_personas', 'controls', 'risks');
    const schemaHint = typeof value.$schema === 'string' && value.$schema.includes('threat-model-library');
    if (hints.length < 2 && !schemaHint)
        return { format: 'tm-bom', score: 0, reason: '', issues: [] };
    const issues = [];
    const missing = TM_BOM_REQUIRED.filter((key) => !Object.hasOwn(value, key));
    if (missing.length > 0)
        issues.push(`required keys are missing: ${missing.map((k) => `\`${k}\``).join(', ')}`);
    if (value.scope !== undefined && !conversion_isRecord(value.scope))
        issues.push('`scope` must be a mapping with `title`, `description`, …');
    else if (conversion_isRecord(value.scope) && typeof value.scope.title !== 'string')
        issues.push('`scope.title` is missing');
    for (const key of ['trust_zones', 'trust_boundaries', 'actors', 'components', 'data_stores', 'data_sets', 'data_flows', 'threats', 'controls', 'risks', 'assumptions', 'threat_personas']) {
        if (value[key] !== undefined && !Array.isArray(value[key]))
            issues.push(`\`${key}\` must be a list`);
    }
    if (typeof value.version === 'string' && !/^\d+(\.\d+)*$/.test(value.version))
        issues.push(`\`version\` is ${JSON.stringify(value.version)}; expected a structured version such as "1.0"`);
    const score = schemaHint || conversion_isRecord(value.scope) ? (issues.length === 0 ? 1 : 0.8) : 0.5;
    return { format: 'tm-bom', score, reason: schemaHint ? 'names the Threat Model Library schema' : `has Threat Model Library keys (${hints.join(', ')})`, issues };
}
const PROBES = [probeNative, probeOtm, probeThreagile, probeThreatDragon, probeThreatComposer, probeTmBom];
/**
 * Recognises a threat-model file by its content (the file name only breaks ties): which format it
 * is, how sure, and what is missing or malformed when it only resembles one.
 */
function detectFormat(path, text, value) {
    if (!conversion_isRecord(value)) {
        const what = Array.isArray(value) ? 'a list' : value === null || value === undefined ? 'empty' : `a ${typeof value}`;
        return { format: 'unknown', confidence: 0, reason: `the document is ${what}, not a mapping`, issues: ['every supported threat-model format is a mapping at the top level'] };
    }
    const probes = PROBES.map((probe) => probe(value))
        .filter((p) => p.score > 0)
        .map((p) => ({ ...p, score: p.score + nameBonus(path, p.format) }))
        .sort((a, b) => b.score - a.score);
    if (probes.length === 0) {
        const keys = Object.keys(value).slice(0, 6);
        return {
            format: 'unknown',
            confidence: 0,
            reason: `no known format matches (top-level keys: ${keys.map((k) => `\`${k}\``).join(', ')}${Object.keys(value).length > keys.length ? ', …' : ''})`,
            issues: [`expected the markers of one of: ${Object.values(FORMAT_NAMES).join(', ')}`]
        };
    }
    const [best, ...others] = probes;
    const issues = [...best.issues];
    // A file with the strong marker of two formats is a broken hybrid, not either of them.
    const rival = others.find((p) => p.score >= 0.8 && p.format !== best.format);
    if (rival && best.score >= 0.8) {
        issues.push(`it also carries ${FORMAT_NAMES[rival.format]} markers (${rival.reason}); a file holds one format`);
    }
    void text;
    return { format: best.format, confidence: Math.min(1, Number(best.score.toFixed(2))), reason: best.reason, issues };
}
function nameBonus(path, format) {
    const name = path.toLowerCase();
    if (format === 'otm' && name.endsWith('.otm'))
        return 0.05;
    if (format === 'threat-composer' && name.endsWith('.tc.json'))
        return 0.05;
    if (format === 'threagile' && name.includes('threagile'))
        return 0.05;
    if (format === 'native' && name.includes('.threatmodel.'))
        return 0.05;
    return 0;
}

;// CONCATENATED MODULE: ./src/core/import/states.ts

/** Threat states written by OTM producers (IriusRisk and others) and the native status each means. */
const THREAT_STATE_WORDS = {
    open: 'open',
    expose: 'open',
    exposed: 'open',
    'partly-mitigate': 'open',
    'partly-mitigated': 'open',
    'partially-mitigated': 'open',
    mitigate: 'mitigated',
    mitigated: 'mitigated',
    accept: 'accepted',
    accepted: 'accepted',
    transfer: 'transferred',
    transferred: 'transferred',
    'not-applicable': 'not-applicable',
    na: 'not-applicable',
    'n/a': 'not-applicable'
};
/** The native threat status for a foreign state word, if it is one we know. */
function threatStatusFromState(state) {
    return THREAT_STATE_WORDS[normaliseWord(state)];
}
/** The OTM instance state the exporter writes for a native status (read back by `threatStatusFromState`). */
const states_OTM_THREAT_STATE = {
    open: 'exposed',
    mitigated: 'mitigated',
    accepted: 'accepted',
    transferred: 'transferred',
    'not-applicable': 'not-applicable'
};
const MITIGATION_STATE_WORDS = {
    recommended: 'proposed',
    proposed: 'proposed',
    required: 'planned',
    planned: 'planned',
    'in-progress': 'in-progress',
    implemented: 'implemented',
    verified: 'verified',
    existing: 'existing',
    rejected: 'rejected',
    'not-applicable': 'rejected'
};
/** The native mitigation status for a foreign state word, if it is one we know. */
function mitigationStatusFromState(state) {
    return MITIGATION_STATE_WORDS[normaliseWord(state)];
}
/** The OTM mitigation-instance state the exporter writes for a native status. */
const states_OTM_MITIGATION_STATE = {
    proposed: 'recommended',
    planned: 'required',
    'in-progress': 'in-progress',
    implemented: 'implemented',
    verified: 'verified',
    existing: 'existing',
    rejected: 'rejected'
};
/** How far along a threat status is; when instances disagree the least settled one is kept. */
const THREAT_STATUS_ORDER = ['open', 'transferred', 'accepted', 'mitigated', 'not-applicable'];
/** Combines per-instance threat statuses into one: the least settled wins, so nothing looks safer than it is. */
function combineThreatStatuses(statuses) {
    let best;
    for (const status of statuses) {
        if (best === undefined || THREAT_STATUS_ORDER.indexOf(status) < THREAT_STATUS_ORDER.indexOf(best))
            best = status;
    }
    return best;
}
/** Combines per-instance mitigation statuses into one: the least advanced wins (rejected only if all are). */
function combineMitigationStatuses(statuses) {
    const active = statuses.filter((s) => s !== 'rejected');
    if (active.length === 0)
        return statuses.length > 0 ? 'rejected' : undefined;
    let best = active[0];
    for (const status of active)
        if (MITIGATION_STATUSES.indexOf(status) < MITIGATION_STATUSES.indexOf(best))
            best = status;
    return best;
}
function normaliseWord(word) {
    return word
        .trim()
        .toLowerCase()
        .replace(/[\s_]+/g, '-');
}
const TYPE_KEYWORDS = [
    [/secret|vault|kms|hsm|key-?management/, 'secrets-store'],
    [/identity|idp|cognito|okta|keycloak|oauth|oidc|ldap|active-?directory|auth-?server/, 'identity-provider'],
    [/queue|sqs|sns|kafka|rabbit|topic|event-?bus|stream|pubsub|mq\b|message/, 'queue'],
    [/database|\bdb\b|-db$|^db-|sql|mongo|dynamo|redis|cache|storage|bucket|\bs3\b|datastore|data-?store|file-?server|data-?lake|elastic/, 'datastore'],
    [/lambda|function|serverless/, 'function'],
    [/gateway|load-?balancer|\belb\b|\balb\b|proxy|cdn|cloudfront|waf|ingress|firewall/, 'gateway'],
    [/pipeline|build|\bci\b|jenkins|deploy/, 'pipeline'],
    [/repo(sitory)?|registry|git/, 'repository'],
    [/device|iot|sensor|embedded|mobile-?device/, 'device'],
    [/browser|client|user|mobile|desktop|human|person/, 'user'],
    [/external|third-?party|saas|partner/, 'external'],
    [/process|worker|job|batch|task/, 'process']
];
/** The native component type for a foreign type label; exact native names first, then keywords, else `service`. */
function componentTypeFromLabel(label) {
    if (label === undefined)
        return 'service';
    const word = normaliseWord(label);
    if (COMPONENT_TYPES.includes(word))
        return word;
    for (const [pattern, type] of TYPE_KEYWORDS)
        if (pattern.test(word))
            return type;
    return 'service';
}

;// CONCATENATED MODULE: ./src/core/import/otm.ts



/** Converts an OTM 0.1/0.2 document (JSON or YAML) into the native model. */
function convertOtm(source) {
    const c = new Conversion('otm', source);
    const root = source.value;
    const project = conversion_isRecord(root.project) ? root.project : {};
    const title = conversion_text(project.name) ?? 'Untitled OTM project';
    const model = compact({
        id: slugOr(conversion_text(project.id), title),
        title: shortText(title),
        description: conversion_text(project.description),
        owner: shortText(conversion_text(project.owner)),
        tags: strings(project.tags)
    });
    if (!conversion_isRecord(root.project))
        c.error(c.at(), 'import/otm-missing-project', 'the OTM document has no `project` mapping; OTM requires `project` with `id` and `name`');
    if (root.representations !== undefined && root.representations !== null)
        c.cannotExpress('diagram and code representations (positions, sizes, code snippets)');
    // Foreign id → native id, one map for zones, components and flows (OTM shares that id space).
    const idOf = new Map();
    const zoneIds = new Set();
    const componentIds = new Set();
    const assetIds = new Map();
    const threatIds = new Map();
    const mitigationIds = new Map();
    const elementId = (raw, at, kind) => {
        const id = conversion_text(raw);
        if (id === undefined) {
            c.error({ ...at, path: at.path }, 'import/otm-missing-id', `this OTM ${kind} has no \`id\`; every OTM ${kind} needs one`);
            return undefined;
        }
        return id;
    };
    conversion_listOf(root.assets).forEach((raw, i) => {
        const at = c.at('assets', i);
        if (!conversion_isRecord(raw))
            return c.error(at, 'import/otm-malformed', 'expected an OTM asset mapping');
        const foreign = elementId(raw.id, at, 'asset');
        if (foreign === undefined)
            return;
        if (assetIds.has(foreign))
            return c.error({ ...at, path: [...at.path, 'id'] }, 'import/duplicate-id', `duplicate OTM asset id \`${foreign}\``);
        const id = c.ids.claim(foreign, 'asset');
        assetIds.set(foreign, id);
        const risk = conversion_isRecord(raw.risk) ? raw.risk : undefined;
        const cia = risk
            ? compact({ confidentiality: percentToCia(risk.confidentiality), integrity: percentToCia(risk.integrity), availability: percentToCia(risk.availability) })
            : undefined;
        if (risk && (conversion_text(risk.comment) ?? conversion_text(risk.riskComments)))
            c.cannotExpress('asset risk comments');
        c.assets.push(compact({ id, title: shortText(conversion_text(raw.name)), description: conversion_text(raw.description), cia: cia && Object.keys(cia).length > 0 ? cia : undefined }));
        c.origin(id, at);
    });
    const zoneParents = [];
    conversion_listOf(root.trustZones).forEach((raw, i) => {
        const at = c.at('trustZones', i);
        if (!conversion_isRecord(raw))
            return c.error(at, 'import/otm-malformed', 'expected an OTM trust zone mapping');
        const foreign = elementId(raw.id, at, 'trust zone');
        if (foreign === undefined)
            return;
        if (idOf.has(foreign))
            return c.error({ ...at, path: [...at.path, 'id'] }, 'import/duplicate-id', `duplicate OTM id \`${foreign}\`; trust zones, components and dataflows share one id space`);
        const rating = conversion_isRecord(raw.risk) ? raw.risk.trustRating : undefined;
        if (typeof rating !== 'number' || !Number.isFinite(rating)) {
            c.error({ ...at, path: [...at.path, 'risk'] }, 'import/otm-missing-trust', `trust zone \`${foreign}\` has no numeric \`risk.trustRating\` (0–100)`);
            return;
        }
        const id = c.ids.claim(foreign, 'zone');
        idOf.set(foreign, id);
        zoneIds.add(id);
        const parent = conversion_isRecord(raw.parent) ? conversion_text(raw.parent.trustZone) : undefined;
        if (parent !== undefined)
            zoneParents.push({ id, parent, at: { ...at, path: [...at.path, 'parent', 'trustZone'] } });
        c.zones.push(compact({ id, title: shortText(conversion_text(raw.name)), description: conversion_text(raw.description), trust: Math.round(Math.min(100, Math.max(0, rating))) }));
        c.origin(id, at);
        if (raw.attributes)
            c.cannotExpress('free-form `attributes` maps');
    });
    for (const { id, parent, at } of zoneParents) {
        const parentId = idOf.get(parent);
        if (parentId === undefined || !zoneIds.has(parentId))
            c.error(at, 'import/unknown-reference', `trust zone parent \`${parent}\` is not a trust zone in this file`, id);
        else
            c.zones.find((z) => z.id === id).parent = parentId;
    }
    // Components first get ids, then parents are resolved (a parent may come later in the list).
    const instances = new Map();
    const collectInstances = (list, owner, at) => {
        conversion_listOf(list).forEach((raw, j) => {
            const here = { ...at, path: [...at.path, j] };
            if (!conversion_isRecord(raw))
                return c.error(here, 'import/otm-malformed', 'expected a threat instance mapping with `threat` and `state`');
            const threat = conversion_text(raw.threat);
            if (threat === undefined)
                return c.error(here, 'import/otm-malformed', 'this threat instance has no `threat` id');
            const mitigations = conversion_listOf(raw.mitigations).map((m, k) => ({
                id: conversion_isRecord(m) ? conversion_text(m.mitigation) : undefined,
                state: conversion_isRecord(m) ? conversion_text(m.state) : undefined,
                at: { ...here, path: [...here.path, 'mitigations', k] }
            }));
            const list2 = instances.get(threat) ?? [];
            list2.push({ targetId: owner, state: conversion_text(raw.state), at: here, mitigations });
            instances.set(threat, list2);
        });
    };
    const pendingComponents = [];
    conversion_listOf(root.components).forEach((raw, i) => {
        const at = c.at('components', i);
        if (!conversion_isRecord(raw))
            return c.error(at, 'import/otm-malformed', 'expected an OTM component mapping');
        const foreign = elementId(raw.id, at, 'component');
        if (foreign === undefined)
            return;
        if (idOf.has(foreign))
            return c.error({ ...at, path: [...at.path, 'id'] }, 'import/duplicate-id', `duplicate OTM id \`${foreign}\`; trust zones, components and dataflows share one id space`);
        const id = c.ids.claim(foreign, 'component');
        idOf.set(foreign, id);
        componentIds.add(id);
        const type = conversion_text(raw.type);
        const component = compact({ id, title: shortText(conversion_text(raw.name)), description: conversion_text(raw.description), type: componentTypeFromLabel(type), tags: strings(raw.tags) });
        pendingComponents.push({ component, raw, at });
        c.components.push(component);
        c.origin(id, at);
    });
    for (const { component, raw, at } of pendingComponents) {
        const parent = conversion_isRecord(raw.parent) ? raw.parent : undefined;
        const zone = parent ? conversion_text(parent.trustZone) : undefined;
        const parentComponent = parent ? conversion_text(parent.component) : undefined;
        if (zone !== undefined) {
            const zoneId = idOf.get(zone);
            if (zoneId && zoneIds.has(zoneId))
                component.zone = zoneId;
            else
                c.error({ ...at, path: [...at.path, 'parent', 'trustZone'] }, 'import/unknown-reference', `component \`${component.id}\` names trust zone \`${zone}\`, which is not defined in \`trustZones\``, component.id);
        }
        else if (parentComponent !== undefined) {
            const parentId = idOf.get(parentComponent);
            if (parentId && componentIds.has(parentId))
                component.parent = parentId;
            else
                c.error({ ...at, path: [...at.path, 'parent', 'component'] }, 'import/unknown-reference', `component \`${component.id}\` names parent component \`${parentComponent}\`, which is not defined`, component.id);
        }
        else {
            c.warn(at, 'import/otm-missing-parent', `component \`${component.id}\` has no \`parent\` (a trust zone or component); OTM requires one, so it is imported without a zone`, component.id);
        }
        const assets = conversion_isRecord(raw.assets) ? [...conversion_listOf(raw.assets.processed), ...conversion_listOf(raw.assets.stored)] : [];
        const assetList = resolveList(c, assets, assetIds, { ...at, path: [...at.path, 'assets'] }, 'asset', component.id);
        if (assetList.length > 0)
            component.assets = assetList;
        collectInstances(raw.threats, component.id, { ...at, path: [...at.path, 'threats'] });
        if (raw.representations)
            c.cannotExpress('diagram and code representations (positions, sizes, code snippets)');
        if (raw.attributes)
            c.cannotExpress('free-form `attributes` maps');
    }
    // A nested component lives in its parent's zone.
    const byId = new Map(c.components.map((k) => [k.id, k]));
    for (const component of c.components) {
        const seen = new Set();
        let current = component;
        while (current.zone === undefined && current.parent !== undefined && !seen.has(current.parent)) {
            seen.add(current.parent);
            current = byId.get(current.parent) ?? current;
            if (current.zone !== undefined)
                component.zone = current.zone;
        }
    }
    conversion_listOf(root.dataflows).forEach((raw, i) => {
        const at = c.at('dataflows', i);
        if (!conversion_isRecord(raw))
            return c.error(at, 'import/otm-malformed', 'expected an OTM dataflow mapping');
        const foreign = elementId(raw.id, at, 'dataflow');
        if (foreign === undefined)
            return;
        if (idOf.has(foreign))
            return c.error({ ...at, path: [...at.path, 'id'] }, 'import/duplicate-id', `duplicate OTM id \`${foreign}\`; trust zones, components and dataflows share one id space`);
        const id = c.ids.claim(foreign, 'dataflow');
        idOf.set(foreign, id);
        // 0.1 documentation examples also spell the destination `target`.
        const endpoints = [
            ['source', conversion_text(raw.source)],
            ['destination', conversion_text(raw.destination) ?? conversion_text(raw.target)]
        ];
        const resolved = [];
        for (const [field, value] of endpoints) {
            if (value === undefined) {
                c.error({ ...at, path: [...at.path] }, 'import/otm-malformed', `dataflow \`${foreign}\` has no \`${field}\``, id);
                continue;
            }
            const target = idOf.get(value);
            if (target === undefined || !componentIds.has(target)) {
                c.error({ ...at, path: [...at.path, field] }, 'import/unknown-reference', `dataflow \`${foreign}\` ${field} \`${value}\` is not a component in this file`, id);
                continue;
            }
            resolved.push(target);
        }
        if (resolved.length < 2)
            return;
        const flow = compact({
            id,
            title: shortText(conversion_text(raw.name)),
            description: conversion_text(raw.description),
            from: resolved[0],
            to: resolved[1],
            bidirectional: typeof raw.bidirectional === 'boolean' ? raw.bidirectional : undefined,
            tags: strings(raw.tags)
        });
        const assets = resolveList(c, conversion_listOf(raw.assets), assetIds, { ...at, path: [...at.path, 'assets'] }, 'asset', id);
        if (assets.length > 0)
            flow.assets = assets;
        c.dataflows.push(flow);
        c.origin(id, at);
        collectInstances(raw.threats, id, { ...at, path: [...at.path, 'threats'] });
        if (raw.attributes)
            c.cannotExpress('free-form `attributes` maps');
    });
    conversion_listOf(root.mitigations).forEach((raw, i) => {
        const at = c.at('mitigations', i);
        if (!conversion_isRecord(raw))
            return c.error(at, 'import/otm-malformed', 'expected an OTM mitigation mapping');
        const foreign = elementId(raw.id, at, 'mitigation');
        if (foreign === undefined)
            return;
        if (mitigationIds.has(foreign))
            return c.error({ ...at, path: [...at.path, 'id'] }, 'import/duplicate-id', `duplicate OTM mitigation id \`${foreign}\``);
        const id = c.ids.claim(foreign, 'mitigation');
        mitigationIds.set(foreign, id);
        c.mitigations.push(compact({ id, title: shortText(conversion_text(raw.name) ?? foreign), description: conversion_text(raw.description) }));
        c.origin(id, at);
    });
    if (c.mitigations.length > 0)
        c.cannotExpress('mitigation type (preventive, detective, …)');
    const reductionOf = new Map();
    conversion_listOf(root.mitigations).forEach((raw) => {
        if (!conversion_isRecord(raw))
            return;
        const id = mitigationIds.get(conversion_text(raw.id) ?? '');
        if (id !== undefined && typeof raw.riskReduction === 'number' && Number.isFinite(raw.riskReduction))
            reductionOf.set(id, Math.min(100, Math.max(0, raw.riskReduction)) / 100);
    });
    const mitigationStates = new Map();
    conversion_listOf(root.threats).forEach((raw, i) => {
        const at = c.at('threats', i);
        if (!conversion_isRecord(raw))
            return c.error(at, 'import/otm-malformed', 'expected an OTM threat mapping');
        const foreign = elementId(raw.id, at, 'threat');
        if (foreign === undefined)
            return;
        if (threatIds.has(foreign))
            return c.error({ ...at, path: [...at.path, 'id'] }, 'import/duplicate-id', `duplicate OTM threat id \`${foreign}\``);
        const id = c.ids.claim(foreign, 'threat');
        threatIds.set(foreign, id);
        const categories = conversion_listOf(raw.categories);
        const category = categories.map(threatCategory).find((x) => x !== undefined);
        const extraCategories = categories.map(conversion_text).filter((label) => label !== undefined && threatCategory(label) !== category);
        const cwes = cweIds(conversion_listOf(raw.cwes));
        if (cwes.rejected.length > 0)
            c.warn({ ...at, path: [...at.path, 'cwes'] }, 'import/otm-bad-cwe', `threat \`${foreign}\` lists ${cwes.rejected.map((r) => JSON.stringify(r)).join(', ')} under \`cwes\`, which are not CWE ids; they are left out`, id);
        const risk = conversion_isRecord(raw.risk) ? raw.risk : {};
        if (conversion_text(risk.likelihoodComment) || conversion_text(risk.impactComment))
            c.cannotExpress('likelihood and impact comments of OTM threats');
        const tags = unique([...(strings(raw.tags) ?? []), ...extraCategories.map((label) => `category:${label}`)]);
        const threat = compact({
            id,
            title: shortText(conversion_text(raw.name) ?? foreign),
            description: conversion_text(raw.description),
            category,
            references: cwes.ids.length > 0 ? { cwe: cwes.ids } : undefined,
            likelihood: percentToLevel(risk.likelihood),
            impact: percentToLevel(risk.impact),
            tags: tags.length > 0 ? tags : undefined
        });
        const found = instances.get(foreign) ?? [];
        if (found.length > 0) {
            threat.targets = unique(found.map((f) => f.targetId));
            const statuses = [];
            for (const instance of found) {
                if (instance.state === undefined)
                    continue;
                const status = threatStatusFromState(instance.state);
                if (status)
                    statuses.push(status);
                else
                    c.warn({ ...instance.at, path: [...instance.at.path, 'state'] }, 'import/otm-unknown-state', `unknown threat state \`${instance.state}\`; expected one of exposed, mitigated, partly-mitigated, accepted, transferred, not-applicable; the status is left unset`, id);
            }
            if (new Set(statuses).size > 1)
                c.cannotExpress('per-instance threat states (instances that disagree are combined into the least settled status)');
            const status = combineThreatStatuses(statuses);
            if (status)
                threat.status = status;
            const linked = [];
            for (const instance of found) {
                for (const m of instance.mitigations) {
                    if (m.id === undefined) {
                        c.error(m.at, 'import/otm-malformed', 'this mitigation instance has no `mitigation` id', id);
                        continue;
                    }
                    const mitigationId = mitigationIds.get(m.id);
                    if (mitigationId === undefined) {
                        c.error({ ...m.at, path: [...m.at.path, 'mitigation'] }, 'import/unknown-reference', `mitigation \`${m.id}\` is not defined in \`mitigations\``, id);
                        continue;
                    }
                    linked.push(mitigationId);
                    if (m.state !== undefined) {
                        const mstatus = mitigationStatusFromState(m.state);
                        if (mstatus)
                            mitigationStates.set(mitigationId, [...(mitigationStates.get(mitigationId) ?? []), mstatus]);
                        else
                            c.warn({ ...m.at, path: [...m.at.path, 'state'] }, 'import/otm-unknown-state', `unknown mitigation state \`${m.state}\`; expected one of recommended, required, implemented, rejected, not-applicable; the status is left unset`, mitigationId);
                    }
                }
            }
            if (linked.length > 0)
                threat.mitigations = unique(linked);
        }
        c.threats.push(threat);
        c.origin(id, at);
        if (raw.attributes)
            c.cannotExpress('free-form `attributes` maps');
    });
    for (const [foreign, list] of instances) {
        if (threatIds.has(foreign))
            continue;
        for (const instance of list)
            c.error({ ...instance.at, path: [...instance.at.path, 'threat'] }, 'import/unknown-reference', `threat \`${foreign}\` is not defined in \`threats\``, instance.targetId);
    }
    const threatsOf = new Map();
    for (const threat of c.threats)
        for (const m of threat.mitigations ?? [])
            threatsOf.set(m, [...(threatsOf.get(m) ?? []), threat.id]);
    for (const mitigation of c.mitigations) {
        const states = mitigationStates.get(mitigation.id) ?? [];
        if (new Set(states).size > 1)
            c.cannotExpress('per-instance mitigation states (instances that disagree are combined into the least advanced status)');
        const status = combineMitigationStatuses(states);
        if (status)
            mitigation.status = status;
        const reduction = reductionOf.get(mitigation.id);
        if (reduction !== undefined) {
            const effects = (threatsOf.get(mitigation.id) ?? []).map((threat) => ({ threat, reduces: 'lef', by: { min: reduction, likely: reduction, max: reduction } }));
            if (effects.length > 0)
                mitigation.effects = effects;
        }
    }
    return { conversion: c, model };
}
function resolveList(c, values, ids, at, kind, owner) {
    const out = [];
    values.forEach((value, i) => {
        const raw = conversion_text(value);
        if (raw === undefined)
            return;
        const id = ids.get(raw);
        if (id === undefined)
            c.error({ ...at, path: [...at.path, i] }, 'import/unknown-reference', `${kind} \`${raw}\` is not defined in this file`, owner);
        else
            out.push(id);
    });
    return unique(out);
}
/** A model id from the project id, or a slug of its name. */
function slugOr(id, title) {
    if (id !== undefined)
        return id;
    return slugify(title) || 'imported-model';
}

;// CONCATENATED MODULE: ./src/core/import/threagile.ts



const MAX_INCLUDE_DEPTH = 8;
const CONFIDENTIALITY = {
    public: { classification: 'public', level: 'none' },
    internal: { classification: 'internal', level: 'low' },
    restricted: { classification: 'confidential', level: 'medium' },
    confidential: { classification: 'confidential', level: 'high' },
    'strictly-confidential': { classification: 'restricted', level: 'very-high' }
};
const CRITICALITY_LEVEL = {
    archive: 'none',
    operational: 'low',
    important: 'medium',
    critical: 'high',
    'mission-critical': 'very-high'
};
const BUSINESS_CRITICALITY = {
    archive: 'low',
    operational: 'low',
    important: 'medium',
    critical: 'high',
    'mission-critical': 'critical'
};
const TECHNOLOGY_TYPE = [
    [/^(vault|hsm)$/, 'secrets-store'],
    [/^(identity-provider|ldap-server)$/, 'identity-provider'],
    [/^(identity-store-ldap|identity-store-database|database|file-server|local-file-system|search-index|data-lake|block-storage)$/, 'datastore'],
    [/^(message-queue|event-listener|stream-processing)$/, 'queue'],
    [/^function$/, 'function'],
    [/^(gateway|reverse-proxy|load-balancer|waf|service-mesh)$/, 'gateway'],
    [/^build-pipeline$/, 'pipeline'],
    [/^(sourcecode-repository|artifact-registry)$/, 'repository'],
    [/^iot-device$/, 'device'],
    [/^(browser|client-system|desktop|mobile-app|devops-client)$/, 'user'],
    [/^(web-server|web-application|application-server|web-service-rest|web-service-soap|erp|cms|ejb)$/, 'service']
];
const ENCRYPTED_PROTOCOL = /(^|-)encrypted$|^(https|wss|ssh|ssh-tunnel|ftps|sftp|scp|ldaps)$/;
const PLAIN_PROTOCOL = /^(http|ws|mqtt|jdbc|odbc|sql-access-protocol|nosql-access-protocol|binary|text|smtp|pop3|imap|ftp|ldap|jms|nfs|smb|nrpe|xmpp|iiop|jrmp|reverse-proxy-web-protocol)$/;
const TRACKING_STATUS = {
    unchecked: 'open',
    'in-discussion': 'open',
    'in-progress': 'open',
    accepted: 'accepted',
    mitigated: 'mitigated',
    'false-positive': 'not-applicable'
};
/** Converts a Threagile YAML model (with its `includes`) into the native model. */
function convertThreagile(main, options) {
    const c = new Conversion('threagile', main);
    const files = loadIncludes(c, main, options);
    const first = (key, pick) => {
        for (const file of files) {
            const value = conversion_isRecord(file.value) ? pick(file.value[key]) : undefined;
            if (value !== undefined)
                return value;
        }
        return undefined;
    };
    const entries = (key) => {
        const out = [];
        const seen = new Map();
        for (const file of files) {
            if (!conversion_isRecord(file.value))
                continue;
            const map = file.value[key];
            if (map === undefined || map === null)
                continue;
            if (Array.isArray(map)) {
                // Newer Threagile writes `custom_risk_categories` as a list with an inner `title`.
                map.forEach((value, i) => {
                    const at = { source: file, path: [key, i] };
                    if (!conversion_isRecord(value))
                        return c.error(at, 'import/threagile-malformed', `expected a mapping in \`${key}\``);
                    out.push({ title: conversion_text(value.title) ?? conversion_text(value.id) ?? `${key} ${i + 1}`, value, at });
                });
                continue;
            }
            if (!conversion_isRecord(map)) {
                c.error({ source: file, path: [key] }, 'import/threagile-malformed', `\`${key}\` must be a mapping keyed by title`);
                continue;
            }
            for (const [title, value] of Object.entries(map)) {
                const at = { source: file, path: [key, title] };
                if (!conversion_isRecord(value)) {
                    c.error(at, 'import/threagile-malformed', `\`${key}\` entry "${title}" must be a mapping with an \`id\``);
                    continue;
                }
                const earlier = seen.get(title);
                if (earlier) {
                    c.error(at, 'import/duplicate-id', `\`${key}\` entry "${title}" is defined twice (also in ${earlier.source.file})`);
                    continue;
                }
                seen.set(title, at);
                out.push({ title, value, at });
            }
        }
        return out;
    };
    const title = first('title', conversion_text) ?? 'Untitled Threagile model';
    const author = first('author', (v) => (conversion_isRecord(v) ? conversion_text(v.name) : undefined));
    const overview = first('business_overview', (v) => (conversion_isRecord(v) ? conversion_text(v.description) : undefined)) ?? first('technical_overview', (v) => (conversion_isRecord(v) ? conversion_text(v.description) : undefined));
    const criticality = first('business_criticality', conversion_text);
    const model = compact({
        id: slugify(title) || 'threagile-model',
        title: shortText(title),
        owner: shortText(author),
        description: overview,
        business: criticality && BUSINESS_CRITICALITY[criticality] ? { criticality: BUSINESS_CRITICALITY[criticality] } : undefined
    });
    for (const key of ['shared_runtimes', 'abuse_cases', 'security_requirements', 'questions']) {
        if (files.some((f) => conversion_isRecord(f.value) && f.value[key] !== undefined && f.value[key] !== null && Object.keys(f.value[key]).length > 0)) {
            c.cannotExpress(`Threagile \`${key}\``);
        }
    }
    // Threagile id → native id, and the other direction for risk-tracking patterns.
    const ids = new Map();
    const idFor = (entry, kind) => {
        const raw = conversion_text(entry.value.id);
        if (raw === undefined) {
            c.error(entry.at, 'import/threagile-missing-id', `"${entry.title}" has no inner \`id\`; Threagile identifies elements by it`);
            return undefined;
        }
        if (ids.has(raw)) {
            c.error({ ...entry.at, path: [...entry.at.path, 'id'] }, 'import/duplicate-id', `id \`${raw}\` of "${entry.title}" is already used by another element`);
            return undefined;
        }
        const id = c.ids.claim(raw, kind);
        ids.set(raw, id);
        return id;
    };
    const assetIds = new Set();
    for (const entry of entries('data_assets')) {
        const id = idFor(entry, 'asset');
        if (id === undefined)
            continue;
        assetIds.add(id);
        const v = entry.value;
        const conf = CONFIDENTIALITY[conversion_text(v.confidentiality) ?? ''];
        const cia = compact({ confidentiality: conf?.level, integrity: CRITICALITY_LEVEL[conversion_text(v.integrity) ?? ''], availability: CRITICALITY_LEVEL[conversion_text(v.availability) ?? ''] });
        c.assets.push(compact({ id, title: shortText(entry.title), description: conversion_text(v.description), classification: conf?.classification, cia: Object.keys(cia).length > 0 ? cia : undefined, owner: shortText(conversion_text(v.owner)), tags: strings(v.tags) }));
        c.origin(id, entry.at);
    }
    const technical = entries('technical_assets');
    const componentIds = new Set();
    const componentEntries = [];
    for (const entry of technical) {
        const id = idFor(entry, 'component');
        if (id === undefined)
            continue;
        componentIds.add(id);
        componentEntries.push({ id, entry });
    }
    // Trust boundaries: nesting gives zone parents; the innermost boundary listing an asset is its zone.
    const boundaries = entries('trust_boundaries');
    const boundaryIds = new Map();
    for (const entry of boundaries) {
        const id = idFor(entry, 'zone');
        if (id !== undefined)
            boundaryIds.set(entry, id);
    }
    const parentOf = new Map();
    for (const [entry, id] of boundaryIds) {
        conversion_listOf(entry.value.trust_boundaries_nested).forEach((nested, i) => {
            const nestedId = ids.get(conversion_text(nested) ?? '');
            if (nestedId === undefined || ![...boundaryIds.values()].includes(nestedId)) {
                c.error({ ...entry.at, path: [...entry.at.path, 'trust_boundaries_nested', i] }, 'import/unknown-reference', `nested trust boundary \`${String(nested)}\` is not defined`, id);
            }
            else
                parentOf.set(nestedId, id);
        });
    }
    const depthOf = (id) => {
        let depth = 0;
        for (let current = parentOf.get(id); current !== undefined && depth < 32; current = parentOf.get(current))
            depth++;
        return depth;
    };
    if (boundaryIds.size > 0)
        c.cannotExpress('zone trust levels (Threagile trust boundaries carry no rating: imported boundaries get trust 50, plus 10 per nesting level)');
    const zoneOf = new Map();
    for (const [entry, id] of boundaryIds) {
        c.zones.push(compact({ id, title: shortText(entry.title), description: conversion_text(entry.value.description), trust: Math.min(100, 50 + 10 * depthOf(id)), parent: parentOf.get(id), tags: unique([...(strings(entry.value.tags) ?? []), ...(conversion_text(entry.value.type) ? [`boundary-type:${conversion_text(entry.value.type)}`] : [])]) }));
        c.origin(id, entry.at);
        conversion_listOf(entry.value.technical_assets_inside).forEach((inside, i) => {
            const assetId = ids.get(conversion_text(inside) ?? '');
            if (assetId === undefined || !componentIds.has(assetId)) {
                c.error({ ...entry.at, path: [...entry.at.path, 'technical_assets_inside', i] }, 'import/unknown-reference', `technical asset \`${String(inside)}\` inside trust boundary "${entry.title}" is not defined`, id);
                return;
            }
            const current = zoneOf.get(assetId);
            if (current === undefined || depthOf(id) > depthOf(current))
                zoneOf.set(assetId, id);
        });
    }
    for (const zone of c.zones)
        if (zone.tags?.length === 0)
            delete zone.tags;
    const needsInternetZone = componentEntries.some(({ id, entry }) => entry.value.internet === true && !zoneOf.has(id));
    const internetZone = needsInternetZone ? c.ids.claim('internet', 'zone') : undefined;
    if (internetZone) {
        c.zones.push({ id: internetZone, title: 'Internet', trust: 0 });
        c.cannotExpress('an explicit internet zone (technical assets marked `internet: true` outside every trust boundary are placed in an `internet` zone with trust 0)');
    }
    const linkIds = new Map();
    for (const { id, entry } of componentEntries) {
        const v = entry.value;
        const technology = conversion_text(v.technology);
        const technologies = unique([...(technology ? [technology] : []), ...(strings(v.technologies) ?? [])]);
        const assets = resolveAll(c, entry, ['data_assets_processed', 'data_assets_stored'], ids, assetIds, 'data asset', id);
        const tags = unique([...(strings(v.tags) ?? []), ...(v.out_of_scope === true ? ['out-of-scope'] : [])]);
        const component = compact({
            id,
            title: shortText(entry.title),
            description: conversion_text(v.description),
            type: componentType(conversion_text(v.type), technologies, v.used_as_client_by_human === true),
            zone: zoneOf.get(id) ?? (v.internet === true ? internetZone : undefined),
            owner: shortText(conversion_text(v.owner)),
            technologies: technologies.length > 0 ? technologies : undefined,
            internet_facing: typeof v.internet === 'boolean' ? v.internet : undefined,
            assets: assets.length > 0 ? assets : undefined,
            tags: tags.length > 0 ? tags : undefined
        });
        c.components.push(component);
        c.origin(id, entry.at);
    }
    for (const { id: sourceId, entry } of componentEntries) {
        const links = entry.value.communication_links;
        if (links === undefined || links === null)
            continue;
        if (!conversion_isRecord(links)) {
            c.error({ ...entry.at, path: [...entry.at.path, 'communication_links'] }, 'import/threagile-malformed', '`communication_links` must be a mapping keyed by title', sourceId);
            continue;
        }
        const sourceRaw = conversion_text(entry.value.id);
        for (const [linkTitle, link] of Object.entries(links)) {
            const at = { ...entry.at, path: [...entry.at.path, 'communication_links', linkTitle] };
            if (!conversion_isRecord(link)) {
                c.error(at, 'import/threagile-malformed', `communication link "${linkTitle}" must be a mapping with a \`target\``, sourceId);
                continue;
            }
            // Threagile's own link id is `<source id>>` plus the normalised title; risk ids use it.
            const threagileId = `${sourceRaw}>${linkTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
            const id = c.ids.claim(`${sourceId}/${slugify(linkTitle, 60) || stableHash(linkTitle)}`, 'dataflow');
            linkIds.set(threagileId, id);
            const targetRaw = conversion_text(link.target);
            const target = ids.get(targetRaw ?? '');
            if (target === undefined || !componentIds.has(target)) {
                c.error({ ...at, path: [...at.path, 'target'] }, 'import/unknown-reference', `communication link "${linkTitle}" targets \`${targetRaw ?? ''}\`, which is not a technical asset`, id);
                continue;
            }
            const protocol = conversion_text(link.protocol);
            const assets = resolveAll(c, { title: linkTitle, value: link, at }, ['data_assets_sent', 'data_assets_received'], ids, assetIds, 'data asset', id);
            const flags = ['vpn', 'ip_filtered', 'readonly'].filter((flag) => link[flag] === true).map((flag) => flag.replace('_', '-'));
            const tags = unique([...(strings(link.tags) ?? []), ...flags]);
            const flow = compact({
                id,
                title: shortText(linkTitle),
                description: conversion_text(link.description),
                from: sourceId,
                to: target,
                protocol,
                assets: assets.length > 0 ? assets : undefined,
                authentication: conversion_text(link.authentication),
                authorization: conversion_text(link.authorization),
                encrypted: protocol === undefined ? undefined : ENCRYPTED_PROTOCOL.test(protocol) ? true : PLAIN_PROTOCOL.test(protocol) ? false : undefined,
                tags: tags.length > 0 ? tags : undefined
            });
            c.dataflows.push(flow);
            c.origin(id, at);
        }
    }
    // Risk categories written by hand, with the risks identified for them.
    const threatKeys = new Map();
    const categories = [...entries('individual_risk_categories'), ...entries('custom_risk_categories')];
    for (const category of categories) {
        const v = category.value;
        const categoryId = conversion_text(v.id);
        if (categoryId === undefined) {
            c.error(category.at, 'import/threagile-missing-id', `risk category "${category.title}" has no \`id\``);
            continue;
        }
        const risks = v.risks_identified;
        if (risks !== undefined && risks !== null && !conversion_isRecord(risks)) {
            c.error({ ...category.at, path: [...category.at.path, 'risks_identified'] }, 'import/threagile-malformed', '`risks_identified` must be a mapping keyed by risk title');
            continue;
        }
        const cwe = typeof v.cwe === 'number' && Number.isInteger(v.cwe) && v.cwe > 0 ? [`CWE-${v.cwe}`] : undefined;
        const categoryThreats = [];
        for (const [riskTitle, risk] of Object.entries(risks ?? {})) {
            const at = { ...category.at, path: [...category.at.path, 'risks_identified', riskTitle] };
            if (!conversion_isRecord(risk)) {
                c.error(at, 'import/threagile-malformed', `risk "${riskTitle}" must be a mapping`);
                continue;
            }
            const relevant = ['most_relevant_technical_asset', 'most_relevant_communication_link', 'most_relevant_trust_boundary', 'most_relevant_shared_runtime', 'most_relevant_data_asset'].map((key) => conversion_text(risk[key]));
            const synthetic = [categoryId, ...relevant.filter((x) => x !== undefined)].join('@');
            const key = threatKeys.has(synthetic) ? `${synthetic}@${stableHash(riskTitle)}` : synthetic;
            const id = c.ids.claim(key.replace(/[@>]/g, '/'), 'threat');
            threatKeys.set(key, id);
            const targets = [];
            relevant.forEach((value, i) => {
                if (value === undefined || i === 3)
                    return;
                const target = i === 1 ? linkIds.get(value) : ids.get(value);
                if (target === undefined)
                    c.error(at, 'import/unknown-reference', `risk "${stripTags(riskTitle)}" names \`${value}\`, which is not defined in the model`, id);
                else
                    targets.push(target);
            });
            const likelihood = conversion_text(risk.exploitation_likelihood);
            const impact = conversion_text(risk.exploitation_impact);
            const rated = likelihood && impact && isOneOf(likelihood, ['unlikely', 'likely', 'very-likely', 'frequent']) && isOneOf(impact, ['low', 'medium', 'high', 'very-high']);
            if ((likelihood || impact) && !rated)
                c.warn(at, 'import/threagile-bad-rating', `risk "${stripTags(riskTitle)}" has exploitation likelihood ${JSON.stringify(likelihood)} and impact ${JSON.stringify(impact)}; expected unlikely/likely/very-likely/frequent and low/medium/high/very-high; the rating is left out`, id);
            const threat = compact({
                id,
                title: shortText(stripTags(riskTitle) || category.title),
                description: conversion_text(v.description),
                category: threatCategory(v.stride),
                targets: targets.length > 0 ? unique(targets) : undefined,
                business_impact: conversion_text(v.impact),
                references: cwe || conversion_text(v.cheat_sheet) ? compact({ cwe, links: conversion_text(v.cheat_sheet) ? [shortText(conversion_text(v.cheat_sheet))] : undefined }) : undefined,
                risk: rated ? { threagile: { likelihood: likelihood, impact: impact } } : undefined,
                status: 'open',
                origin: 'threagile'
            });
            c.threats.push(threat);
            c.origin(id, at);
            categoryThreats.push(id);
            if (conversion_text(risk.severity) || conversion_text(risk.data_breach_probability))
                c.cannotExpress("Threagile's computed severity and data-breach probability of individual risks");
        }
        const advice = conversion_text(v.mitigation);
        if (advice !== undefined && categoryThreats.length > 0) {
            const mitigationId = c.ids.claim(`${categoryId}/mitigation`, 'mitigation');
            const mitigation = compact({ id: mitigationId, title: shortText(conversion_text(v.action) ?? `Mitigate ${category.title}`), description: advice, verification: conversion_text(v.check) });
            c.mitigations.push(mitigation);
            c.origin(mitigationId, { ...category.at, path: [...category.at.path, 'mitigation'] });
            for (const threatId of categoryThreats) {
                const threat = c.threats.find((t) => t.id === threatId);
                threat.mitigations = [mitigationId];
            }
        }
    }
    applyRiskTracking(c, entries('risk_tracking'), threatKeys, (raw) => ids.get(raw) ?? linkIds.get(raw), model.id);
    return { conversion: c, model };
}
/** Maps `risk_tracking` onto the imported threats (with `*` wildcards) and keeps the rest as suppressions. */
function applyRiskTracking(c, tracking, threatKeys, elementOf, modelId) {
    for (const entry of tracking) {
        const v = entry.value;
        const status = conversion_text(v.status);
        const mapped = status === undefined ? undefined : TRACKING_STATUS[status];
        if (mapped === undefined) {
            c.warn({ ...entry.at, path: [...entry.at.path, 'status'] }, 'import/threagile-bad-status', `risk tracking "${entry.title}" has status ${JSON.stringify(status)}; expected unchecked, in-discussion, accepted, in-progress, mitigated or false-positive`);
            continue;
        }
        const pattern = new RegExp(`^${entry.title.split('*').map(escapeRegExp).join('[^@]+')}$`);
        const matched = [...threatKeys].filter(([key]) => pattern.test(key)).map(([, id]) => id);
        const date = dateText(v.date);
        const justification = conversion_text(v.justification);
        for (const id of matched) {
            const threat = c.threats.find((t) => t.id === id);
            threat.status = mapped;
            if (mapped === 'accepted')
                threat.acceptance = compact({ by: shortText(conversion_text(v.checked_by)), reason: justification, date });
        }
        if (conversion_text(v.ticket))
            c.cannotExpress('risk-tracking ticket references');
        if (matched.length > 0)
            continue;
        // Tracking of Threagile's built-in rules: keep accepted and false-positive decisions as suppressions.
        if (status === 'accepted' || status === 'false-positive') {
            const [rule, ...rest] = entry.title.split('@');
            // A suppression targets one element or the whole model; the first element the pattern names wins.
            const target = rest.map(elementOf).find((id) => id !== undefined) ?? modelId;
            c.suppressions.push(compact({
                rule: shortText(`threagile:${rule}`),
                target,
                reason: [`${status} (risk tracking \`${entry.title}\`)`, justification, conversion_text(v.ticket) ? `ticket ${conversion_text(v.ticket)}` : undefined].filter(Boolean).join(': '),
                approved_by: shortText(conversion_text(v.checked_by))
            }));
        }
        else
            c.cannotExpress(`risk-tracking states other than accepted and false-positive for Threagile's built-in rules`);
    }
}
function loadIncludes(c, main, options) {
    const files = [main];
    const visited = new Set([main.file]);
    const visit = (from, depth) => {
        if (!conversion_isRecord(from.value))
            return;
        conversion_listOf(from.value.includes).forEach((raw, i) => {
            const at = { source: from, path: ['includes', i] };
            const name = conversion_text(raw);
            if (name === undefined)
                return c.error(at, 'import/threagile-malformed', '`includes` entries must be file paths');
            const resolved = resolveInclude(from.file, name);
            if ('problem' in resolved)
                return c.error(at, 'import/include-outside', resolved.problem);
            if (visited.has(resolved.path))
                return c.warn(at, 'import/include-cycle', `\`${name}\` (${resolved.path}) is included more than once or includes itself; it is read once`);
            if (depth >= MAX_INCLUDE_DEPTH)
                return c.error(at, 'import/include-depth', `includes nest deeper than ${MAX_INCLUDE_DEPTH} levels`);
            if (!options.readInclude)
                return c.error(at, 'import/include-unavailable', `\`${name}\` cannot be read here (no file access was given to the importer)`);
            const content = options.readInclude(resolved.path);
            if (content === undefined)
                return c.error(at, 'import/include-missing', `included file \`${name}\` (${resolved.path}) does not exist`);
            const textContent = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
            const parsed = parseYamlDocument(resolved.path, textContent, options.limits);
            visited.add(resolved.path);
            if (!parsed.ok) {
                c.problems.push(...parsed.problems);
                return;
            }
            const file = { file: resolved.path, value: parsed.document.value, sourceMap: parsed.document.sourceMap };
            if (!conversion_isRecord(file.value))
                return c.error({ source: file, path: [] }, 'import/threagile-malformed', 'an included Threagile file must be a mapping');
            files.push(file);
            visit(file, depth + 1);
        });
    };
    visit(main, 0);
    return files;
}
/** Resolves an include relative to the including file; refuses absolute paths and escapes from the repository. */
function resolveInclude(from, include) {
    if (/^([\\/]|[A-Za-z]:[\\/]|~)/.test(include) || include.includes('\0')) {
        return { problem: `include \`${include}\` is an absolute path; includes are resolved relative to the model and must stay inside the repository` };
    }
    const parts = from.replace(/\\/g, '/').split('/').slice(0, -1);
    for (const part of include.replace(/\\/g, '/').split('/')) {
        if (part === '' || part === '.')
            continue;
        if (part === '..') {
            if (parts.length === 0)
                return { problem: `include \`${include}\` leaves the repository (\`..\` above its root); includes must stay inside the repository` };
            parts.pop();
        }
        else
            parts.push(part);
    }
    return { path: parts.join('/') };
}
function resolveAll(c, entry, keys, ids, allowed, kind, owner) {
    const out = [];
    for (const key of keys) {
        conversion_listOf(entry.value[key]).forEach((raw, i) => {
            const value = conversion_text(raw);
            if (value === undefined)
                return;
            const id = ids.get(value);
            if (id === undefined || !allowed.has(id))
                c.error({ ...entry.at, path: [...entry.at.path, key, i] }, 'import/unknown-reference', `${kind} \`${value}\` in "${entry.title}" is not defined`, owner);
            else
                out.push(id);
        });
    }
    return unique(out);
}
function componentType(type, technologies, humanClient) {
    if (humanClient)
        return 'user';
    for (const technology of technologies)
        for (const [pattern, mapped] of TECHNOLOGY_TYPE)
            if (pattern.test(technology))
                return mapped;
    if (type === 'datastore')
        return 'datastore';
    if (type === 'external-entity')
        return 'external';
    if (type === 'process')
        return 'process';
    return 'service';
}
function stripTags(value) {
    return value.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
}
function escapeRegExp(value) {
    return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function isOneOf(value, allowed) {
    return allowed.includes(value);
}
/** A YAML date (parsed to a Date) or `YYYY-MM-DD` text, as `YYYY-MM-DD`. */
function dateText(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime()))
        return value.toISOString().slice(0, 10);
    const raw = conversion_text(value);
    return raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined;
}

;// CONCATENATED MODULE: ./src/core/import/threat-composer.ts


const THREAT_STATUS = {
    threatIdentified: 'open',
    threatResolved: 'mitigated',
    threatResolvedNotUseful: 'not-applicable'
};
const MITIGATION_STATUS = {
    mitigationIdentified: 'proposed',
    mitigationInProgress: 'in-progress',
    mitigationResolved: 'implemented',
    mitigationResolvedWillNotAction: 'rejected'
};
const PRIORITY = { high: 'high', medium: 'medium', low: 'low' };
/** Converts an AWS Threat Composer export (`.tc.json`, schema 1) into the native model. */
function convertThreatComposer(main) {
    const c = new Conversion('threat-composer', main);
    const root = main.value;
    const info = conversion_isRecord(root.applicationInfo) ? root.applicationInfo : {};
    const title = conversion_text(info.name) ?? 'Untitled Threat Composer workspace';
    const model = compact({ id: slugify(title) || 'threat-composer-model', title: shortText(title), description: conversion_text(info.description) });
    if (conversion_isRecord(root.architecture) || conversion_isRecord(root.dataflow))
        c.cannotExpress('architecture and data-flow diagrams (Threat Composer keeps them as images and prose, not elements)');
    c.cannotExpress('components, zones and data flows (Threat Composer describes threats, not the architecture)');
    c.cannotExpress('mitigation type (preventive, detective, …)');
    const metadataOf = (raw) => {
        const out = new Map();
        for (const item of conversion_listOf(raw.metadata))
            if (conversion_isRecord(item) && typeof item.key === 'string')
                out.set(item.key.toLowerCase(), item.value);
        return out;
    };
    const entityId = (raw, at, kind, seen) => {
        if (!conversion_isRecord(raw)) {
            c.error(at, 'import/threat-composer-malformed', `expected a ${kind} mapping`);
            return undefined;
        }
        const foreign = conversion_text(raw.id);
        if (foreign === undefined) {
            c.error(at, 'import/threat-composer-missing-id', `this ${kind} has no \`id\``);
            return undefined;
        }
        if (seen.has(foreign)) {
            c.error({ ...at, path: [...at.path, 'id'] }, 'import/duplicate-id', `duplicate ${kind} id \`${foreign}\``);
            return undefined;
        }
        const id = c.ids.claim(foreign, kind);
        seen.set(foreign, id);
        return id;
    };
    const actorIds = new Map();
    const assetIds = new Map();
    const threatIds = new Map();
    conversion_listOf(root.threats).forEach((raw, i) => {
        const at = c.at('threats', i);
        const id = entityId(raw, at, 'threat', threatIds);
        if (id === undefined)
            return;
        const t = raw;
        const meta = metadataOf(t);
        const stride = conversion_listOf(meta.get('stride')).map((s) => conversion_text(s)).filter((s) => s !== undefined);
        const categories = stride.map(threatCategory).filter((x) => x !== undefined);
        const source = conversion_text(t.threatSource);
        let sourceId;
        if (source !== undefined) {
            sourceId = actorIds.get(source);
            if (sourceId === undefined) {
                sourceId = c.ids.claim(derivedId('actor', source, source), 'actor');
                actorIds.set(source, sourceId);
                c.actors.push({ id: sourceId, title: shortText(source) });
                c.origin(sourceId, { ...at, path: [...at.path, 'threatSource'] });
            }
        }
        const targets = [];
        conversion_listOf(t.impactedAssets).forEach((asset, j) => {
            const name = conversion_text(asset);
            if (name === undefined)
                return;
            let assetId = assetIds.get(name);
            if (assetId === undefined) {
                assetId = c.ids.claim(derivedId('asset', name, name), 'asset');
                assetIds.set(name, assetId);
                c.assets.push({ id: assetId, title: shortText(name) });
                c.origin(assetId, { ...at, path: [...at.path, 'impactedAssets', j] });
            }
            targets.push(assetId);
        });
        const status = conversion_text(t.status);
        if (status !== undefined && THREAT_STATUS[status] === undefined)
            c.warn({ ...at, path: [...at.path, 'status'] }, 'import/threat-composer-bad-status', `threat status ${JSON.stringify(status)} is not threatIdentified, threatResolved or threatResolvedNotUseful; it is left unset`, id);
        const priority = conversion_text(meta.get('priority'))?.toLowerCase();
        const tags = unique([...(strings(t.tags) ?? []), ...(priority ? [`priority:${priority}`] : []), ...categories.slice(1).map((cat) => `stride:${cat}`)]);
        const statement = conversion_text(t.statement) ?? grammarStatement(t);
        c.threats.push(compact({
            id,
            title: shortText(statement ?? `Threat ${typeof t.numericId === 'number' ? t.numericId : id}`),
            description: conversion_text(meta.get('comments')),
            category: categories[0],
            source: sourceId,
            prerequisites: conversion_text(t.prerequisites),
            action: conversion_text(t.threatAction),
            business_impact: conversion_text(t.threatImpact),
            objectives: strings(t.impactedGoal)?.map((g) => shortText(g)),
            targets: targets.length > 0 ? unique(targets) : undefined,
            status: status === undefined ? undefined : THREAT_STATUS[status],
            tags: tags.length > 0 ? tags : undefined
        }));
        c.origin(id, at);
    });
    if (c.threats.some((t) => t.tags?.some((tag) => tag.startsWith('priority:'))))
        c.cannotExpress('threat priority (kept as a `priority:` tag)');
    const mitigationIds = new Map();
    conversion_listOf(root.mitigations).forEach((raw, i) => {
        const at = c.at('mitigations', i);
        const id = entityId(raw, at, 'mitigation', mitigationIds);
        if (id === undefined)
            return;
        const m = raw;
        const meta = metadataOf(m);
        const status = conversion_text(m.status);
        if (status !== undefined && MITIGATION_STATUS[status] === undefined)
            c.warn({ ...at, path: [...at.path, 'status'] }, 'import/threat-composer-bad-status', `mitigation status ${JSON.stringify(status)} is not one of mitigationIdentified, mitigationInProgress, mitigationResolved, mitigationResolvedWillNotAction; it is left unset`, id);
        const content = conversion_text(m.content);
        if (content === undefined)
            c.warn(at, 'import/threat-composer-empty', 'this mitigation has no `content`', id);
        c.mitigations.push(compact({
            id,
            title: shortText(content ?? `Mitigation ${typeof m.numericId === 'number' ? m.numericId : id}`),
            description: conversion_text(meta.get('comments')),
            status: status === undefined ? undefined : MITIGATION_STATUS[status],
            priority: PRIORITY[conversion_text(meta.get('priority'))?.toLowerCase() ?? ''],
            tags: strings(m.tags)
        }));
        c.origin(id, at);
    });
    const assumptionIds = new Map();
    conversion_listOf(root.assumptions).forEach((raw, i) => {
        const at = c.at('assumptions', i);
        const id = entityId(raw, at, 'assumption', assumptionIds);
        if (id === undefined)
            return;
        const a = raw;
        const content = conversion_text(a.content);
        if (content === undefined)
            return c.error({ ...at, path: [...at.path, 'content'] }, 'import/threat-composer-empty', 'this assumption has no `content`', id);
        c.assumptions.push(compact({ id, text: content, description: conversion_text(metadataOf(a).get('comments')) }));
        c.origin(id, at);
    });
    conversion_listOf(root.mitigationLinks).forEach((raw, i) => {
        const at = c.at('mitigationLinks', i);
        if (!conversion_isRecord(raw))
            return c.error(at, 'import/threat-composer-malformed', 'expected a link mapping with `mitigationId` and `linkedId`');
        const mitigation = mitigationIds.get(conversion_text(raw.mitigationId) ?? '');
        const linked = conversion_text(raw.linkedId) ?? '';
        if (mitigation === undefined)
            return c.error({ ...at, path: [...at.path, 'mitigationId'] }, 'import/unknown-reference', `mitigation \`${String(raw.mitigationId)}\` is not defined in \`mitigations\``);
        const threat = threatIds.get(linked);
        if (threat !== undefined) {
            const t = c.threats.find((x) => x.id === threat);
            t.mitigations = unique([...(t.mitigations ?? []), mitigation]);
        }
        else if (assumptionIds.has(linked))
            c.cannotExpress('links between mitigations and assumptions');
        else
            c.error({ ...at, path: [...at.path, 'linkedId'] }, 'import/unknown-reference', `linked id \`${linked}\` is neither a threat nor an assumption`, mitigation);
    });
    conversion_listOf(root.assumptionLinks).forEach((raw, i) => {
        const at = c.at('assumptionLinks', i);
        if (!conversion_isRecord(raw))
            return c.error(at, 'import/threat-composer-malformed', 'expected a link mapping with `assumptionId` and `linkedId`');
        if (!assumptionIds.has(conversion_text(raw.assumptionId) ?? ''))
            return c.error({ ...at, path: [...at.path, 'assumptionId'] }, 'import/unknown-reference', `assumption \`${String(raw.assumptionId)}\` is not defined in \`assumptions\``);
        const linked = conversion_text(raw.linkedId) ?? '';
        if (!threatIds.has(linked) && !mitigationIds.has(linked))
            return c.error({ ...at, path: [...at.path, 'linkedId'] }, 'import/unknown-reference', `linked id \`${linked}\` is neither a threat nor a mitigation`);
        c.cannotExpress('links from assumptions to threats and mitigations');
    });
    return { conversion: c, model };
}
/** The threat statement Threat Composer shows, rebuilt from its grammar when `statement` is absent. */
function grammarStatement(t) {
    const source = conversion_text(t.threatSource);
    const action = conversion_text(t.threatAction);
    if (source === undefined && action === undefined)
        return undefined;
    const parts = [`${source ? `A ${source}` : 'A threat source'}${conversion_text(t.prerequisites) ? ` ${conversion_text(t.prerequisites)}` : ''} can ${action ?? 'act'}`];
    if (conversion_text(t.threatImpact))
        parts.push(`which leads to ${conversion_text(t.threatImpact)}`);
    const goals = strings(t.impactedGoal);
    const assets = strings(t.impactedAssets);
    if (goals || assets)
        parts.push(`resulting in reduced ${goals ? goals.join(' and ') : 'security'}${assets ? ` of ${assets.join(' and ')}` : ''}`);
    return parts.join(', ');
}

;// CONCATENATED MODULE: ./src/core/import/threat-dragon.ts


const threat_dragon_THREAT_STATUS = {
    open: 'open',
    mitigated: 'mitigated',
    notapplicable: 'not-applicable',
    na: 'not-applicable',
    'n/a': 'not-applicable'
};
/** Converts an OWASP Threat Dragon v1 or v2 JSON model into the native model. */
function convertThreatDragon(main, format) {
    const c = new Conversion(format, main);
    const root = main.value;
    const summary = conversion_isRecord(root.summary) ? root.summary : {};
    const detail = conversion_isRecord(root.detail) ? root.detail : {};
    const title = conversion_text(summary.title) ?? 'Untitled Threat Dragon model';
    const model = compact({ id: slugify(title) || 'threat-dragon-model', title: shortText(title), owner: shortText(conversion_text(summary.owner)), description: conversion_text(summary.description) });
    c.cannotExpress('mitigation type and status (Threat Dragon keeps a mitigation as free text on the threat)');
    c.cannotExpress('threat severity and score (Threat Dragon rates threats High/Medium/Low without likelihood and impact)');
    const cells = [];
    conversion_listOf(detail.diagrams).forEach((diagram, d) => {
        if (!conversion_isRecord(diagram))
            return c.error(c.at('detail', 'diagrams', d), 'import/threat-dragon-malformed', 'expected a diagram mapping');
        const list = format === 'threat-dragon-v2' ? diagram.cells : conversion_isRecord(diagram.diagramJson) ? diagram.diagramJson.cells : undefined;
        const base = format === 'threat-dragon-v2' ? ['detail', 'diagrams', d, 'cells'] : ['detail', 'diagrams', d, 'diagramJson', 'cells'];
        if (list !== undefined && !Array.isArray(list))
            return c.error(c.at(...base), 'import/threat-dragon-malformed', 'diagram cells must be a list');
        conversion_listOf(list).forEach((raw, i) => {
            const at = c.at(...base, i);
            if (!conversion_isRecord(raw))
                return c.error(at, 'import/threat-dragon-malformed', 'expected a cell mapping');
            const props = format === 'threat-dragon-v2' && conversion_isRecord(raw.data) ? raw.data : raw;
            cells.push({ raw, at, props, kind: cellKind(raw, props) });
        });
    });
    const idOf = new Map();
    const cellId = (cell) => {
        const raw = conversion_text(cell.raw.id);
        if (raw === undefined) {
            c.error(cell.at, 'import/threat-dragon-missing-id', `this ${cell.kind} cell has no \`id\``);
            return undefined;
        }
        if (idOf.has(raw)) {
            c.error({ ...cell.at, path: [...cell.at.path, 'id'] }, 'import/duplicate-id', `duplicate cell id \`${raw}\``);
            return undefined;
        }
        const id = c.ids.claim(raw, cell.kind);
        idOf.set(raw, id);
        return id;
    };
    // Boundary boxes become zones; a node belongs to the smallest box that contains its centre.
    const boxes = [];
    for (const cell of cells.filter((x) => x.kind === 'boundary-box')) {
        const id = cellId(cell);
        if (id === undefined)
            continue;
        const geometry = geometryOf(cell.raw);
        if (!geometry) {
            c.warn(cell.at, 'import/threat-dragon-geometry', `trust boundary box \`${id}\` has no position and size, so no element can be placed inside it`, id);
        }
        else
            boxes.push({ id, ...geometry });
        c.zones.push(compact({ id, title: shortText(nameOf(cell)), description: conversion_text(cell.props.description), trust: 50 }));
        c.origin(id, cell.at);
    }
    const containing = (x, y, except) => boxes
        .filter((b) => b.id !== except && x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height)
        .sort((a, b) => a.width * a.height - b.width * b.height)[0];
    for (const box of boxes) {
        const parent = boxes
            .filter((b) => b.id !== box.id && b.width * b.height > box.width * box.height && box.x >= b.x && box.y >= b.y && box.x + box.width <= b.x + b.width && box.y + box.height <= b.y + b.height)
            .sort((a, b) => a.width * a.height - b.width * b.height)[0];
        if (parent)
            c.zones.find((z) => z.id === box.id).parent = parent.id;
    }
    if (boxes.length > 0) {
        const depth = (id) => {
            let n = 0;
            for (let z = c.zones.find((x) => x.id === id); z?.parent !== undefined && n < 32; z = c.zones.find((x) => x.id === z.parent))
                n++;
            return n;
        };
        for (const zone of c.zones)
            zone.trust = Math.min(100, 50 + 10 * depth(zone.id));
        c.cannotExpress('zone trust levels (Threat Dragon boundaries carry no rating: boundary boxes get trust 50, plus 10 per nesting level)');
    }
    if (cells.some((x) => x.kind === 'boundary-curve'))
        c.cannotExpress('trust boundary curves (they are lines, not areas, so they give no zone membership)');
    const typeOf = { actor: 'external', process: 'service', store: 'datastore' };
    for (const cell of cells) {
        if (cell.kind !== 'actor' && cell.kind !== 'process' && cell.kind !== 'store')
            continue;
        const id = cellId(cell);
        if (id === undefined)
            continue;
        const p = cell.props;
        const flags = [
            ['outOfScope', 'out-of-scope'],
            ['isWebApplication', 'web-application'],
            ['handlesCardPayment', 'handles-card-payment'],
            ['handlesGoodsOrServices', 'handles-goods-or-services'],
            ['isALog', 'log-store'],
            ['storesCredentials', 'stores-credentials'],
            ['storesInventory', 'stores-inventory'],
            ['isEncrypted', 'encrypted-at-rest'],
            ['isSigned', 'signed'],
            ['providesAuthentication', 'provides-authentication']
        ];
        const tags = flags.filter(([key]) => p[key] === true).map(([, tag]) => tag);
        const geometry = geometryOf(cell.raw);
        const zone = geometry ? containing(geometry.x + geometry.width / 2, geometry.y + geometry.height / 2) : undefined;
        c.components.push(compact({ id, title: shortText(nameOf(cell)), description: conversion_text(p.description), type: typeOf[cell.kind], zone: zone?.id, tags: tags.length > 0 ? tags : undefined }));
        c.origin(id, cell.at);
    }
    if (cells.some((x) => x.kind === 'actor'))
        c.cannotExpress('whether a Threat Dragon actor is a person or a system (actors are imported as `external` components)');
    for (const cell of cells) {
        if (cell.kind !== 'flow')
            continue;
        const id = cellId(cell);
        if (id === undefined)
            continue;
        const ends = ['source', 'target'].map((end) => {
            const ref = conversion_isRecord(cell.raw[end]) ? (cell.raw[end]) : {};
            const raw = conversion_text(format === 'threat-dragon-v2' ? ref.cell : ref.id) ?? conversion_text(ref.cell) ?? conversion_text(ref.id);
            return { end, raw, id: raw === undefined ? undefined : idOf.get(raw) };
        });
        const dangling = ends.filter((e) => e.id === undefined || !c.components.some((k) => k.id === e.id));
        if (dangling.length > 0) {
            for (const e of dangling) {
                c.error({ ...cell.at, path: [...cell.at.path, e.end] }, 'import/threat-dragon-dangling-flow', e.raw === undefined ? `data flow \`${nameOf(cell) ?? id}\` has no ${e.end} element (it is not connected in the diagram)` : `data flow \`${nameOf(cell) ?? id}\` ${e.end} \`${e.raw}\` is not an actor, process or store`, id);
            }
            continue;
        }
        const p = cell.props;
        const tags = p.isPublicNetwork === true ? ['public-network'] : undefined;
        c.dataflows.push(compact({ id, title: shortText(nameOf(cell)), description: conversion_text(p.description), from: ends[0].id, to: ends[1].id, protocol: shortText(conversion_text(p.protocol)), encrypted: typeof p.isEncrypted === 'boolean' ? p.isEncrypted : undefined, bidirectional: typeof p.isBidirectional === 'boolean' ? p.isBidirectional : undefined, tags }));
        c.origin(id, cell.at);
    }
    // Threats: the app writes `data.threats`, the schema documents `threats`; both are read.
    for (const cell of cells) {
        const target = idOf.get(conversion_text(cell.raw.id) ?? '');
        const lists = [
            [conversion_isRecord(cell.raw.data) ? cell.raw.data.threats : undefined, { ...cell.at, path: [...cell.at.path, 'data', 'threats'] }],
            [cell.raw.threats, { ...cell.at, path: [...cell.at.path, 'threats'] }]
        ];
        const seen = new Set();
        for (const [list, base] of lists) {
            conversion_listOf(list).forEach((raw, i) => {
                const at = { ...base, path: [...base.path, i] };
                if (!conversion_isRecord(raw))
                    return c.error(at, 'import/threat-dragon-malformed', 'expected a threat mapping');
                const titleText = conversion_text(raw.title);
                const foreign = conversion_text(raw.id) ?? conversion_text(raw.threatId) ?? `${conversion_text(cell.raw.id) ?? 'cell'}-threat-${typeof raw.number === 'number' ? raw.number : stableHash(`${titleText ?? ''}|${conversion_text(raw.description) ?? ''}`)}`;
                if (seen.has(foreign))
                    return;
                seen.add(foreign);
                if (target === undefined)
                    return c.error(at, 'import/threat-dragon-malformed', 'this threat belongs to a cell that could not be imported');
                const id = c.ids.claim(foreign, 'threat');
                const status = conversion_text(raw.status);
                const mapped = status === undefined ? undefined : threat_dragon_THREAT_STATUS[status.toLowerCase().replace(/[\s_-]+/g, '')];
                if (status !== undefined && mapped === undefined)
                    c.warn({ ...at, path: [...at.path, 'status'] }, 'import/threat-dragon-bad-status', `threat status ${JSON.stringify(status)} is not Open, Mitigated or NotApplicable; the status is left unset`, id);
                const threat = compact({
                    id,
                    title: shortText(titleText ?? `Threat on ${nameOf(cell) ?? target}`),
                    description: conversion_text(raw.description),
                    category: threatCategory(raw.type),
                    targets: [target],
                    status: mapped,
                    tags: conversion_text(raw.modelType) ? [`model-type:${conversion_text(raw.modelType)}`] : undefined
                });
                const mitigationText = conversion_text(raw.mitigation);
                if (mitigationText !== undefined) {
                    const mitigationId = c.ids.claim(`${id}-mitigation`, 'mitigation');
                    c.mitigations.push({ id: mitigationId, title: shortText(firstSentence(mitigationText), 200), description: mitigationText });
                    c.origin(mitigationId, { ...at, path: [...at.path, 'mitigation'] });
                    threat.mitigations = [mitigationId];
                }
                c.threats.push(threat);
                c.origin(id, at);
            });
        }
    }
    return { conversion: c, model };
}
function cellKind(raw, props) {
    const shape = conversion_text(raw.shape)?.toLowerCase();
    const type = (conversion_text(props.type) ?? conversion_text(raw.type))?.toLowerCase();
    if (shape === 'trust-boundary-box' || type === 'tm.boundarybox')
        return 'boundary-box';
    if (shape === 'trust-boundary-curve' || type === 'tm.boundary')
        return 'boundary-curve';
    if (shape === 'actor' || type === 'tm.actor')
        return 'actor';
    if (shape === 'process' || type === 'tm.process')
        return 'process';
    if (shape === 'store' || type === 'tm.store')
        return 'store';
    if (shape === 'flow' || type === 'tm.flow')
        return 'flow';
    return 'other';
}
function nameOf(cell) {
    const attrs = conversion_isRecord(cell.raw.attrs) ? cell.raw.attrs : {};
    const label = conversion_listOf(cell.raw.labels).map((l) => (conversion_isRecord(l) && conversion_isRecord(l.attrs) && conversion_isRecord(l.attrs.text) ? conversion_text(l.attrs.text.text) : conversion_isRecord(l) && conversion_isRecord(l.attrs) && conversion_isRecord(l.attrs.label) ? conversion_text(l.attrs.label.text) : undefined)).find((x) => x !== undefined);
    const attrText = conversion_isRecord(attrs.text) ? conversion_text(attrs.text.text) : conversion_isRecord(attrs.label) ? conversion_text(attrs.label.text) : undefined;
    const name = conversion_text(cell.props.name) ?? attrText ?? label;
    return name?.replace(/\s+/g, ' ');
}
function geometryOf(raw) {
    const position = conversion_isRecord(raw.position) ? raw.position : undefined;
    const size = conversion_isRecord(raw.size) ? raw.size : undefined;
    const numbers = [position?.x, position?.y, size?.width, size?.height];
    if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n)))
        return undefined;
    const [x, y, width, height] = numbers;
    return { x, y, width, height };
}
function firstSentence(value) {
    const line = value.split(/\r?\n/)[0];
    const stop = line.search(/[.!?](\s|$)/);
    return stop > 0 ? line.slice(0, stop + 1) : line;
}

;// CONCATENATED MODULE: ./src/core/import/tm-bom.ts


const CRITICALITY = {
    minimal: 'low',
    low: 'low',
    moderate: 'medium',
    high: 'high',
    maximal: 'critical'
};
const CONTROL_STATUS = {
    assumed: 'existing',
    active: 'implemented',
    suggested: 'proposed',
    under_review: 'proposed',
    approved: 'planned',
    scheduled: 'planned',
    retired: 'rejected',
    wont_do: 'rejected'
};
const tm_bom_PRIORITY = { none: null, low: 'low', medium: 'medium', high: 'high', critical: 'critical' };
const LIKELIHOOD = { rare: 'very-low', unlikely: 'low', possible: 'medium', likely: 'high', certain: 'very-high' };
const IMPACT = { negligible: 'very-low', minor: 'low', moderate: 'medium', major: 'high', severe: 'very-high' };
const LEVEL_ORDER = ['very-low', 'low', 'medium', 'high', 'very-high'];
const SKILL = { script_kid: 'low', insider: 'medium', engineer: 'medium', expert_engineer: 'high', oc_sponsored: 'high', state_sponsored: 'very-high' };
const ACTOR_TYPE = { system: 'external', third_party: 'external', user: 'user', power_user: 'user', administrator: 'user', engineer: 'user' };
/** Converts an OWASP Threat Model Library (TM-BOM) JSON document into the native model. */
function convertTmBom(main) {
    const c = new Conversion('tm-bom', main);
    const root = main.value;
    const scope = conversion_isRecord(root.scope) ? root.scope : {};
    const title = conversion_text(scope.title) ?? 'Untitled threat model';
    const reviewed = conversion_text(root.reviewed_at)?.slice(0, 10);
    const model = compact({
        id: slugify(title) || 'tm-bom-model',
        title: shortText(title),
        description: [conversion_text(root.description), conversion_text(scope.description)].filter(Boolean).join('\n\n') || undefined,
        business: CRITICALITY[conversion_text(scope.business_criticality) ?? ''] ? { criticality: CRITICALITY[conversion_text(scope.business_criticality)] } : undefined,
        version: conversion_text(root.version),
        reviewed: reviewed && /^\d{4}-\d{2}-\d{2}$/.test(reviewed) ? reviewed : undefined,
        tags: unique([...conversion_listOf(scope.data_sensitivity).map((s) => `data-sensitivity:${String(s)}`), ...(conversion_text(scope.exposure) ? [`exposure:${conversion_text(scope.exposure)}`] : []), ...(conversion_text(scope.tier) ? [`tier:${conversion_text(scope.tier)}`] : [])])
    });
    if (model.tags?.length === 0)
        delete model.tags;
    const ids = new Map();
    const claim = (raw, at, kind) => {
        if (!conversion_isRecord(raw)) {
            c.error(at, 'import/tm-bom-malformed', `expected a ${kind} mapping`);
            return undefined;
        }
        const name = conversion_text(raw.symbolic_name);
        if (name === undefined) {
            c.error(at, 'import/tm-bom-missing-id', `this ${kind} has no \`symbolic_name\``);
            return undefined;
        }
        if (ids.has(`${kind}:${name}`)) {
            c.error({ ...at, path: [...at.path, 'symbolic_name'] }, 'import/duplicate-id', `duplicate ${kind} symbolic name \`${name}\``);
            return undefined;
        }
        const id = c.ids.claim(name, kind);
        ids.set(`${kind}:${name}`, { id, kind });
        return id;
    };
    const resolve = (name, kinds, at, what, owner) => {
        const raw = conversion_text(name);
        if (raw === undefined)
            return undefined;
        for (const kind of kinds) {
            const found = ids.get(`${kind}:${raw}`);
            if (found)
                return found.id;
        }
        c.error(at, 'import/unknown-reference', `${what} \`${raw}\` is not defined`, owner);
        return undefined;
    };
    conversion_listOf(root.trust_zones).forEach((raw, i) => {
        const at = c.at('trust_zones', i);
        const id = claim(raw, at, 'zone');
        if (id === undefined)
            return;
        const z = raw;
        c.zones.push(compact({ id, title: shortText(conversion_text(z.title)), description: conversion_text(z.description), trust: 50 }));
        c.origin(id, at);
    });
    if (c.zones.length > 0)
        c.cannotExpress('zone trust levels (TM-BOM trust zones carry no rating: every zone gets trust 50)');
    if (conversion_listOf(root.trust_boundaries).length > 0)
        c.cannotExpress('trust boundaries between pairs of zones and their authentication, access-control and token settings');
    const nodes = [
        ['actors', 'actor', undefined],
        ['components', 'component', 'service'],
        ['data_stores', 'data-store', 'datastore']
    ];
    const parents = [];
    for (const [section, kind, fixedType] of nodes) {
        conversion_listOf(root[section]).forEach((raw, i) => {
            const at = c.at(section, i);
            const id = claim(raw, at, kind);
            if (id === undefined)
                return;
            const v = raw;
            const technologies = [conversion_text(v.vendor), conversion_text(v.product)].filter((x) => x !== undefined);
            const type = fixedType ?? ACTOR_TYPE[conversion_text(v.type) ?? ''] ?? 'external';
            const tags = unique([...(conversion_text(v.type) && section !== 'components' ? [`${kind}-type:${conversion_text(v.type)}`] : []), ...(conversion_text(v.repo_link) ? [`repo:${conversion_text(v.repo_link)}`] : [])]);
            const component = compact({
                id,
                title: shortText(conversion_text(v.title)),
                description: [conversion_text(v.description), conversion_text(v.permissions) ? `Permissions: ${conversion_text(v.permissions)}` : undefined].filter(Boolean).join('\n\n') || undefined,
                type,
                zone: resolve(v.trust_zone, ['zone'], { ...at, path: [...at.path, 'trust_zone'] }, 'trust zone', id),
                technologies: technologies.length > 0 ? [shortText(technologies.join(' '))] : undefined,
                tags: tags.length > 0 ? tags.map((t) => shortText(t)) : undefined
            });
            if (v.parent_component !== undefined)
                parents.push({ component, parent: v.parent_component, at: { ...at, path: [...at.path, 'parent_component'] } });
            c.components.push(component);
            c.origin(id, at);
        });
    }
    for (const { component, parent, at } of parents) {
        const id = resolve(parent, ['component'], at, 'parent component', component.id);
        if (id !== undefined)
            component.parent = id;
    }
    conversion_listOf(root.data_sets).forEach((raw, i) => {
        const at = c.at('data_sets', i);
        const id = claim(raw, at, 'data-set');
        if (id === undefined)
            return;
        const v = raw;
        const tags = unique(conversion_listOf(v.data_sensitivity).map((s) => `data-sensitivity:${String(s)}`));
        c.assets.push(compact({ id, title: shortText(conversion_text(v.title)), description: conversion_text(v.description), tags: tags.length > 0 ? tags : undefined }));
        c.origin(id, at);
        conversion_listOf(v.placements).forEach((placement, j) => {
            if (!conversion_isRecord(placement))
                return;
            const store = resolve(placement.data_store, ['data-store'], { ...at, path: [...at.path, 'placements', j, 'data_store'] }, 'data store', id);
            const component = c.components.find((k) => k.id === store);
            if (component)
                component.assets = unique([...(component.assets ?? []), id]);
        });
    });
    if (conversion_listOf(root.data_sets).some((d) => conversion_isRecord(d) && (d.record_count !== undefined || conversion_listOf(d.placements).some((p) => conversion_isRecord(p) && p.encrypted !== undefined)))) {
        c.cannotExpress('data-set record counts and per-store encryption');
    }
    conversion_listOf(root.data_flows).forEach((raw, i) => {
        const at = c.at('data_flows', i);
        const id = claim(raw, at, 'data-flow');
        if (id === undefined)
            return;
        const v = raw;
        const endpoint = (key) => {
            const ref = conversion_isRecord(v[key]) ? (v[key]) : undefined;
            if (!ref) {
                c.error({ ...at, path: [...at.path, key] }, 'import/tm-bom-malformed', `data flow \`${id}\` has no \`${key}\` ({type, object})`, id);
                return undefined;
            }
            return resolve(ref.object, ['component', 'data-store', 'actor'], { ...at, path: [...at.path, key, 'object'] }, `${key} element`, id);
        };
        const from = endpoint('source');
        const to = endpoint('destination');
        if (from === undefined || to === undefined)
            return;
        c.dataflows.push(compact({ id, title: shortText(conversion_text(v.title)), description: conversion_text(v.description), from, to, encrypted: typeof v.encrypted === 'boolean' ? v.encrypted : undefined, tags: v.has_sensitive_data === true ? ['sensitive-data'] : undefined }));
        c.origin(id, at);
    });
    conversion_listOf(root.threat_personas).forEach((raw, i) => {
        const at = c.at('threat_personas', i);
        const id = claim(raw, at, 'threat-persona');
        if (id === undefined)
            return;
        const v = raw;
        const skill = conversion_text(v.skill_level);
        c.actors.push(compact({
            id,
            title: shortText(conversion_text(v.title)),
            description: conversion_text(v.description),
            capability: SKILL[skill ?? ''],
            insider: skill === 'insider' ? true : undefined,
            privileged: conversion_text(v.access_level) === 'admin' ? true : undefined,
            tags: unique([...(v.malicious_intent === false ? ['not-malicious'] : []), ...(conversion_text(v.applicability_to_org) ? [`applicability:${conversion_text(v.applicability_to_org)}`] : [])])
        }));
        const actor = c.actors[c.actors.length - 1];
        if (actor.tags?.length === 0)
            delete actor.tags;
        c.origin(id, at);
    });
    conversion_listOf(root.threats).forEach((raw, i) => {
        const at = c.at('threats', i);
        const id = claim(raw, at, 'threat');
        if (id === undefined)
            return;
        const v = raw;
        const targets = conversion_listOf(v.components_affected)
            .map((name, j) => resolve(name, ['component', 'data-store', 'actor', 'data-flow', 'data-set'], { ...at, path: [...at.path, 'components_affected', j] }, 'affected component', id))
            .filter((x) => x !== undefined);
        const cwe = unique(conversion_listOf(v.weaknesses).map((w) => (conversion_isRecord(w) && typeof w.cwe_id === 'number' ? `CWE-${w.cwe_id}` : undefined)).filter((x) => x !== undefined));
        const capec = unique(conversion_listOf(v.attack_mechanisms).map((m) => (conversion_isRecord(m) && typeof m.capec_id === 'number' ? `CAPEC-${m.capec_id}` : undefined)).filter((x) => x !== undefined));
        const sources = conversion_listOf(v.sources).map((s) => conversion_text(s)).filter((s) => s !== undefined);
        c.threats.push(compact({
            id,
            title: shortText(conversion_text(v.title) ?? id),
            description: conversion_text(v.description),
            targets: targets.length > 0 ? unique(targets) : undefined,
            source: resolve(v.threat_persona, ['threat-persona'], { ...at, path: [...at.path, 'threat_persona'] }, 'threat persona', id),
            action: conversion_text(v.event),
            references: cwe.length + capec.length > 0 ? compact({ cwe: cwe.length > 0 ? cwe : undefined, capec: capec.length > 0 ? capec : undefined }) : undefined,
            tags: sources.length > 0 ? sources.map((s) => `threat-source:${s}`) : undefined
        }));
        c.origin(id, at);
    });
    if (c.threats.length > 0)
        c.cannotExpress('threat status (TM-BOM threats carry none; controls carry the status)');
    conversion_listOf(root.controls).forEach((raw, i) => {
        const at = c.at('controls', i);
        const id = claim(raw, at, 'control');
        if (id === undefined)
            return;
        const v = raw;
        const status = conversion_text(v.status);
        if (status !== undefined && CONTROL_STATUS[status] === undefined)
            c.warn({ ...at, path: [...at.path, 'status'] }, 'import/tm-bom-bad-status', `control status ${JSON.stringify(status)} is not one of ${Object.keys(CONTROL_STATUS).join(', ')}; it is left unset`, id);
        const priority = tm_bom_PRIORITY[conversion_text(v.priority) ?? ''];
        c.mitigations.push(compact({ id, title: shortText(conversion_text(v.title) ?? id), description: conversion_text(v.description), status: status === undefined ? undefined : CONTROL_STATUS[status], priority: priority ?? undefined }));
        c.origin(id, at);
        conversion_listOf(v.threats).forEach((name, j) => {
            const threatId = resolve(name, ['threat'], { ...at, path: [...at.path, 'threats', j] }, 'threat', id);
            const threat = c.threats.find((t) => t.id === threatId);
            if (threat)
                threat.mitigations = unique([...(threat.mitigations ?? []), id]);
        });
        if (v.trust_boundary !== undefined)
            c.cannotExpress('the trust boundary a control protects');
    });
    if (c.mitigations.length > 0)
        c.cannotExpress('mitigation type (preventive, detective, …)');
    // Risks are not elements here: their likelihood and impact rate the threats they name (the highest wins).
    conversion_listOf(root.risks).forEach((raw, i) => {
        const at = c.at('risks', i);
        if (!conversion_isRecord(raw))
            return c.error(at, 'import/tm-bom-malformed', 'expected a risk mapping');
        const likelihood = LIKELIHOOD[conversion_text(raw.likelihood) ?? ''];
        const impact = IMPACT[conversion_text(raw.impact) ?? ''];
        conversion_listOf(raw.threats).forEach((name, j) => {
            const threatId = resolve(name, ['threat'], { ...at, path: [...at.path, 'threats', j] }, 'threat');
            const threat = c.threats.find((t) => t.id === threatId);
            if (!threat)
                return;
            if (likelihood && (!threat.likelihood || LEVEL_ORDER.indexOf(likelihood) > LEVEL_ORDER.indexOf(threat.likelihood)))
                threat.likelihood = likelihood;
            if (impact && (!threat.impact || LEVEL_ORDER.indexOf(impact) > LEVEL_ORDER.indexOf(threat.impact)))
                threat.impact = impact;
            if (conversion_text(raw.impact_description) && !threat.business_impact)
                threat.business_impact = conversion_text(raw.impact_description);
        });
    });
    if (conversion_listOf(root.risks).length > 0)
        c.cannotExpress('risks as separate objects (their likelihood and impact rate the threats they name; the highest wins)');
    if (conversion_listOf(root.mitigation_plans).length > 0)
        c.cannotExpress('mitigation plans');
    conversion_listOf(root.assumptions).forEach((raw, i) => {
        const at = c.at('assumptions', i);
        if (!conversion_isRecord(raw))
            return c.error(at, 'import/tm-bom-malformed', 'expected an assumption mapping');
        const statement = conversion_text(raw.description);
        if (statement === undefined)
            return c.error(at, 'import/tm-bom-malformed', 'this assumption has no `description`');
        const id = c.ids.claim(derivedId('A', statement, statement), 'assumption');
        const validity = conversion_text(raw.validity);
        if (validity === 'rejected')
            c.cannotExpress('rejected assumptions (imported as not validated)');
        c.assumptions.push(compact({ id, text: statement, validated: validity === 'confirmed' ? true : validity === undefined ? undefined : false }));
        c.origin(id, at);
    });
    if (conversion_listOf(root.diagrams).length > 0)
        c.cannotExpress('diagram sources (Graphviz, Mermaid, PlantUML, SVG)');
    return { conversion: c, model };
}

;// CONCATENATED MODULE: ./src/core/import/otm-export.ts

const LEVEL_PERCENT = { 'very-low': 10, low: 30, medium: 50, high: 70, 'very-high': 90 };
const CIA_PERCENT = { none: 0, low: 25, medium: 50, high: 75, 'very-high': 100 };
const STRENGTH_PERCENT = { weak: 25, average: 50, strong: 75, maximum: 95 };
/**
 * Writes a native model as an OTM 0.2 document. OTM carries zones, components, dataflows, assets,
 * threats (with instances on components and dataflows) and mitigations; actors, assumptions,
 * incidents and suppressions have no OTM counterpart and are left out.
 */
function exportOtm(document) {
    const m = document.model;
    const out = { otmVersion: '0.2.0', project: clean({ name: m.title, id: m.id, description: m.description, owner: m.owner, tags: m.tags }) };
    const mitigationsById = new Map((document.mitigations ?? []).map((x) => [x.id, x]));
    const threatsOn = new Map();
    for (const threat of document.threats ?? [])
        for (const target of new Set(threat.targets ?? []))
            threatsOn.set(target, [...(threatsOn.get(target) ?? []), threat]);
    const instancesOn = (targetId) => threatsOn.get(targetId)?.map((t) => threatInstance(t, mitigationsById));
    if (document.assets) {
        out.assets = document.assets.map((a) => clean({
            name: a.title ?? a.id,
            id: a.id,
            description: a.description,
            risk: a.cia ? clean({ confidentiality: percentOf(a.cia.confidentiality), integrity: percentOf(a.cia.integrity), availability: percentOf(a.cia.availability) }) : undefined
        }));
    }
    out.trustZones = (document.zones ?? []).map((z) => clean({ id: z.id, name: z.title ?? z.id, description: z.description, risk: { trustRating: z.trust }, parent: z.parent ? { trustZone: z.parent } : undefined }));
    if (document.components) {
        out.components = document.components.map((k) => clean({
            id: k.id,
            name: k.title ?? k.id,
            type: k.type,
            description: k.description,
            parent: k.parent ? { component: k.parent } : k.zone ? { trustZone: k.zone } : undefined,
            tags: k.tags,
            assets: k.assets ? { processed: k.assets } : undefined,
            threats: instancesOn(k.id)
        }));
    }
    out.dataflows = (document.dataflows ?? []).map((f) => clean({ id: f.id, name: f.title ?? f.id, description: f.description, bidirectional: f.bidirectional, source: f.from, destination: f.to, assets: f.assets, tags: f.tags, threats: instancesOn(f.id) }));
    if (document.threats) {
        out.threats = document.threats.map((t) => clean({
            id: t.id,
            name: t.title,
            description: t.description,
            categories: t.category ? [t.category] : undefined,
            cwes: t.references?.cwe,
            risk: clean({ likelihood: t.likelihood ? LEVEL_PERCENT[t.likelihood] : undefined, impact: t.impact ? LEVEL_PERCENT[t.impact] : undefined }),
            tags: t.tags
        }));
    }
    if (document.mitigations) {
        out.mitigations = document.mitigations.map((x) => {
            const reductions = (x.effects ?? []).map((e) => (e.by ? Math.round(e.by.likely * 100) : e.strength ? STRENGTH_PERCENT[e.strength] : undefined)).filter((n) => n !== undefined);
            return clean({ id: x.id, name: x.title, description: x.description, riskReduction: reductions.length > 0 ? Math.max(...reductions) : undefined });
        });
    }
    return out;
}
function threatInstance(threat, mitigations) {
    return clean({
        threat: threat.id,
        state: OTM_THREAT_STATE[threat.status ?? 'open'],
        mitigations: threat.mitigations?.map((id) => {
            const status = mitigations.get(id)?.status;
            return clean({ mitigation: id, state: status ? OTM_MITIGATION_STATE[status] : undefined });
        })
    });
}
function percentOf(level) {
    return level === undefined ? undefined : CIA_PERCENT[level];
}
/** Leaves out undefined values and empty objects so the output holds only what the model states. */
function clean(value) {
    const out = {};
    for (const [key, v] of Object.entries(value)) {
        if (v === undefined)
            continue;
        if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)
            continue;
        out[key] = v;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/core/import/index.ts
















/**
 * Reads a foreign threat-model file (OTM, Threagile, Threat Dragon, Threat Composer, TM-BOM),
 * converts it to a schema-valid native model and indexes it, keeping each element's origin.
 */
function importModel(source, options = {}) {
    const file = source.path;
    const limits = { ...DEFAULT_PARSE_LIMITS, ...options.limits };
    const empty = (detected, problems) => ({ file, detected, origins: new Map(), problems, notExpressible: [] });
    const unknown = { format: 'unknown', confidence: 0, reason: 'the file could not be parsed', issues: [] };
    const decoded = decodeModelText(file, source.content);
    if ('problem' in decoded)
        return empty(unknown, [decoded.problem]);
    const parsed = parseYamlDocument(file, decoded.text, limits);
    if (!parsed.ok)
        return empty(unknown, parsed.problems);
    const main = { file, value: parsed.document.value, sourceMap: parsed.document.sourceMap };
    const detected = detectFormat(file, decoded.text, main.value);
    const at = main.sourceMap.locate([]);
    const whole = (code, message) => ({ file, line: at.line, column: at.column, path: '', severity: 'error', code, message });
    if (detected.format === 'unknown') {
        return empty(detected, [whole('import/unknown-format', `not a threat model this tool reads: ${detected.reason}; ${detected.issues.join('; ')}`)]);
    }
    if (detected.format === 'native') {
        return empty(detected, [whole('import/native', 'this is a native Threatloop model; load it with the native loader, not the importer')]);
    }
    if (detected.issues.length > 0) {
        return empty(detected, [
            whole('import/near-miss', `the file resembles ${FORMAT_NAMES[detected.format]} (${detected.reason}) but cannot be read as it: ${detected.issues.join('; ')}`)
        ]);
    }
    const { conversion, model } = convert(detected.format, main, options, limits);
    return import_finish(file, detected, conversion, model);
}
function convert(format, main, options, limits) {
    switch (format) {
        case 'otm':
            return convertOtm(main);
        case 'threagile':
            return convertThreagile(main, { readInclude: options.readInclude, limits });
        case 'threat-dragon-v1':
        case 'threat-dragon-v2':
            return convertThreatDragon(main, format);
        case 'threat-composer':
            return convertThreatComposer(main);
        case 'tm-bom':
            return convertTmBom(main);
    }
}
/** Validates the converted document with the native schema and references, then indexes it. */
function import_finish(file, detected, conversion, model) {
    model.id = sanitizeId(model.id);
    const document = conversion.document(model);
    const problems = [...conversion.problems];
    const originAt = (section, index) => {
        const list = document[section];
        const id = list?.[index]?.id;
        return id === undefined ? undefined : conversion.origins.get(id);
    };
    const problemAt = (path, code, message, elementId) => {
        const origin = typeof path[1] === 'number' ? originAt(String(path[0]), path[1]) : undefined;
        const problem = {
            file: origin?.file ?? file,
            line: origin?.line ?? 1,
            column: origin?.column ?? 1,
            path: origin?.sourcePath ?? '',
            severity: 'error',
            code,
            message: `${message} (converted ${(0,core_problems/* formatDocumentPath */.qe)(path)})`
        };
        if (elementId !== undefined)
            problem.elementId = elementId;
        return problem;
    };
    const parsed = ModelDocument.safeParse(document);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            problems.push(problemAt(issue.path, 'import/invalid-conversion', `the converted ${FORMAT_NAMES[conversion.format]} element is not a valid native element: ${issue.message}`));
        }
    }
    for (const reference of checkModelReferences(document)) {
        problems.push(problemAt([...reference.path], reference.code, reference.message, reference.elementId));
    }
    problems.sort(core_problems/* compareProblems */.im);
    const notExpressible = [...conversion.notExpressible].sort();
    const result = { file, detected, origins: conversion.origins, problems, notExpressible };
    if (!parsed.success || problems.some((p) => p.severity === 'error'))
        return result;
    result.document = parsed.data;
    result.index = buildModelIndex(parsed.data, (section, index) => {
        const origin = originAt(section, index);
        return origin ? { line: origin.line, column: origin.column } : { line: 1, column: 1 };
    });
    return result;
}

;// CONCATENATED MODULE: ./src/core/model/load.ts






/** Loads, validates and indexes a native model file, reporting every problem at once. */
function loadModel(source, options = {}) {
    const file = source.path;
    const limits = { ...DEFAULT_PARSE_LIMITS, ...options.limits };
    // Check the size before decoding, so a huge file costs nothing.
    const tooLarge = typeof source.content === 'string' ? undefined : fileSizeProblem(file, source.content.length, limits);
    if (tooLarge)
        return { file, model: undefined, problems: [tooLarge] };
    const decoded = decodeModelText(file, source.content);
    if ('problem' in decoded)
        return { file, model: undefined, problems: [decoded.problem] };
    const parsed = parseYamlDocument(file, decoded.text, limits);
    if (!parsed.ok)
        return { file, model: undefined, problems: parsed.problems };
    return validateModelValue(file, parsed.document.value, parsed.document.sourceMap);
}
/** Validates an already-parsed document value against the schema and its references. */
function validateModelValue(file, value, sourceMap) {
    const problems = [];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        const position = sourceMap.locate([]);
        problems.push({
            file,
            ...position,
            path: '',
            severity: 'error',
            code: 'structure/not-a-mapping',
            message: `the document is ${Array.isArray(value) ? 'a list' : value === null ? 'empty' : `a ${typeof value}`}; a model is a mapping that starts with \`threatloop: 1\``
        });
        return { file, model: undefined, problems };
    }
    const result = ModelDocument.safeParse(value);
    if (!result.success) {
        for (const issue of result.error.issues)
            problems.push(...issueToProblems(file, issue, value, sourceMap, MODEL_SCHEMA_CONTEXT));
    }
    for (const reference of checkModelReferences(value, (path) => sourceMap.locate(path))) {
        const position = sourceMap.locate(reference.path);
        problems.push({
            file,
            ...position,
            path: (0,core_problems/* formatDocumentPath */.qe)(reference.path),
            severity: 'error',
            code: reference.code,
            message: reference.message,
            elementId: reference.elementId
        });
    }
    const unique = dedupeProblems(problems).sort(core_problems/* compareProblems */.im);
    if (!result.success || unique.some((p) => p.severity === 'error'))
        return { file, model: undefined, problems: unique };
    const document = result.data;
    const index = buildModelIndex(document, (section, i) => sourceMap.locate([section, i]));
    return { file, model: { file, document, index, sourceMap }, problems: unique };
}
function dedupeProblems(problems) {
    const seen = new Set();
    return problems.filter((p) => {
        const key = `${p.line}:${p.column}:${p.code}:${p.message}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
/** The id of the element a path points into, e.g. `T-001` for `threats[0].likelihood`. */
function elementIdAt(root, path) {
    if (path.length < 2 || typeof path[1] !== 'number')
        return undefined;
    if (!ELEMENT_SECTIONS.some(([section]) => section === path[0]))
        return undefined;
    const id = valueAt(root, [path[0], path[1], 'id']);
    return typeof id === 'string' ? id : undefined;
}
function kindAt(path) {
    const section = ELEMENT_SECTIONS.find(([name]) => name === path[0]);
    return section ? section[1] : 'element';
}
const MODEL_SCHEMA_CONTEXT = {
    rootSchema: ModelDocument,
    ownerAt: (root, path) => {
        const id = elementIdAt(root, path);
        return id === undefined ? undefined : { kind: kindAt(path), id };
    }
};

;// CONCATENATED MODULE: ./src/core/review/load-model-file.ts



/** A native model declares `threatloop:` at the top level; anything else goes to the importers. */
function looksNative(text) {
    return /^\s*["']?threatloop["']?\s*:/m.test(text) || /"threatloop"\s*:/.test(text.slice(0, 4096));
}
function textOf(content) {
    return typeof content === 'string' ? content : new TextDecoder('utf-8', { fatal: false }).decode(content.subarray(0, 65536));
}
/** Loads a native model, or imports a foreign one into the native model, keeping positions. */
function loadModelFile(source, options = {}) {
    if (looksNative(textOf(source.content))) {
        const result = loadModel(source, { limits: options.limits });
        return { file: source.path, format: 'native', model: result.model, problems: result.problems, notExpressible: [] };
    }
    const imported = importModel(source, { limits: options.limits, readInclude: options.readInclude });
    const format = imported.detected.format === 'native' ? 'unknown' : imported.detected.format;
    if (!imported.document || !imported.index) {
        return { file: source.path, format, model: undefined, problems: imported.problems, notExpressible: imported.notExpressible };
    }
    const index = imported.index;
    const document = imported.document;
    // Native paths point at elements; an imported element's position is its origin in the foreign file.
    const locator = {
        locate(path) {
            if (path.length >= 2 && typeof path[1] === 'number') {
                const section = ELEMENT_SECTIONS.find(([name]) => name === path[0]);
                const list = section ? (document[section[0]]) : undefined;
                const id = list?.[path[1]]?.id;
                const position = id === undefined ? undefined : index.positionOf(id);
                if (position)
                    return position;
            }
            return { line: 1, column: 1 };
        }
    };
    return {
        file: source.path,
        format,
        model: { file: source.path, document, index, sourceMap: locator },
        problems: imported.problems,
        notExpressible: imported.notExpressible
    };
}

;// CONCATENATED MODULE: ./src/core/review/types.ts
/** Version of the Review JSON; bumped on incompatible changes. */
const REVIEW_SCHEMA = 'threatloop-review/1';

;// CONCATENATED MODULE: ./src/core/review/review.ts













const emptyCounts = () => ({ info: 0, low: 0, medium: 0, high: 0, critical: 0 });
/** Pairs base and head files: by model id when both load, else by path. */
function pairModelFiles(base, head, problems) {
    const pairs = [];
    const baseById = new Map();
    const baseByPath = new Map(base.map((b) => [b.file, b]));
    for (const b of base)
        if (b.model && !baseById.has(b.model.index.modelId))
            baseById.set(b.model.index.modelId, b);
    const used = new Set();
    const headIds = new Map();
    for (const h of head) {
        const id = h.model?.index.modelId;
        if (id !== undefined) {
            const other = headIds.get(id);
            if (other !== undefined) {
                problems.push({ file: h.file, line: 1, column: 1, path: 'model.id', severity: 'error', code: 'review/duplicate-model-id', message: `model id \`${id}\` is also used by ${other}; every model file needs its own model id` });
            }
            else
                headIds.set(id, h.file);
        }
        let match = id !== undefined && headIds.get(id) === h.file ? baseById.get(id) : undefined;
        if (match && used.has(match))
            match = undefined;
        if (!match) {
            const samePath = baseByPath.get(h.file);
            if (samePath && !used.has(samePath))
                match = samePath;
        }
        if (match)
            used.add(match);
        pairs.push({ base: match, head: h });
    }
    for (const b of base)
        if (!used.has(b))
            pairs.push({ base: b, head: undefined });
    return pairs;
}
function side(result) {
    if (!result)
        return null;
    return { file: result.file, format: result.format, valid: result.model !== undefined, problems: result.problems };
}
function emptyDocumentLike(model) {
    return { threatloop: 1, model: { id: model.index.modelId, title: model.document.model.title }, risk: model.document.risk };
}
function review_summarise(assessment) {
    return {
        engine: assessment.engine,
        seed: assessment.seed,
        iterations: assessment.iterations,
        currency: assessment.currency,
        counts: assessment.counts,
        residual: assessment.views.residual,
        inherent: { aleMean: assessment.views.inherent.aleMean, severityCounts: assessment.views.inherent.severityCounts },
        whatIf: {
            short: assessment.views['what-if:short'].aleMean,
            mid: assessment.views['what-if:mid'].aleMean,
            long: assessment.views['what-if:long'].aleMean,
            all: assessment.views['what-if'].aleMean
        }
    };
}
/**
 * Reviews a change: loads every model file on both sides, pairs them, diffs, runs the rules,
 * assesses and compares risk, decides the gate and plans the tracker. A model that fails to load
 * on the head still yields its errors and everything else that could be computed; a broken base
 * never blocks reviewing the head.
 */
function reviewChange(base, head, context, settings) {
    const problems = [...(settings.problems ?? [])];
    const load = (source) => loadModelFile(source, { limits: settings.limits });
    const baseResults = (base?.files ?? []).map(load);
    const headResults = head.files.map(load);
    const pairs = pairModelFiles(baseResults, headResults, problems);
    const rulesOptions = { today: context.today, platform: context.platform, staleAfterDays: settings.staleAfterDays, knowledgeBase: settings.knowledgeBase };
    const models = [];
    const headRisk = new Map();
    const headLoaded = [];
    for (const pair of pairs) {
        const b = pair.base?.model;
        const h = pair.head?.model;
        const baseFindings = b ? collect(runRules(b, settings.ruleSet, rulesOptions), problems) : [];
        const headFindings = h ? collect(runRules(h, settings.ruleSet, rulesOptions), problems) : [];
        const diff = (b || h) && !(pair.head && !h) ? diffModels(b, h) : null;
        // The review reports model totals and exact per-threat means, never per-threat percentiles.
        const riskOptions = { risk: settings.risk, node: settings.node ?? null, threatPercentiles: false };
        const baseAssessment = b ? assessRisk(b.index, riskOptions) : undefined;
        const headAssessment = h ? assessRisk(h.index, { ...riskOptions, previous: baseAssessment }) : undefined;
        let delta = null;
        if (baseAssessment && headAssessment)
            delta = compareRisk(baseAssessment, headAssessment, { renames: threatRenames(diff) });
        else if (headAssessment && h && !pair.base)
            delta = compareRisk(assessRisk(emptyDocumentLike(h), riskOptions), headAssessment);
        else if (baseAssessment && b && !pair.head)
            delta = compareRisk(baseAssessment, assessRisk(emptyDocumentLike(b), riskOptions));
        if (h && headAssessment) {
            headRisk.set(h.index.modelId, headAssessment);
            headLoaded.push(h);
        }
        const maturityOf = (model, assessment, findings) => model ? assessMaturity(model, maturityContext(model, findings, context, settings), { today: context.today, thresholds: settings.maturity?.thresholds, knowledgeBase: settings.knowledgeBase, residualSeverities: residualSeverities(assessment) }) : null;
        const baseMaturity = maturityOf(b, baseAssessment, baseFindings);
        const headMaturity = maturityOf(h, headAssessment, headFindings);
        const headInvalid = pair.head !== undefined && h === undefined;
        const status = headInvalid ? 'invalid' : !pair.base ? 'added' : !pair.head ? 'removed' : diff && !diff.isEmpty ? 'changed' : pair.base.file !== pair.head.file || (!b && h) ? 'changed' : 'unchanged';
        const modelId = h?.index.modelId ?? b?.index.modelId ?? pair.head?.file ?? pair.base?.file ?? '';
        models.push({
            modelId,
            title: h?.document.model.title ?? b?.document.model.title ?? modelId,
            status,
            moved: pair.base !== undefined && pair.head !== undefined && pair.base.file !== pair.head.file,
            base: side(pair.base),
            head: side(pair.head),
            diff,
            diagram: diff && !diff.isEmpty ? buildChangeDiagram(b, h, diff) : null,
            // A head that does not load cannot be compared: showing its base as "fixed" would mislead.
            findings: headInvalid ? null : h || b ? run_rules_compareFindings(baseFindings, headFindings) : null,
            risk: { base: baseAssessment ? review_summarise(baseAssessment) : null, head: headAssessment ? review_summarise(headAssessment) : null, delta },
            maturity: { base: baseMaturity, head: headMaturity, comparison: headMaturity ? compareMaturity(baseMaturity ?? undefined, headMaturity) : null },
            notExpressible: pair.head?.notExpressible ?? pair.base?.notExpressible ?? []
        });
    }
    models.sort((x, y) => (x.modelId < y.modelId ? -1 : x.modelId > y.modelId ? 1 : 0));
    const totals = computeTotals(models);
    const issues = settings.issues ? planIssues(settings.issues, models, headLoaded, headRisk, context) : null;
    const gate = decideGate(gateInput(models, totals), settings.gate);
    return {
        schema: REVIEW_SCHEMA,
        tool: { name: 'threatloop', version: settings.toolVersion },
        context,
        gate,
        problems: problems.sort(core_problems/* compareProblems */.im),
        models,
        totals,
        issues
    };
}
function collect(result, problems) {
    for (const problem of result.problems) {
        if (!problems.some((p) => p.code === problem.code && p.message === problem.message))
            problems.push(problem);
    }
    return result.findings;
}
function computeTotals(models) {
    const totals = {
        models: { reviewed: models.length, added: 0, removed: 0, changed: 0, unchanged: 0, invalid: 0 },
        validationErrors: 0,
        findings: { new: 0, fixed: 0, unchanged: 0, suppressed: 0, newBySeverity: emptyCounts() },
        maturity: { up: 0, down: 0 },
        severity: { base: emptyCounts(), head: emptyCounts() },
        money: null
    };
    const currencies = new Set();
    let baseMean = 0;
    let headMean = 0;
    let baseP90 = 0;
    let headP90 = 0;
    for (const model of models) {
        totals.models[model.status]++;
        totals.validationErrors += model.head?.problems.filter((p) => p.severity === 'error').length ?? 0;
        if (model.findings) {
            totals.findings.new += model.findings.new.length;
            totals.findings.fixed += model.findings.fixed.length;
            totals.findings.unchanged += model.findings.unchanged.length;
            totals.findings.suppressed += model.findings.suppressed.length;
            for (const finding of model.findings.new)
                totals.findings.newBySeverity[finding.severity]++;
        }
        for (const move of model.maturity.comparison?.moved ?? [])
            totals.maturity[move.move === 'up' ? 'up' : 'down']++;
        // Totals compare like with like: a model whose head does not load counts on neither side.
        if (model.status === 'invalid')
            continue;
        for (const [key, summary] of [['base', model.risk.base], ['head', model.risk.head]]) {
            if (!summary)
                continue;
            currencies.add(summary.currency);
            for (const s of SEVERITIES)
                totals.severity[key][s] += summary.residual.severityCounts[s];
        }
        if (model.risk.base) {
            baseMean += model.risk.base.residual.aleMean;
            baseP90 += model.risk.base.residual.p90;
        }
        if (model.risk.head) {
            headMean += model.risk.head.residual.aleMean;
            headP90 += model.risk.head.residual.p90;
        }
    }
    if (currencies.size === 1) {
        totals.money = { currency: [...currencies][0], base: { mean: baseMean, p90: baseP90 }, head: { mean: headMean, p90: headP90 } };
    }
    return totals;
}
function gateInput(models, totals) {
    const input = { validationErrorCount: totals.validationErrors, newFindings: [], threatChanges: [], moneyChanges: [], maturityChanges: [] };
    const newFindings = [];
    const threatChanges = [];
    const moneyChanges = [];
    const maturityChanges = [];
    for (const model of models) {
        for (const move of model.maturity.comparison?.moved ?? []) {
            if (move.base)
                maturityChanges.push({ category: move.id, modelId: model.modelId, base: move.base.level, head: move.head.level });
        }
        for (const finding of model.findings?.new ?? [])
            newFindings.push({ id: finding.id, severity: finding.severity, modelId: model.modelId });
        const delta = model.risk.delta;
        if (!delta)
            continue;
        for (const threat of delta.threats) {
            threatChanges.push({ modelId: model.modelId, threatId: threat.id, base: threat.severity.base ?? undefined, head: threat.severity.head ?? undefined });
        }
        const residual = delta.views.residual;
        moneyChanges.push({ metric: 'ale-mean', modelId: model.modelId, base: residual.aleMean.base, head: residual.aleMean.head, material: residual.aleMean.material });
        moneyChanges.push({ metric: 'ale-p90', modelId: model.modelId, base: residual.p90.base, head: residual.p90.head, material: residual.p90.material });
    }
    return { ...input, newFindings, threatChanges, moneyChanges, maturityChanges };
}
function planIssues(settings, models, headLoaded, headRisk, context) {
    const forIssues = headLoaded.map((loaded) => {
        const assessment = headRisk.get(loaded.index.modelId);
        return {
            modelId: loaded.index.modelId,
            file: loaded.file,
            document: loaded.document,
            threatSeverity: new Map((assessment?.threats ?? []).map((t) => [t.id, t.views.residual.severity])),
            lineOf: (id) => loaded.index.positionOf(id)?.line
        };
    });
    const desired = desiredMitigationIssues(forIssues, settings, { repositoryUrl: context.repositoryUrl, commit: context.head.sha, blobPath: context.blobPath });
    const modelsInScope = new Set();
    const changedKeys = new Set();
    for (const model of models) {
        if (model.status === 'invalid')
            continue;
        modelsInScope.add(model.modelId);
        for (const derived of model.diff?.derived ?? []) {
            if (derived.kind === 'mitigation-status-moved')
                changedKeys.add(`${model.modelId}/${derived.elementId}`);
        }
    }
    return planIssueSync(desired, settings.existing, { mode: settings.mode, modelsInScope, changedKeys, maxOperations: settings.maxOperations });
}
function residualSeverities(assessment) {
    if (!assessment)
        return undefined;
    return Object.fromEntries(assessment.threats.map((t) => [t.id, t.views.residual.severity]));
}
/** What this run observed about the model's use, for the maturity checks. */
function maturityContext(model, findings, context, settings) {
    const issues = settings.issues;
    const modelId = model.index.modelId;
    const linked = new Set();
    for (const issue of issues?.existing ?? []) {
        const key = issueKey(issue.body);
        if (key?.startsWith(`${modelId}/`))
            linked.add(key.slice(modelId.length + 1));
    }
    const kb = settings.knowledgeBase;
    const event = context.event === 'merge_request' ? 'pull_request' : context.event;
    return {
        platform: context.platform,
        event,
        trackerSync: issues && issues.mode !== 'off' ? { enabled: true, linkedMitigations: [...linked], readBack: true, labels: true } : { enabled: false },
        rules: { builtin: settings.ruleSet.rules.filter((r) => r.enabled && r.origin === 'builtin').length, custom: settings.ruleSet.rules.filter((r) => r.enabled && r.origin === 'custom').length },
        outputs: { json: true, ...settings.maturity?.outputs },
        knowledgeBase: kb ? { cwe: kb.cwe !== undefined, capec: kb.capec !== undefined, attack: kb.attack !== undefined } : undefined,
        errorFindings: findings.filter((f) => !f.suppressed && (f.severity === 'high' || f.severity === 'critical')).length
    };
}
/** Threats the semantic diff found renamed (base id → head id), so risk compares them as one. */
function threatRenames(diff) {
    const renames = new Map();
    for (const change of diff?.changes ?? []) {
        if (change.section === 'threats' && change.change === 'renamed' && change.previousId)
            renames.set(change.previousId, change.id);
    }
    return renames;
}

;// CONCATENATED MODULE: ./src/core/rules/builtin-rules.generated.ts
// Generated from rules/builtin/**/*.yaml by __tests__/rules/builtin-rules.test.ts. Do not edit.
// Regenerate: UPDATE_RULES=1 npm test -- __tests__/rules
/** Raw text of every built-in rule file, by repository-relative path. */
const BUILTIN_RULE_FILES = [
    {
        path: "rules/builtin/design-risk/cross-boundary-flow-without-threat.yaml",
        text: "id: cross-boundary-flow-without-threat\ntitle: Cross-boundary flow with no threat considered\nseverity: low\ncategory: tampering\nrationale: >\n  Trust boundaries are where attacks happen: spoofed callers, tampered messages, leaked data. A\n  flow that crosses zones with no threat targeting it was most likely never analysed.\nremediation: >\n  Walk the flow through STRIDE and record the threats that apply (targets: [flow-id]); record a\n  not-applicable threat if none does.\nfalse_positives: >\n  Flows covered by threats written against the components at either end; target the flow too.\napplies_to: dataflow\ncondition: element.crossesBoundary && size(element.threats) == 0\nmessage: 'Flow {{ element.id }} crosses from {{ element.source.zone }} to {{ element.target.zone }} but no threat targets it.'\ndocs: |\n  Fires on flows whose source and target are in different zones and that no threat lists in its\n  `targets`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: dmz, trust: 1 }, { id: core, trust: 2 }]\n      components: [{ id: api, type: service, zone: dmz }, { id: db, type: datastore, zone: core }]\n      dataflows: [{ id: f1, from: api, to: db }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: dmz, trust: 1 }, { id: core, trust: 2 }]\n      components: [{ id: api, type: service, zone: dmz }, { id: db, type: datastore, zone: core }, { id: worker, type: process, zone: core }]\n      dataflows: [{ id: f1, from: api, to: db }, { id: f2, from: worker, to: db }]\n      threats: [{ id: T-1, title: SQL injection, targets: [f1] }]\n"
    },
    {
        path: "rules/builtin/design-risk/datastore-flow-without-authorization.yaml",
        text: "id: datastore-flow-without-authorization\ntitle: Flow to a datastore without authorization\nlikelihood: medium\nimpact: high\ncategory: elevation-of-privilege\ncwe: [CWE-862]\nrationale: >\n  Authentication says who connects; authorization limits what they may read and write. A client\n  with full rights on a datastore turns any flaw in that client into full access to the data.\nremediation: >\n  Give each client a least-privilege role on the datastore (per-table grants, bucket policies,\n  row-level security) and record it in `authorization:`.\nfalse_positives: >\n  Single-purpose datastores owned by one service; say so in `authorization:` (e.g. \"owner-only\").\napplies_to: dataflow\ncondition: element.target.type in [\"datastore\", \"queue\", \"repository\", \"secrets-store\"] && !element.authorized\nmessage: 'Flow {{ element.id }} from {{ element.source.id }} to datastore {{ element.target.id }} states no authorization.'\ndocs: |\n  Fires on flows into a datastore, queue, repository or secrets store without `authorization`\n  (missing, `false` or `none`).\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service }, { id: db, type: datastore }]\n      dataflows: [{ id: f1, from: api, to: db, authentication: password }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service }, { id: db, type: datastore }]\n      dataflows: [{ id: f1, from: api, to: db, authentication: password, authorization: role orders_rw on orders schema only }]\n"
    },
    {
        path: "rules/builtin/design-risk/datastore-reachable-from-untrusted.yaml",
        text: "id: datastore-reachable-from-untrusted\ntitle: Datastore reachable directly from an untrusted zone\nlikelihood: high\nimpact: high\ncategory: information-disclosure\ncwe: [CWE-284]\nrationale: >\n  A datastore that accepts connections straight from the internet (or another trust-0 zone) has\n  no application layer in front of it to enforce authorization, validate input or rate-limit.\n  Exposed databases and buckets are among the most common causes of bulk data leaks.\nremediation: >\n  Put a service in front of the datastore and move the datastore into a trusted zone; allow only\n  that service to connect.\nfalse_positives: >\n  Public object stores serving static public content; classify their assets public and suppress.\napplies_to: component\ncondition: >\n  element.type in [\"datastore\", \"queue\", \"repository\", \"secrets-store\"] && element.inbound.exists(f, f.source.trust == 0)\nelements: '[element.id] + element.inbound.filter(f, f.source.trust == 0).map(f, f.id)'\nmessage: 'Datastore {{ element.id }} receives flows straight from an untrusted zone: {{ element.inbound.filter(f, f.source.trust == 0).map(f, f.id).join(\", \") }}.'\ndocs: |\n  Fires on datastores, queues, repositories and secrets stores that are the target of a flow whose\n  source sits in a trust-0 zone. The finding names the datastore and those flows.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: internet, trust: 0 }, { id: core, trust: 2 }]\n      components: [{ id: browser, type: user, zone: internet }, { id: bucket, type: datastore, zone: core }]\n      dataflows: [{ id: f1, from: browser, to: bucket, authentication: api-key, encrypted: true }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: internet, trust: 0 }, { id: dmz, trust: 1 }, { id: core, trust: 2 }]\n      components: [{ id: browser, type: user, zone: internet }, { id: api, type: service, zone: dmz }, { id: db, type: datastore, zone: core }]\n      dataflows: [{ id: f1, from: browser, to: api }, { id: f2, from: api, to: db }]\n"
    },
    {
        path: "rules/builtin/design-risk/encrypted-flow-over-plaintext-protocol.yaml",
        text: "id: encrypted-flow-over-plaintext-protocol\ntitle: Flow marked encrypted over a plaintext protocol\nseverity: low\ncategory: information-disclosure\ncwe: [CWE-319]\nrationale: >\n  A flow that claims `encrypted: true` while naming a cleartext protocol (http, ftp, telnet, ldap,\n  pop3, imap) contradicts itself; one of the two is wrong, and if it is the flag, data is exposed.\nremediation: >\n  Name the secure variant (https, sftp/ftps, ssh, ldaps, pop3s, imaps) or set `encrypted: false`\n  and fix the flow.\nfalse_positives: >\n  Plaintext protocols inside an encrypted tunnel (IPsec, WireGuard); name the tunnel in the\n  protocol, e.g. `http-over-wireguard`.\napplies_to: dataflow\ncondition: element.encrypted && element.protocol in [\"http\", \"ftp\", \"telnet\", \"ldap\", \"pop3\", \"imap\"]\nmessage: 'Flow {{ element.id }} is marked encrypted but uses the plaintext protocol {{ element.protocol }}.'\ndocs: |\n  Fires on flows with `encrypted: true` whose `protocol` (compared in lower case) is http, ftp,\n  telnet, ldap, pop3 or imap.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: a, type: service }, { id: b, type: service }]\n      dataflows: [{ id: f1, from: a, to: b, protocol: HTTP, encrypted: true }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: a, type: service }, { id: b, type: service }]\n      dataflows: [{ id: f1, from: a, to: b, protocol: https, encrypted: true }]\n"
    },
    {
        path: "rules/builtin/design-risk/flow-bypasses-dmz.yaml",
        text: "id: flow-bypasses-dmz\ntitle: Flow from the untrusted zone straight into a trusted zone\nlikelihood: medium\nimpact: high\ncategory: elevation-of-privilege\ncwe: [CWE-923]\nrationale: >\n  Layered zones only help if traffic passes through them. A flow that goes from trust 0 straight\n  into a zone of trust 2 or more skips the intermediate layer (DMZ, edge) and its controls, so one\n  flaw in the receiving component exposes the trusted network.\nremediation: >\n  Route the flow through a component in an intermediate zone (gateway, proxy, edge service), or\n  move the receiving component into a zone that matches its exposure.\nfalse_positives: >\n  Zone schemes with large trust steps between adjacent layers; renumber trust levels.\napplies_to: dataflow\ncondition: element.source.trust == 0 && element.target.trust >= 2\nmessage: 'Flow {{ element.id }} goes from untrusted {{ element.source.zone }} straight into {{ element.target.zone }} (trust {{ element.target.trust }}).'\ndocs: |\n  Fires on flows whose source is in a trust-0 zone and whose target is in a zone of trust 2 or\n  higher.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: internet, trust: 0 }, { id: core, trust: 2 }]\n      components: [{ id: browser, type: user, zone: internet }, { id: billing, type: service, zone: core }]\n      dataflows: [{ id: f1, from: browser, to: billing, authentication: oidc, encrypted: true }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: internet, trust: 0 }, { id: dmz, trust: 1 }, { id: core, trust: 2 }]\n      components: [{ id: browser, type: user, zone: internet }, { id: edge, type: gateway, zone: dmz }, { id: billing, type: service, zone: core }]\n      dataflows: [{ id: f1, from: browser, to: edge }, { id: f2, from: edge, to: billing }]\n"
    },
    {
        path: "rules/builtin/design-risk/internet-facing-component-without-threat.yaml",
        text: "id: internet-facing-component-without-threat\ntitle: Internet-facing component with no threat considered\nseverity: medium\nrationale: >\n  Internet-facing components carry most of the attack surface. One with no threat against it was\n  not analysed, whatever its controls.\nremediation: >\n  Walk the component through STRIDE and record the threats against it (`targets: [id]`).\nfalse_positives: >\n  Components covered by threats targeting their flows only; target the component as well.\napplies_to: component\ncondition: element.internetFacing && size(element.threats) == 0\nmessage: 'Internet-facing {{ element.id }} has no threat against it.'\ndocs: |\n  Fires on components with `internet_facing: true` that no threat lists in its `targets`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service, internet_facing: true }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service, internet_facing: true }]\n      threats: [{ id: T-1, title: Credential stuffing, targets: [api] }]\n"
    },
    {
        path: "rules/builtin/design-risk/internet-facing-service-without-gateway.yaml",
        text: "id: internet-facing-service-without-gateway\ntitle: Internet-facing service without a gateway or WAF in front\nseverity: low\ncategory: denial-of-service\ncwe: [CWE-770]\nrationale: >\n  A gateway (reverse proxy, API gateway, WAF) in front of internet-facing services centralises TLS,\n  rate limiting, request size limits and virtual patching. Services exposed directly carry all of\n  that themselves, and usually some of it is missing.\nremediation: >\n  Route internet traffic through a gateway component (`type: gateway`) and model its flows, or\n  record in the service's description which of those controls it implements itself.\nfalse_positives: >\n  Managed platforms that front every service with their own edge; model that edge as a gateway.\napplies_to: component\ncondition: >\n  element.internetFacing && element.type in [\"service\", \"process\", \"function\"] &&\n  element.inbound.exists(f, f.source.trust == 0 && f.source.type != \"gateway\")\nmessage: 'Internet-facing {{ element.id }} receives flows from the untrusted zone with no gateway in front.'\ndocs: |\n  Fires on internet-facing services, processes and functions that receive a flow directly from a\n  non-gateway component in a trust-0 zone.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: internet, trust: 0 }, { id: dmz, trust: 1 }]\n      components: [{ id: browser, type: user, zone: internet }, { id: api, type: service, zone: dmz, internet_facing: true }]\n      dataflows: [{ id: f1, from: browser, to: api }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: internet, trust: 0 }, { id: dmz, trust: 1 }]\n      components:\n        - { id: browser, type: user, zone: internet }\n        - { id: edge, type: gateway, zone: dmz, internet_facing: true }\n        - { id: api, type: service, zone: dmz }\n      dataflows: [{ id: f1, from: browser, to: edge }, { id: f2, from: edge, to: api }]\n"
    },
    {
        path: "rules/builtin/design-risk/internet-facing-without-authentication.yaml",
        text: "id: internet-facing-without-authentication\ntitle: Internet-facing component accepts unauthenticated flows\nlikelihood: high\nimpact: medium\ncategory: spoofing\ncwe: [CWE-306]\nrationale: >\n  An internet-facing component is reachable by every attacker. Inbound flows without\n  authentication expose its whole functionality to anonymous callers.\nremediation: >\n  Require authentication on the inbound flows (sessions, OAuth 2 / OIDC tokens, mTLS) and record it\n  in `authentication:`; keep anonymous access to an explicit, minimal set of endpoints.\nfalse_positives: >\n  Public content and login endpoints; model them as a separate flow and suppress that flow's\n  finding with the reason.\napplies_to: component\ncondition: element.internetFacing && element.inbound.exists(f, !f.authenticated)\nelements: '[element.id] + element.inbound.filter(f, !f.authenticated).map(f, f.id)'\nmessage: 'Internet-facing {{ element.id }} accepts unauthenticated flows: {{ element.inbound.filter(f, !f.authenticated).map(f, f.id).join(\", \") }}.'\ndocs: |\n  Fires on components with `internet_facing: true` that are the target of a flow without\n  authentication. The finding names the component and those flows.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: browser, type: user }, { id: api, type: service, internet_facing: true }]\n      dataflows: [{ id: f1, from: browser, to: api, encrypted: true }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: browser, type: user }, { id: api, type: service, internet_facing: true }]\n      dataflows: [{ id: f1, from: browser, to: api, encrypted: true, authentication: oidc }]\n"
    },
    {
        path: "rules/builtin/design-risk/missing-identity-provider.yaml",
        text: "id: missing-identity-provider\ntitle: Users authenticate, but no identity provider is modelled\nseverity: medium\ncategory: spoofing\ncwe: [CWE-287]\nrationale: >\n  When users authenticate, credentials, sessions and tokens are issued and checked somewhere. If\n  that identity provider is not in the model, its threats (credential stuffing, token forgery,\n  account recovery abuse) are not either.\nremediation: >\n  Add the identity provider as a component (`type: identity-provider`) with its flows, or state in\n  a referenced model where authentication lives.\nfalse_positives: >\n  Identity handled by a platform modelled elsewhere; suppress with a reference to that model.\napplies_to: model\ncondition: >\n  index.dataflows.exists(f, f.authenticated && f.source.type == \"user\") &&\n  !index.components.exists(c, c.type == \"identity-provider\")\nmessage: 'Model {{ model.id }} has authenticated user flows ({{ index.dataflows.filter(f, f.authenticated && f.source.type == \"user\").map(f, f.id).join(\", \") }}) but no identity provider.'\ndocs: |\n  Fires on models where a flow from a `user` component states authentication and no component has\n  `type: identity-provider`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: browser, type: user }, { id: api, type: service }]\n      dataflows: [{ id: f1, from: browser, to: api, authentication: session-cookie }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: browser, type: user }, { id: api, type: service }, { id: idp, type: identity-provider }]\n      dataflows: [{ id: f1, from: browser, to: api, authentication: oidc }, { id: f2, from: browser, to: idp, authentication: password }]\n"
    },
    {
        path: "rules/builtin/design-risk/missing-secrets-store.yaml",
        text: "id: missing-secrets-store\ntitle: Services authenticate, but no secrets store is modelled\nseverity: medium\ncategory: information-disclosure\ncwe: [CWE-798]\nrationale: >\n  Service-to-service authentication needs credentials: passwords, API keys, client certificates.\n  Without a secrets store in the model, nothing shows where they live, and hard-coded or\n  environment-file secrets go unexamined.\nremediation: >\n  Model the secrets store (`type: secrets-store`) and the flows that fetch credentials from it.\nfalse_positives: >\n  Secrets managed by a platform modelled elsewhere; suppress with a reference to that model.\napplies_to: model\ncondition: >\n  index.dataflows.exists(f, f.authenticated && f.source.type != \"user\") &&\n  !index.components.exists(c, c.type == \"secrets-store\")\nmessage: 'Model {{ model.id }} has authenticated service flows ({{ index.dataflows.filter(f, f.authenticated && f.source.type != \"user\").map(f, f.id).join(\", \") }}) but no secrets store.'\ndocs: |\n  Fires on models where a flow from a non-user component states authentication and no component\n  has `type: secrets-store`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service }, { id: db, type: datastore }]\n      dataflows: [{ id: f1, from: api, to: db, authentication: password }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service }, { id: db, type: datastore }, { id: vault, type: secrets-store }]\n      dataflows: [{ id: f1, from: api, to: db, authentication: password }, { id: f2, from: api, to: vault, authentication: mtls }]\n"
    },
    {
        path: "rules/builtin/design-risk/no-repudiation-analysis.yaml",
        text: "id: no-repudiation-analysis\ntitle: Restricted data handled, but no repudiation threat considered\nseverity: low\ncategory: repudiation\ncwe: [CWE-778]\nrationale: >\n  Systems handling restricted data must be able to prove who did what (audit trails, tamper-\n  evident logs). A model with no repudiation threat at all suggests logging and accountability\n  were never examined.\nremediation: >\n  Add threats of `category: repudiation` for the components handling restricted data, with audit\n  logging mitigations.\nfalse_positives: >\n  Accountability covered by a platform model; reference it and suppress.\napplies_to: model\ncondition: >\n  index.components.exists(c, c.assets.exists(a, a.classification == \"restricted\")) &&\n  !index.threats.exists(t, t.category == \"repudiation\")\nmessage: 'Model {{ model.id }} handles restricted data but considers no repudiation threat.'\ndocs: |\n  Fires on models where some component holds a restricted asset and no threat has\n  `category: repudiation`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: pan, classification: restricted }]\n      components: [{ id: vault, type: datastore, assets: [pan] }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: pan, classification: restricted }]\n      components: [{ id: vault, type: datastore, assets: [pan] }]\n      threats: [{ id: T-1, title: Operator denies reading card data, category: repudiation, targets: [vault] }]\n"
    },
    {
        path: "rules/builtin/design-risk/restricted-data-in-low-trust-zone.yaml",
        text: "id: restricted-data-in-low-trust-zone\ntitle: Restricted data stored in a low-trust zone\nlikelihood: medium\nimpact: very-high\ncategory: information-disclosure\ncwe: [CWE-312]\nrationale: >\n  Restricted data (card numbers, health records, secrets) belongs behind the most boundaries the\n  system has. Stored in the internet zone or a DMZ (trust ≤ 1), one compromised edge host is\n  enough to reach it.\nremediation: >\n  Move the store into a trusted zone reached only through an application service, or stop storing\n  the restricted data there (tokenise it).\nfalse_positives: >\n  Zones whose trust numbering starts higher; the rule treats trust 0 and 1 as low.\napplies_to: component\ncondition: >\n  element.type in [\"datastore\", \"queue\", \"repository\", \"secrets-store\"] && element.trust >= 0 && element.trust <= 1 &&\n  element.assets.exists(a, a.classification == \"restricted\")\nmessage: '{{ element.id }} stores restricted data ({{ element.assets.filter(a, a.classification == \"restricted\").map(a, a.id).join(\", \") }}) in zone {{ element.zone }} (trust {{ element.trust }}).'\ndocs: |\n  Fires on storing components (datastore, queue, repository, secrets-store) in a zone with trust 0\n  or 1 that list a restricted asset.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: dmz, trust: 1 }]\n      assets: [{ id: pan, classification: restricted }]\n      components: [{ id: cache, type: datastore, zone: dmz, assets: [pan] }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: dmz, trust: 1 }, { id: core, trust: 3 }]\n      assets: [{ id: pan, classification: restricted }, { id: sessions, classification: confidential }]\n      components: [{ id: vault, type: datastore, zone: core, assets: [pan] }, { id: cache, type: datastore, zone: dmz, assets: [sessions] }]\n"
    },
    {
        path: "rules/builtin/design-risk/restricted-data-to-external.yaml",
        text: "id: restricted-data-to-external\ntitle: Restricted data sent to an external system\nlikelihood: low\nimpact: very-high\ncategory: information-disclosure\ncwe: [CWE-200]\nrationale: >\n  Restricted data leaving for a third party is outside the team's controls from then on. It needs\n  a contract, a data-processing agreement and usually minimisation; the model should show that\n  someone thought about it.\nremediation: >\n  Send only what the partner needs (tokens instead of card numbers), and record the agreement in a\n  threat with an accepted or transferred status and a linked mitigation.\nfalse_positives: >\n  Required transfers to regulated partners (card acquirers, payment processors); record a\n  threat targeting the flow with `status: transferred`, which silences this rule.\napplies_to: dataflow\ncondition: >\n  element.target.type == \"external\" && element.assets.exists(a, a.classification == \"restricted\") &&\n  !element.threats.exists(t, t.status in [\"transferred\", \"accepted\", \"mitigated\"])\nmessage: 'Flow {{ element.id }} sends restricted data ({{ element.assets.filter(a, a.classification == \"restricted\").map(a, a.id).join(\", \") }}) to external {{ element.target.id }} with no threat treating the transfer.'\ndocs: |\n  Fires on flows into an `external` component that carry a restricted asset, unless a threat\n  targeting the flow is transferred, accepted or mitigated.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: pan, classification: restricted }]\n      components: [{ id: api, type: service }, { id: analytics, type: external }]\n      dataflows: [{ id: f1, from: api, to: analytics, assets: [pan], encrypted: true }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: pan, classification: restricted }]\n      components: [{ id: api, type: service }, { id: acquirer, type: external }]\n      dataflows: [{ id: f1, from: api, to: acquirer, assets: [pan], encrypted: true }]\n      threats: [{ id: T-1, title: Acquirer leaks card data, targets: [f1], status: transferred }]\n"
    },
    {
        path: "rules/builtin/design-risk/secrets-store-exposed.yaml",
        text: "id: secrets-store-exposed\ntitle: Secrets store exposed to the untrusted zone\nlikelihood: medium\nimpact: very-high\ncategory: information-disclosure\ncwe: [CWE-522]\nrationale: >\n  The secrets store holds the keys to everything else. Reachable from the internet, it is one\n  credential-guessing or authentication-bypass bug away from a full compromise.\nremediation: >\n  Make the secrets store reachable only from the trusted workloads that need it (private network,\n  workload identity) and remove internet-facing access.\nfalse_positives: >\n  SaaS secret managers reached over the internet with workload identity federation; model the\n  flow's source zone accordingly.\napplies_to: component\ncondition: >\n  element.type == \"secrets-store\" && (element.internetFacing || element.inbound.exists(f, f.source.trust == 0))\nmessage: 'Secrets store {{ element.id }} is reachable from the untrusted zone.'\ndocs: |\n  Fires on components of `type: secrets-store` that are internet-facing or receive a flow from a\n  trust-0 zone.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: vault, type: secrets-store, internet_facing: true }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: core, trust: 2 }]\n      components: [{ id: api, type: service, zone: core }, { id: vault, type: secrets-store, zone: core }]\n      dataflows: [{ id: f1, from: api, to: vault, authentication: workload-identity }]\n"
    },
    {
        path: "rules/builtin/design-risk/unauthenticated-datastore-access.yaml",
        text: "id: unauthenticated-datastore-access\ntitle: Unauthenticated access to a datastore\nlikelihood: medium\nimpact: high\ncategory: spoofing\ncwe: [CWE-306]\nrationale: >\n  Datastores that accept connections without credentials (default Redis, open Elasticsearch,\n  anonymous buckets) are read and wiped by anyone who reaches them on the network.\nremediation: >\n  Require credentials or mTLS on every connection to the datastore and record the scheme in\n  `authentication:`.\nfalse_positives: >\n  Embedded, in-process stores; model them as part of the component instead.\napplies_to: dataflow\ncondition: element.target.type in [\"datastore\", \"queue\", \"repository\", \"secrets-store\"] && !element.authenticated\nmessage: 'Flow {{ element.id }} reaches datastore {{ element.target.id }} without authentication.'\ndocs: |\n  Fires on flows into a datastore, queue, repository or secrets store without authentication.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service }, { id: cache, type: datastore }]\n      dataflows: [{ id: f1, from: api, to: cache, protocol: redis }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service }, { id: cache, type: datastore }]\n      dataflows: [{ id: f1, from: api, to: cache, protocol: rediss, authentication: acl-user }]\n"
    },
    {
        path: "rules/builtin/design-risk/unauthenticated-flow-into-trusted-zone.yaml",
        text: "id: unauthenticated-flow-into-trusted-zone\ntitle: Unauthenticated flow into a more trusted zone\nlikelihood: high\nimpact: medium\ncategory: spoofing\ncwe: [CWE-306]\nrationale: >\n  A flow that crosses into a more trusted zone without authentication lets anyone who can reach\n  the source side speak to the trusted side as if they belonged there. Trust boundaries exist to\n  be checked at the crossing.\nremediation: >\n  Authenticate the caller at the boundary (mTLS, signed tokens, API keys held in a secrets store)\n  and record the scheme in `authentication:`.\nfalse_positives: >\n  Deliberately public endpoints (a login page, a public status API). Suppress with the reason, or\n  place the receiving component in a zone that matches its exposure.\napplies_to: dataflow\ncondition: '!element.authenticated && element.source.trust >= 0 && element.target.trust > element.source.trust'\nmessage: 'Flow {{ element.id }} enters zone {{ element.target.zone }} (trust {{ element.target.trust }}) from {{ element.source.zone }} (trust {{ element.source.trust }}) without authentication.'\ndocs: |\n  Fires on flows without authentication (missing, `none` or `anonymous`) whose target component\n  sits in a zone with a higher trust level than the source's zone.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: dmz, trust: 1 }, { id: core, trust: 2 }]\n      components: [{ id: api, type: service, zone: dmz }, { id: ledger, type: service, zone: core }]\n      dataflows: [{ id: f1, from: api, to: ledger, authentication: none }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: dmz, trust: 1 }, { id: core, trust: 2 }]\n      components: [{ id: api, type: service, zone: dmz }, { id: ledger, type: service, zone: core }]\n      dataflows: [{ id: f1, from: api, to: ledger, authentication: mtls }, { id: f2, from: ledger, to: api }]\n"
    },
    {
        path: "rules/builtin/design-risk/unauthenticated-path-to-sensitive-datastore.yaml",
        text: "id: unauthenticated-path-to-sensitive-datastore\ntitle: Sensitive datastore reachable from the untrusted zone without authentication\nlikelihood: high\nimpact: high\ncategory: information-disclosure\ncwe: [CWE-306]\nrationale: >\n  When a chain of flows leads from the internet to a datastore holding confidential or restricted\n  data and no hop on the chain authenticates, an anonymous attacker can drive requests all the way\n  to that data through the intermediate services.\nremediation: >\n  Authenticate at least one hop of every path from the untrusted zone to the datastore, preferably\n  the first one, and authorize the data access at the last.\nfalse_positives: >\n  Paths through services that only expose public data derived from the store; classify that\n  output separately and suppress.\napplies_to: component\ncondition: >\n  element.type in [\"datastore\", \"queue\", \"repository\", \"secrets-store\"] &&\n  element.assets.exists(a, classificationRank(a.classification) >= 2) &&\n  unauthenticatedPathFromUntrusted(element.id)\nmessage: '{{ element.id }} holds {{ element.assets.filter(a, classificationRank(a.classification) >= 2).map(a, a.id).join(\", \") }} and is reachable from the untrusted zone through flows without any authentication.'\ndocs: |\n  Fires on storing components holding a confidential or restricted asset that can be reached from\n  a trust-0 component through a path made only of unauthenticated flows (helper\n  `unauthenticatedPathFromUntrusted`).\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: internet, trust: 0 }, { id: dmz, trust: 1 }, { id: core, trust: 2 }]\n      assets: [{ id: orders, classification: confidential }]\n      components:\n        - { id: browser, type: user, zone: internet }\n        - { id: api, type: service, zone: dmz }\n        - { id: db, type: datastore, zone: core, assets: [orders] }\n      dataflows: [{ id: f1, from: browser, to: api }, { id: f2, from: api, to: db }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: internet, trust: 0 }, { id: dmz, trust: 1 }, { id: core, trust: 2 }]\n      assets: [{ id: orders, classification: confidential }]\n      components:\n        - { id: browser, type: user, zone: internet }\n        - { id: api, type: service, zone: dmz }\n        - { id: db, type: datastore, zone: core, assets: [orders] }\n      dataflows: [{ id: f1, from: browser, to: api, authentication: oidc }, { id: f2, from: api, to: db }]\n"
    },
    {
        path: "rules/builtin/design-risk/unencrypted-internet-flow.yaml",
        text: "id: unencrypted-internet-flow\ntitle: Unencrypted flow to or from the internet\nlikelihood: high\nimpact: low\ncategory: tampering\ncwe: [CWE-319]\nrationale: >\n  Anything sent in clear over the internet can be read and rewritten on the way (public Wi-Fi,\n  hostile ISPs, BGP hijacks), whatever its classification: injected scripts and redirects need no\n  secret data.\nremediation: >\n  Use TLS for the flow (HTTPS with HSTS, SMTP with STARTTLS enforced, …) and set `encrypted: true`.\nfalse_positives: >\n  Content whose integrity is protected end-to-end by signatures (package repositories); suppress\n  with the reason.\napplies_to: dataflow\ncondition: '!element.encrypted && (element.source.trust == 0 || element.target.trust == 0)'\nmessage: 'Flow {{ element.id }} ({{ element.source.id }} → {{ element.target.id }}) crosses the untrusted zone unencrypted.'\ndocs: |\n  Fires on flows that are not `encrypted: true` whose source or target sits in a trust-0 zone.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: internet, trust: 0 }, { id: dmz, trust: 1 }]\n      components: [{ id: browser, type: user, zone: internet }, { id: web, type: service, zone: dmz }]\n      dataflows: [{ id: f1, from: browser, to: web, protocol: http }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: internet, trust: 0 }, { id: dmz, trust: 1 }]\n      components: [{ id: browser, type: user, zone: internet }, { id: web, type: service, zone: dmz }]\n      dataflows: [{ id: f1, from: browser, to: web, protocol: https, encrypted: true }]\n"
    },
    {
        path: "rules/builtin/design-risk/unencrypted-sensitive-flow.yaml",
        text: "id: unencrypted-sensitive-flow\ntitle: Confidential or restricted data on an unencrypted flow\nlikelihood: medium\nimpact: high\ncategory: information-disclosure\ncwe: [CWE-319]\nrationale: >\n  Data in transit without encryption can be read and altered by anyone on the path: other\n  tenants of the network, a compromised host, a misconfigured proxy. For confidential and\n  restricted data that is a direct disclosure risk.\nremediation: >\n  Encrypt the flow (TLS with certificate verification, mTLS, or an encrypted tunnel) and set\n  `encrypted: true`.\nfalse_positives: >\n  Flows inside one host (e.g. a Unix socket). Model them as such or suppress with the reason.\n  A flow that does not state `encrypted` counts as unencrypted.\napplies_to: dataflow\ncondition: '!element.encrypted && element.assets.exists(a, classificationRank(a.classification) >= 2)'\nmessage: 'Flow {{ element.id }} ({{ element.source.id }} → {{ element.target.id }}) carries {{ element.assets.filter(a, classificationRank(a.classification) >= 2).map(a, a.id).join(\", \") }} without encryption.'\ndocs: |\n  Fires on flows that are not `encrypted: true` and carry an asset classified confidential or\n  restricted. Severity comes from likelihood medium × impact high.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: pan, classification: restricted }]\n      components: [{ id: api, type: service }, { id: db, type: datastore }]\n      dataflows: [{ id: f1, from: api, to: db, assets: [pan] }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: pan, classification: restricted }, { id: docs, classification: public }]\n      components: [{ id: api, type: service }, { id: db, type: datastore }]\n      dataflows: [{ id: f1, from: api, to: db, assets: [pan], encrypted: true }, { id: f2, from: db, to: api, assets: [docs] }]\n"
    },
    {
        path: "rules/builtin/model-quality/acceptance-expired.yaml",
        text: "id: acceptance-expired\ntitle: Risk acceptance expired\nseverity: high\nrationale: >\n  Risk acceptances are time-boxed so that they are revisited. Past its expiry date the threat is\n  effectively open and untreated, while the model still reports it as handled.\nremediation: >\n  Re-evaluate the threat: renew the acceptance with a new `expires` date and approver, or plan a\n  mitigation and set the status back to `open`.\nfalse_positives: >\n  None: an expired acceptance must be renewed or replaced, even if the decision stays the same.\napplies_to: threat\ncondition: >\n  element.status == \"accepted\" && element.acceptance.expires != \"\" && element.acceptance.expires < context.today\nmessage: 'The acceptance of threat {{ element.id }} expired on {{ element.acceptance.expires }}.'\ndocs: |\n  Fires on accepted threats whose `acceptance.expires` lies before the run's date\n  (`context.today`, given by the caller).\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: DoS, status: accepted, acceptance: { by: cso, reason: Low value, expires: 2025-06-30 } }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: DoS, status: accepted, acceptance: { by: cso, reason: Low value, expires: 2026-06-30 } }]\n"
    },
    {
        path: "rules/builtin/model-quality/accepted-threat-without-approver.yaml",
        text: "id: accepted-threat-without-approver\ntitle: Accepted threat without an approver\nseverity: medium\nrationale: >\n  Accepting a risk is a business decision that someone accountable must own. An acceptance with\n  no approver cannot be challenged, renewed or audited.\nremediation: >\n  Add `acceptance.by:` naming the person or role who accepted the risk.\nfalse_positives: >\n  None expected: a risk acceptance always has an owner.\napplies_to: threat\ncondition: element.status == \"accepted\" && element.acceptance.by.trim() == \"\"\nmessage: 'Threat {{ element.id }} is accepted, but `acceptance.by` names no approver.'\ndocs: |\n  Fires on threats with `status: accepted` and no `acceptance.by`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: DoS, status: accepted, acceptance: { reason: Low value target, expires: 2026-12-31 } }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: DoS, status: accepted, acceptance: { by: cso, reason: Low value target, expires: 2026-12-31 } }]\n"
    },
    {
        path: "rules/builtin/model-quality/accepted-threat-without-reason.yaml",
        text: "id: accepted-threat-without-reason\ntitle: Accepted threat without a reason\nseverity: low\nrationale: >\n  An acceptance without a reason cannot be re-evaluated when circumstances change: the next\n  reviewer does not know which assumption made the risk tolerable.\nremediation: >\n  Add `acceptance.reason:` explaining why the risk is tolerable (exposure, compensating controls,\n  cost of treatment).\nfalse_positives: >\n  None expected.\napplies_to: threat\ncondition: element.status == \"accepted\" && element.acceptance.reason.trim() == \"\"\nmessage: 'Threat {{ element.id }} is accepted without `acceptance.reason`.'\ndocs: |\n  Fires on threats with `status: accepted` and an empty or missing `acceptance.reason`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: DoS, status: accepted, acceptance: { by: cso, expires: 2026-12-31 } }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: DoS, status: accepted, acceptance: { by: cso, reason: Internal tool only, expires: 2026-12-31 } }]\n"
    },
    {
        path: "rules/builtin/model-quality/asset-without-classification.yaml",
        text: "id: asset-without-classification\ntitle: Asset without a classification\nseverity: low\nrationale: >\n  Classification drives the design-risk rules (unencrypted confidential flows, restricted data in\n  low-trust zones). An unclassified asset silently escapes them.\nremediation: >\n  Set `classification:` to public, internal, confidential or restricted.\nfalse_positives: >\n  None expected.\napplies_to: asset\ncondition: element.classification == \"\"\nmessage: 'Asset {{ element.id }} has no classification.'\ndocs: |\n  Fires on assets without `classification`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: orders, title: Orders }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: orders, title: Orders, classification: internal }]\n"
    },
    {
        path: "rules/builtin/model-quality/assumption-expired.yaml",
        text: "id: assumption-expired\ntitle: Assumption past its expiry date\nseverity: medium\nrationale: >\n  Assumptions with an expiry date were meant to be revisited. Past that date the threats that\n  rely on the assumption may be rated on a premise that no longer holds.\nremediation: >\n  Re-check the assumption and move `expires` forward, or replace it with a threat and mitigation.\nfalse_positives: >\n  None: an expired assumption must be re-confirmed.\napplies_to: assumption\ncondition: element.expires != \"\" && element.expires < context.today\nmessage: 'Assumption {{ element.id }} expired on {{ element.expires }}.'\ndocs: |\n  Fires on assumptions whose `expires` date lies before the run's date.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assumptions: [{ id: A-1, text: Only staff reach the admin UI., validated: true, expires: 2025-12-31 }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assumptions: [{ id: A-1, text: Only staff reach the admin UI., validated: true, expires: 2026-12-31 }]\n"
    },
    {
        path: "rules/builtin/model-quality/assumption-not-validated.yaml",
        text: "id: assumption-not-validated\ntitle: Assumption never validated\nseverity: low\nrationale: >\n  Threat models rest on assumptions (\"the partner validates our certificate\"). An assumption\n  nobody checked is a hidden risk: if it is false, threats rated low may be high.\nremediation: >\n  Validate the assumption and set `validated: true`, or turn it into a threat with a mitigation.\nfalse_positives: >\n  Assumptions that cannot be validated by the team; record who owns them and suppress with a reason.\napplies_to: assumption\ncondition: '!element.validated'\nmessage: 'Assumption {{ element.id }} has not been validated: \"{{ element.text }}\"'\ndocs: |\n  Fires on assumptions without `validated: true`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assumptions: [{ id: A-1, text: The acquirer validates our client certificate. }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assumptions: [{ id: A-1, text: The acquirer validates our client certificate., validated: true }]\n"
    },
    {
        path: "rules/builtin/model-quality/component-in-no-flow.yaml",
        text: "id: component-in-no-flow\ntitle: Component in no data flow\nseverity: low\nrationale: >\n  A component that sends and receives nothing is either missing its flows (and so its\n  boundary-crossing threats) or no longer part of the system.\nremediation: >\n  Model the flows to and from the component, or remove it. A container whose children carry the\n  flows is fine.\nfalse_positives: >\n  Grouping components whose children carry the flows are ignored, as are retired components.\napplies_to: component\ncondition: >\n  size(element.inbound) == 0 && size(element.outbound) == 0 && element.lifecycle != \"retired\" &&\n  !index.components.exists(c, c.parent == element.id)\nmessage: 'Component {{ element.id }} takes part in no data flow.'\ndocs: |\n  Fires on components that are neither source nor target of any flow, have no child components\n  and are not retired.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service, owner: a }, { id: db, type: datastore, owner: a }, { id: cron, type: process, owner: a }]\n      dataflows: [{ id: f1, from: api, to: db }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service, owner: a }, { id: db, type: datastore, owner: a }]\n      dataflows: [{ id: f1, from: api, to: db }]\n"
    },
    {
        path: "rules/builtin/model-quality/component-without-owner.yaml",
        text: "id: component-without-owner\ntitle: Component without an owner\nseverity: low\nrationale: >\n  Mitigations land on the team that owns a component. Without an owner, tracker issues have no\n  assignee and findings about the component have nobody to act on them.\nremediation: >\n  Set `owner:` to the team or person responsible for the component.\nfalse_positives: >\n  Users and external systems are not owned by the team and are ignored by this rule.\napplies_to: component\ncondition: element.owner == \"\" && !(element.type in [\"user\", \"external\", \"device\"])\nmessage: 'Component {{ element.id }} ({{ element.type }}) has no owner.'\ndocs: |\n  Fires on components of every type except `user`, `external` and `device` that have no `owner`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service, owner: team-a }, { id: partner, type: external }]\n"
    },
    {
        path: "rules/builtin/model-quality/component-without-zone.yaml",
        text: "id: component-without-zone\ntitle: Component in no trust zone\nseverity: low\nrationale: >\n  Trust zones are how the model expresses boundaries. A component outside every zone has unknown\n  trust, so boundary-crossing and exposure rules cannot judge its flows.\nremediation: >\n  Set `zone:` on the component.\nfalse_positives: >\n  None expected once zones are modelled; models without any zone are ignored.\napplies_to: component\ncondition: element.zone == \"\" && model.counts.zones > 0\nmessage: 'Component {{ element.id }} is in no trust zone.'\ndocs: |\n  Fires on components without `zone` in models that define at least one zone.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: core, trust: 2 }]\n      components: [{ id: api, type: service }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      zones: [{ id: core, trust: 2 }]\n      components: [{ id: api, type: service, zone: core }]\n"
    },
    {
        path: "rules/builtin/model-quality/deprecated-capec-id.yaml",
        text: "id: deprecated-capec-id\ntitle: Deprecated CAPEC id\nseverity: low\nrationale: >\n  MITRE retires catalogue entries that were duplicates, too broad or wrong. A threat that still\n  cites a deprecated CAPEC entry points readers and tools at guidance that is no longer maintained.\nremediation: >\n  Replace the id under `references.capec` with the entry MITRE points to in the retired entry's\n  description.\nfalse_positives: >\n  None once the knowledge base is current. Without a loaded CAPEC catalogue the rule stays silent.\napplies_to: threat\ncondition: element.capec.exists(id, kbStatus(\"capec\", id) in [\"deprecated\", \"obsolete\"])\nmessage: 'Threat {{ element.id }} references deprecated CAPEC ids: {{ element.capec.filter(id, kbStatus(\"capec\", id) in [\"deprecated\", \"obsolete\"]).join(\", \") }}.'\ndocs: |\n  Needs the CAPEC knowledge base. Fires on threats listing an id under `references.capec` whose\n  catalogue status is deprecated.\nexamples:\n  knowledge_base:\n    capec:\n      \"CAPEC-66\": { name: SQL Injection, status: stable }\n      \"CAPEC-12\": { name: Choosing Message Identifier, status: deprecated }\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { capec: [CAPEC-12] } }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { capec: [CAPEC-66] } }]\n"
    },
    {
        path: "rules/builtin/model-quality/deprecated-cwe-id.yaml",
        text: "id: deprecated-cwe-id\ntitle: Deprecated CWE id\nseverity: low\nrationale: >\n  MITRE retires catalogue entries that were duplicates, too broad or wrong. A threat that still\n  cites a deprecated or obsolete CWE entry points readers and tools at guidance that is no longer maintained.\nremediation: >\n  Replace the id under `references.cwe` with the entry MITRE points to in the retired entry's\n  description.\nfalse_positives: >\n  None once the knowledge base is current. Without a loaded CWE catalogue the rule stays silent.\napplies_to: threat\ncondition: element.cwe.exists(id, kbStatus(\"cwe\", id) in [\"deprecated\", \"obsolete\"])\nmessage: 'Threat {{ element.id }} references deprecated or obsolete CWE ids: {{ element.cwe.filter(id, kbStatus(\"cwe\", id) in [\"deprecated\", \"obsolete\"]).join(\", \") }}.'\ndocs: |\n  Needs the CWE knowledge base. Fires on threats listing an id under `references.cwe` whose\n  catalogue status is deprecated or obsolete.\nexamples:\n  knowledge_base:\n    cwe:\n      \"CWE-79\": { name: Cross-site Scripting, status: stable }\n      \"CWE-1187\": { name: \"DEPRECATED: Use of Uninitialized Resource\", status: deprecated }\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { cwe: [CWE-1187] } }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { cwe: [CWE-79] } }]\n"
    },
    {
        path: "rules/builtin/model-quality/high-threat-without-detective-control.yaml",
        text: "id: high-threat-without-detective-control\ntitle: High or critical threat without a detective or corrective control\nseverity: medium\nrationale: >\n  Preventive controls fail. For the threats that matter most the whitepaper asks for defence in\n  depth across control types: something that notices the attack (detective) or limits and repairs\n  its damage (corrective).\nremediation: >\n  Add a mitigation of `type: detective` (alerting, anomaly detection, audit review) or\n  `type: corrective` (revocation, automated rollback) and link it to the threat.\nfalse_positives: >\n  Threats whose preventive control is provably complete (e.g. a vulnerability class removed by the\n  language). Suppress with that reason.\napplies_to: threat\ncondition: >\n  severityRank(element.severity) >= 3 && element.status in [\"open\", \"mitigated\"] &&\n  !element.mitigations.exists(m, m.status != \"rejected\" && m.type in [\"detective\", \"corrective\"])\nmessage: 'Threat {{ element.id }} is {{ element.severity }} but has no detective or corrective control.'\ndocs: |\n  Fires on open or mitigated threats rated high or critical (qualitative matrix) that link no\n  detective or corrective mitigation other than rejected ones.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Account takeover, likelihood: high, impact: high, mitigations: [M-1] }]\n      mitigations: [{ id: M-1, title: MFA, type: preventive, status: implemented }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Account takeover, likelihood: high, impact: high, mitigations: [M-1, M-2] }]\n      mitigations:\n        - { id: M-1, title: MFA, type: preventive, status: implemented }\n        - { id: M-2, title: Impossible-travel alert, type: detective, status: planned }\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Account takeover, likelihood: low, impact: medium, mitigations: [M-1] }]\n      mitigations: [{ id: M-1, title: MFA, type: preventive, status: implemented }]\n"
    },
    {
        path: "rules/builtin/model-quality/incident-not-linked.yaml",
        text: "id: incident-not-linked\ntitle: Incident linked to no threat\nseverity: medium\nrationale: >\n  Incidents are the SecOps feedback loop: each one either confirms a modelled threat or reveals a\n  missing one. An incident linked to no threat shows the model missed something that happened.\nremediation: >\n  Link the incident to the threats it realised (`threats: [T-…]`), adding a new threat if none\n  fits.\nfalse_positives: >\n  Incidents outside the scope of this model; move them to the model they belong to.\napplies_to: incident\ncondition: size(element.threats) == 0\nmessage: 'Incident {{ element.id }} ({{ element.date }}) is linked to no threat.'\ndocs: |\n  Fires on incidents whose `threats` list is empty or missing.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      incidents: [{ id: INC-1, date: 2025-09-12, summary: Credential stuffing burst }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Credential stuffing, status: accepted, acceptance: { by: a, reason: b } }]\n      incidents: [{ id: INC-1, date: 2025-09-12, summary: Credential stuffing burst, threats: [T-1] }]\n"
    },
    {
        path: "rules/builtin/model-quality/incident-on-mitigated-threat.yaml",
        text: "id: incident-on-mitigated-threat\ntitle: Incident realised a threat the model calls mitigated\nseverity: medium\nrationale: >\n  If an incident realised a threat that the model marks mitigated or not applicable, the control\n  failed or the rating was wrong. The model should say so rather than keep reporting it as handled.\nremediation: >\n  Re-open the threat, review its mitigations (add a detective or corrective control) and re-rate\n  its likelihood with the incident as evidence.\nfalse_positives: >\n  Incidents older than the mitigation; note the mitigation date in the incident summary and\n  suppress.\napplies_to: incident\ncondition: element.threats.exists(t, t.status in [\"mitigated\", \"not-applicable\"])\nmessage: 'Incident {{ element.id }} realised threats marked mitigated or not applicable: {{ element.threats.filter(t, t.status in [\"mitigated\", \"not-applicable\"]).map(t, t.id).join(\", \") }}.'\ndocs: |\n  Fires on incidents linked to a threat whose status is `mitigated` or `not-applicable`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Credential stuffing, status: mitigated, mitigations: [M-1] }]\n      mitigations: [{ id: M-1, title: Rate limit, status: implemented }]\n      incidents: [{ id: INC-1, date: 2025-09-12, summary: Stuffing burst, threats: [T-1] }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Credential stuffing, status: open, mitigations: [M-1] }]\n      mitigations: [{ id: M-1, title: Rate limit, status: implemented }]\n      incidents: [{ id: INC-1, date: 2025-09-12, summary: Stuffing burst, threats: [T-1] }]\n"
    },
    {
        path: "rules/builtin/model-quality/incident-technique-not-modelled.yaml",
        text: "id: incident-technique-not-modelled\ntitle: Incident technique not covered by the model\nseverity: medium\nrationale: >\n  An ATT&CK technique seen in an incident but cited by no threat and detected by no mitigation is\n  a gap the attacker already found. Feeding operations back into the model closes it.\nremediation: >\n  Add the technique to the `references.attack` of the threat it realises (or a new threat), and\n  consider a detective mitigation listing it under `detects`.\nfalse_positives: >\n  Techniques incidental to the incident (e.g. generic discovery); cite them on the closest threat.\napplies_to: incident\ncondition: >\n  element.techniques.exists(t, !index.threats.exists(th, t in th.attack) && !index.mitigations.exists(m, t in m.detects))\nmessage: 'Incident {{ element.id }} saw techniques no threat or mitigation covers: {{ element.techniques.filter(t, !index.threats.exists(th, t in th.attack) && !index.mitigations.exists(m, t in m.detects)).join(\", \") }}.'\ndocs: |\n  Fires on incidents listing an ATT&CK technique under `techniques` that no threat cites in\n  `references.attack` and no mitigation lists in `detects`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Credential stuffing, status: accepted, acceptance: { by: a, reason: b } }]\n      incidents: [{ id: INC-1, date: 2025-09-12, summary: Stuffing burst, techniques: [T1110.004], threats: [T-1] }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Credential stuffing, references: { attack: [T1110.004] }, status: accepted, acceptance: { by: a, reason: b } }]\n      incidents: [{ id: INC-1, date: 2025-09-12, summary: Stuffing burst, techniques: [T1110.004], threats: [T-1] }]\n"
    },
    {
        path: "rules/builtin/model-quality/mitigated-threat-without-control.yaml",
        text: "id: mitigated-threat-without-control\ntitle: Threat marked mitigated without a control in place\nseverity: medium\nrationale: >\n  A threat is mitigated only when a control is in place. Marking it mitigated while its\n  mitigations are merely proposed or planned overstates the security of the system.\nremediation: >\n  Set the threat back to `open` until a linked mitigation is implemented, verified or existing,\n  or update the mitigation's status if it is in place.\nfalse_positives: >\n  Controls outside the model; model them as `existing` mitigations.\napplies_to: threat\ncondition: element.status == \"mitigated\" && size(element.controls) == 0\nmessage: 'Threat {{ element.id }} is marked mitigated, but none of its mitigations is implemented, verified or existing.'\ndocs: |\n  Fires on threats with `status: mitigated` that link no mitigation with status implemented,\n  verified or existing.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: XSS, status: mitigated, mitigations: [M-1] }]\n      mitigations: [{ id: M-1, title: CSP, status: planned }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: XSS, status: mitigated, mitigations: [M-1] }]\n      mitigations: [{ id: M-1, title: CSP, status: verified }]\n"
    },
    {
        path: "rules/builtin/model-quality/mitigation-without-owner.yaml",
        text: "id: mitigation-without-owner\ntitle: Pending mitigation without an owner\nseverity: low\nrationale: >\n  Proposed, planned and in-progress mitigations are work to be done. Without an owner their\n  tracker issues get no assignee and the work tends not to happen.\nremediation: >\n  Set `owner:` on the mitigation to the team or person who will implement it.\nfalse_positives: >\n  Mitigations waiting for triage; assign an owner when they are planned.\napplies_to: mitigation\ncondition: element.owner == \"\" && element.status in [\"proposed\", \"planned\", \"in-progress\"]\nmessage: 'Mitigation {{ element.id }} is {{ element.status }} but has no owner.'\ndocs: |\n  Fires on mitigations with status proposed (the default), planned or in-progress and no `owner`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: XSS, mitigations: [M-1] }]\n      mitigations: [{ id: M-1, title: CSP, status: planned }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: XSS, mitigations: [M-1] }]\n      mitigations: [{ id: M-1, title: CSP, status: planned, owner: team-web }]\n"
    },
    {
        path: "rules/builtin/model-quality/mitigation-without-threat.yaml",
        text: "id: mitigation-without-threat\ntitle: Mitigation linked to no threat\nseverity: low\nrationale: >\n  A mitigation that no threat links to cannot be traced to a risk it reduces. It is either dead\n  weight in the model or a control whose threat was never written down, and its tracker issue\n  has no severity to prioritise it by.\nremediation: >\n  Add the mitigation's id to the `mitigations` list of the threats it addresses, or remove it\n  from the model if it no longer serves one.\nfalse_positives: >\n  Baseline controls kept in the model for completeness (e.g. a company-wide SSO policy). Link them\n  to the threats they cover, or suppress this finding with a reason.\napplies_to: mitigation\ncondition: size(element.threats) == 0 && element.status != \"rejected\"\nmessage: 'Mitigation {{ element.id }} (\"{{ element.title }}\") is linked to no threat.'\ndocs: |\n  Fires on every mitigation, other than rejected ones, that no threat lists in its `mitigations`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      mitigations:\n        - { id: M-1, title: Rate limiting, status: planned }\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats:\n        - { id: T-1, title: Credential stuffing, mitigations: [M-1] }\n      mitigations:\n        - { id: M-1, title: Rate limiting, status: planned }\n"
    },
    {
        path: "rules/builtin/model-quality/mitigation-without-verification.yaml",
        text: "id: mitigation-without-verification\ntitle: Mitigation without verification criteria\nseverity: low\nrationale: >\n  The whitepaper asks for mitigations with verifiable criteria: without them nobody can tell when\n  the control is done, tests cannot check it, and \"implemented\" becomes a matter of opinion.\nremediation: >\n  Add `verification:` stating an observable check, e.g. \"a replayed token is rejected with 401 in\n  the integration suite\".\nfalse_positives: >\n  Controls inherited from a platform whose verification is documented elsewhere; reference that\n  document in `verification`.\napplies_to: mitigation\ncondition: element.verification.trim() == \"\" && element.status != \"rejected\"\nmessage: 'Mitigation {{ element.id }} (\"{{ element.title }}\") states no verification criteria.'\ndocs: |\n  Fires on every mitigation, other than rejected ones, with an empty or missing `verification`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: XSS, mitigations: [M-1] }]\n      mitigations: [{ id: M-1, title: Output encoding, status: planned }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: XSS, mitigations: [M-1] }]\n      mitigations: [{ id: M-1, title: Output encoding, status: planned, verification: The XSS payload corpus renders inert in the UI test suite. }]\n"
    },
    {
        path: "rules/builtin/model-quality/model-review-stale.yaml",
        text: "id: model-review-stale\ntitle: Model not reviewed recently\nseverity: medium\nrationale: >\n  A threat model describes a system that keeps changing. A model whose last review is older than\n  the configured window (`rules.stale_after_days`, default 180 days) has probably drifted from\n  the system it describes.\nremediation: >\n  Review the model with the team and set `model.reviewed:` to the review date.\nfalse_positives: >\n  Systems frozen for a long time; raise `rules.stale_after_days` for them.\napplies_to: model\ncondition: model.reviewed == \"\" || daysSince(model.reviewed) > context.staleAfterDays\nmessage: 'Model {{ model.id }} was last reviewed on {{ model.reviewed == \"\" ? \"no recorded date\" : model.reviewed }}; the review window is {{ context.staleAfterDays }} days.'\ndocs: |\n  Fires when `model.reviewed` is missing or lies more than `context.staleAfterDays` days before the\n  run's date.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M, reviewed: 2025-01-01 }\n    - threatloop: 1\n      model: { id: m, title: M }\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M, reviewed: 2025-12-01 }\n"
    },
    {
        path: "rules/builtin/model-quality/model-without-owner.yaml",
        text: "id: model-without-owner\ntitle: Model without an owner\nseverity: low\nrationale: >\n  Someone has to keep the model alive: review it, triage its findings and renew its acceptances.\n  A model without an owner goes stale.\nremediation: >\n  Set `model.owner:` to the team accountable for the system.\nfalse_positives: >\n  None expected.\napplies_to: model\ncondition: model.owner == \"\"\nmessage: 'Model {{ model.id }} has no owner.'\ndocs: |\n  Fires when the `model` section has no `owner`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M, owner: team-a }\n"
    },
    {
        path: "rules/builtin/model-quality/most-threats-high.yaml",
        text: "id: most-threats-high\ntitle: More than half of the threats rated high or critical\nseverity: low\nrationale: >\n  When most threats are rated high or critical the rating no longer separates what matters from\n  what does not; the whitepaper lists \"everything is high\" as an anti-pattern of severity scoring.\nremediation: >\n  Re-rate the threats against the same scale (likelihood × impact, or FAIR ranges), or review\n  whether the system really is that exposed and say so in the model description.\nfalse_positives: >\n  Small models of genuinely exposed systems. The rule needs at least four rated threats.\napplies_to: model\ncondition: >\n  cel.bind(rated, index.threats.filter(t, t.severity != \"unrated\"),\n    size(rated) >= 4 && size(rated.filter(t, severityRank(t.severity) >= 3)) * 2 > size(rated))\nmessage: 'Most rated threats of model {{ model.id }} are high or critical ({{ size(index.threats.filter(t, severityRank(t.severity) >= 3)) }} of {{ size(index.threats.filter(t, t.severity != \"unrated\")) }}).'\ndocs: |\n  Counts threats with a qualitative rating (likelihood and impact) and fires when at least four\n  are rated and more than half of them come out high or critical on the 5×5 matrix.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats:\n        - { id: T-1, title: A, likelihood: high, impact: high }\n        - { id: T-2, title: B, likelihood: high, impact: very-high }\n        - { id: T-3, title: C, likelihood: medium, impact: high }\n        - { id: T-4, title: D, likelihood: low, impact: low }\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats:\n        - { id: T-1, title: A, likelihood: high, impact: high }\n        - { id: T-2, title: B, likelihood: low, impact: medium }\n        - { id: T-3, title: C, likelihood: medium, impact: medium }\n        - { id: T-4, title: D, likelihood: low, impact: low }\n"
    },
    {
        path: "rules/builtin/model-quality/retired-component-in-flow.yaml",
        text: "id: retired-component-in-flow\ntitle: Retired component still in data flows\nseverity: medium\nrationale: >\n  A component marked retired should no longer send or receive data. Flows that still reach it are\n  either stale model entries or forgotten systems that keep running without maintenance.\nremediation: >\n  Remove the flows (and re-point them at the replacement), or correct the component's lifecycle.\nfalse_positives: >\n  Components being decommissioned with a migration flow; mark them `deprecated` until done.\napplies_to: component\ncondition: element.lifecycle == \"retired\" && size(element.inbound) + size(element.outbound) > 0\nmessage: 'Component {{ element.id }} is retired but still takes part in flows: {{ element.inbound.map(f, f.id) + element.outbound.map(f, f.id) }}.'\ndocs: |\n  Fires on components with `lifecycle: retired` that are the source or target of a flow.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service }, { id: old-db, type: datastore, lifecycle: retired }]\n      dataflows: [{ id: f1, from: api, to: old-db }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service }, { id: db, type: datastore }, { id: old-db, type: datastore, lifecycle: retired }]\n      dataflows: [{ id: f1, from: api, to: db }]\n"
    },
    {
        path: "rules/builtin/model-quality/revoked-attack-id.yaml",
        text: "id: revoked-attack-id\ntitle: Revoked or deprecated ATT&CK id\nseverity: low\nrationale: >\n  MITRE retires catalogue entries that were duplicates, too broad or wrong. A threat that still\n  cites a revoked or deprecated ATT&CK entry points readers and tools at guidance that is no longer maintained.\nremediation: >\n  Replace the id under `references.attack` with the entry MITRE points to in the retired entry's\n  description.\nfalse_positives: >\n  None once the knowledge base is current. Without a loaded ATT&CK catalogue the rule stays silent.\napplies_to: threat\ncondition: element.attack.exists(id, kbStatus(\"attack\", id) in [\"deprecated\", \"revoked\"])\nmessage: 'Threat {{ element.id }} references revoked or deprecated ATT&CK ids: {{ element.attack.filter(id, kbStatus(\"attack\", id) in [\"deprecated\", \"revoked\"]).join(\", \") }}.'\ndocs: |\n  Needs the ATT&CK knowledge base. Fires on threats listing an id under `references.attack` whose\n  catalogue status is revoked or deprecated.\nexamples:\n  knowledge_base:\n    attack:\n      \"T1190\": { name: Exploit Public-Facing Application, status: active }\n      \"T1086\": { name: PowerShell, status: revoked }\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { attack: [T1086] } }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { attack: [T1190] } }]\n"
    },
    {
        path: "rules/builtin/model-quality/sensitive-asset-without-owner.yaml",
        text: "id: sensitive-asset-without-owner\ntitle: Confidential or restricted asset without an owner\nseverity: low\nrationale: >\n  Confidential and restricted data need a data owner who decides on access, retention and\n  incident handling.\nremediation: >\n  Set `owner:` on the asset.\nfalse_positives: >\n  None expected.\napplies_to: asset\ncondition: classificationRank(element.classification) >= 2 && element.owner == \"\"\nmessage: 'Asset {{ element.id }} is {{ element.classification }} but has no owner.'\ndocs: |\n  Fires on assets classified confidential or restricted without `owner`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: pan, classification: restricted }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: pan, classification: restricted, owner: team-payments }, { id: docs, classification: public }]\n"
    },
    {
        path: "rules/builtin/model-quality/suppression-expired.yaml",
        text: "id: suppression-expired\ntitle: Suppression expired\nseverity: medium\nrationale: >\n  Suppressions silence findings for a limited time so the decision is revisited. Once expired the\n  suppression no longer silences anything, and the stale entry should be renewed or removed.\nremediation: >\n  Renew the suppression with a new `expires` date and approver, or delete it and fix the finding.\nfalse_positives: >\n  None: renew or remove the entry even if the decision stands.\napplies_to: suppression\ncondition: element.expires != \"\" && element.expires < context.today\nmessage: 'The suppression of rule {{ element.rule }} for {{ element.target }} expired on {{ element.expires }}.'\ndocs: |\n  Fires on entries under `suppressions` whose `expires` date lies before the run's date. The\n  expired entry silences nothing, so the original finding is reported too.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      suppressions: [{ rule: model-without-owner, target: m, reason: Shared model, approved_by: cso, expires: 2025-12-31 }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      suppressions: [{ rule: model-without-owner, target: m, reason: Shared model, approved_by: cso, expires: 2026-12-31 }]\n"
    },
    {
        path: "rules/builtin/model-quality/suppression-unknown-rule.yaml",
        text: "id: suppression-unknown-rule\ntitle: Suppression names an unknown rule\nseverity: medium\nrationale: >\n  A suppression for a rule id that does not exist silences nothing. It is usually a typo, and the\n  finding it was meant to silence is still reported.\nremediation: >\n  Correct the `rule` id of the suppression (see the rule list), or remove the entry.\nfalse_positives: >\n  Suppressions for custom rules that are not loaded in this run.\napplies_to: suppression\ncondition: '!ruleExists(element.rule)'\nmessage: 'The suppression for {{ element.target }} names unknown rule `{{ element.rule }}`.'\ndocs: |\n  Fires on entries under `suppressions` whose `rule` is not the id of a loaded rule (built-in or\n  custom, enabled or disabled).\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      suppressions: [{ rule: model-without-ownr, target: m, reason: Shared model, approved_by: cso }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      suppressions: [{ rule: model-without-owner, target: m, reason: Shared model, approved_by: cso }]\n"
    },
    {
        path: "rules/builtin/model-quality/suppression-without-approval.yaml",
        text: "id: suppression-without-approval\ntitle: Suppression without reason or approver\nseverity: low\nrationale: >\n  A suppression is a risk decision. Without a reason and an approver nobody can tell why a finding\n  is hidden or who agreed to it.\nremediation: >\n  Add `reason:` and `approved_by:` to the suppression.\nfalse_positives: >\n  None: every suppression is a recorded decision.\napplies_to: suppression\ncondition: element.reason.trim() == \"\" || element.approvedBy.trim() == \"\"\nmessage: 'The suppression of rule {{ element.rule }} for {{ element.target }} lacks {{ element.reason.trim() == \"\" ? \"a reason\" : \"an approver\" }}.'\ndocs: |\n  Fires on entries under `suppressions` with an empty or missing `reason` or `approved_by`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      suppressions: [{ rule: model-without-owner, target: m, reason: Shared model }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      suppressions: [{ rule: model-without-owner, target: m, reason: Shared model, approved_by: cso }]\n"
    },
    {
        path: "rules/builtin/model-quality/threat-without-category.yaml",
        text: "id: threat-without-category\ntitle: Threat without a category\nseverity: low\nrationale: >\n  A STRIDE (or LINDDUN) category makes coverage visible: without it nobody can see that, say, no\n  repudiation threat was considered, and reports cannot group threats.\nremediation: >\n  Set `category:` to one of spoofing, tampering, repudiation, information-disclosure,\n  denial-of-service, elevation-of-privilege (or a LINDDUN category).\nfalse_positives: >\n  Threats that fit no category well; pick the closest one.\napplies_to: threat\ncondition: element.category == \"\"\nmessage: 'Threat {{ element.id }} (\"{{ element.title }}\") has no category.'\ndocs: |\n  Fires on threats without `category`, whatever their status.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Token replay }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Token replay, category: spoofing }]\n"
    },
    {
        path: "rules/builtin/model-quality/threat-without-mitigation.yaml",
        text: "id: threat-without-mitigation\ntitle: Open threat without a mitigation\nseverity: medium\ntags: [model-quality]\nrationale: >\n  A threat that is open, not accepted and linked to no mitigation (or only to rejected ones) is a\n  known risk with no plan. The whitepaper puts mitigations at the core of a threat model: every\n  threat either gets a control or an explicit, approved decision not to treat it.\nremediation: >\n  Link a mitigation (`mitigations: [M-…]`) that addresses the threat, or record the decision:\n  `status: accepted` with `acceptance: { by, reason, expires }`, `transferred` or `not-applicable`.\nfalse_positives: >\n  Threats captured during a workshop and not yet triaged. Give them a proposed mitigation or mark\n  them accepted with an expiry rather than leaving them open.\napplies_to: threat\ncondition: >\n  element.status == \"open\" && !element.mitigations.exists(m, m.status != \"rejected\")\nmessage: 'Threat {{ element.id }} (\"{{ element.title }}\") is open and has no mitigation that is not rejected.'\ndocs: |\n  Fires on every threat whose `status` is `open` (or unset) and that links no mitigation other\n  than rejected ones. Accepted, transferred, mitigated and not-applicable threats are left alone.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats:\n        - { id: T-1, title: SQL injection, status: open }\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats:\n        - { id: T-1, title: SQL injection, mitigations: [M-1] }\n      mitigations:\n        - { id: M-1, title: WAF, status: rejected }\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats:\n        - { id: T-1, title: SQL injection, mitigations: [M-1] }\n      mitigations:\n        - { id: M-1, title: Parameterised queries, status: planned }\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats:\n        - { id: T-1, title: SQL injection, status: accepted, acceptance: { by: cso, reason: legacy, expires: 2026-12-31 } }\n"
    },
    {
        path: "rules/builtin/model-quality/threat-without-rating.yaml",
        text: "id: threat-without-rating\ntitle: Threat without a risk rating\nseverity: low\nrationale: >\n  Without likelihood and impact (or FAIR ranges) a threat has no severity: it cannot be\n  prioritised, gates cannot react to it, and it is left out of risk totals as \"unrated\".\nremediation: >\n  Add `likelihood:` and `impact:` (very-low … very-high), or FAIR inputs under `risk.fair`.\nfalse_positives: >\n  Threats marked `not-applicable` are ignored.\napplies_to: threat\ncondition: element.severity == \"unrated\" && !element.quantified && element.status != \"not-applicable\"\nmessage: 'Threat {{ element.id }} (\"{{ element.title }}\") has no likelihood and impact rating.'\ndocs: |\n  Fires on threats missing `likelihood` or `impact` (directly or under `risk`) and without FAIR\n  inputs, unless the threat is `not-applicable`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Token replay, likelihood: high }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Token replay, likelihood: high, impact: medium }]\n"
    },
    {
        path: "rules/builtin/model-quality/threat-without-target.yaml",
        text: "id: threat-without-target\ntitle: Threat without a target\nseverity: low\nrationale: >\n  A threat that names no component, flow, asset or zone floats free of the architecture: it\n  cannot show up in the diagram, in per-component views, or in design-risk rules about coverage.\nremediation: >\n  List the elements the threat is against under `targets:`.\nfalse_positives: >\n  Organisation-wide threats; target the zone or the main component they concern.\napplies_to: threat\ncondition: size(element.targets) == 0\nmessage: 'Threat {{ element.id }} (\"{{ element.title }}\") names no target.'\ndocs: |\n  Fires on threats whose `targets` list is empty or missing.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Token replay }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      components: [{ id: api, type: service }]\n      threats: [{ id: T-1, title: Token replay, targets: [api] }]\n"
    },
    {
        path: "rules/builtin/model-quality/unknown-attack-id.yaml",
        text: "id: unknown-attack-id\ntitle: Unknown ATT&CK id\nseverity: low\nrationale: >\n  A reference to a ATT&CK id that the catalogue does not hold is a typo or an invented id. It\n  breaks links in reports and hides which weakness or technique the threat is really about.\nremediation: >\n  Correct the id under `references.attack` of the threat, or remove it. Look ids up in the\n  official MITRE catalogue.\nfalse_positives: >\n  Ids newer than the loaded catalogue; update the knowledge base. Without a loaded ATT&CK\n  catalogue the rule stays silent (the schema still checks the id format).\napplies_to: threat\ncondition: element.attack.exists(id, kbStatus(\"attack\", id) == \"unknown\")\nmessage: 'Threat {{ element.id }} references ATT&CK ids the catalogue does not know: {{ element.attack.filter(id, kbStatus(\"attack\", id) == \"unknown\").join(\", \") }}.'\ndocs: |\n  Needs the ATT&CK knowledge base (`knowledge_base.attack` in `.threatloop.yaml`). Fires on threats\n  listing an id under `references.attack` that the loaded catalogue does not contain. When the\n  catalogue is not loaded, `kbStatus` answers `unknown-kb` and the rule does not fire.\nexamples:\n  knowledge_base:\n    attack:\n      \"T1190\": { name: Exploit Public-Facing Application, status: active }\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { attack: [T9999] } }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { attack: [T1190] } }]\n"
    },
    {
        path: "rules/builtin/model-quality/unknown-capec-id.yaml",
        text: "id: unknown-capec-id\ntitle: Unknown CAPEC id\nseverity: low\nrationale: >\n  A reference to a CAPEC id that the catalogue does not hold is a typo or an invented id. It\n  breaks links in reports and hides which weakness or technique the threat is really about.\nremediation: >\n  Correct the id under `references.capec` of the threat, or remove it. Look ids up in the\n  official MITRE catalogue.\nfalse_positives: >\n  Ids newer than the loaded catalogue; update the knowledge base. Without a loaded CAPEC\n  catalogue the rule stays silent (the schema still checks the id format).\napplies_to: threat\ncondition: element.capec.exists(id, kbStatus(\"capec\", id) == \"unknown\")\nmessage: 'Threat {{ element.id }} references CAPEC ids the catalogue does not know: {{ element.capec.filter(id, kbStatus(\"capec\", id) == \"unknown\").join(\", \") }}.'\ndocs: |\n  Needs the CAPEC knowledge base (`knowledge_base.capec` in `.threatloop.yaml`). Fires on threats\n  listing an id under `references.capec` that the loaded catalogue does not contain. When the\n  catalogue is not loaded, `kbStatus` answers `unknown-kb` and the rule does not fire.\nexamples:\n  knowledge_base:\n    capec:\n      \"CAPEC-66\": { name: SQL Injection, status: stable }\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { capec: [CAPEC-99999] } }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { capec: [CAPEC-66] } }]\n"
    },
    {
        path: "rules/builtin/model-quality/unknown-cwe-id.yaml",
        text: "id: unknown-cwe-id\ntitle: Unknown CWE id\nseverity: low\nrationale: >\n  A reference to a CWE id that the catalogue does not hold is a typo or an invented id. It\n  breaks links in reports and hides which weakness or technique the threat is really about.\nremediation: >\n  Correct the id under `references.cwe` of the threat, or remove it. Look ids up in the\n  official MITRE catalogue.\nfalse_positives: >\n  Ids newer than the loaded catalogue; update the knowledge base. Without a loaded CWE\n  catalogue the rule stays silent (the schema still checks the id format).\napplies_to: threat\ncondition: element.cwe.exists(id, kbStatus(\"cwe\", id) == \"unknown\")\nmessage: 'Threat {{ element.id }} references CWE ids the catalogue does not know: {{ element.cwe.filter(id, kbStatus(\"cwe\", id) == \"unknown\").join(\", \") }}.'\ndocs: |\n  Needs the CWE knowledge base (`knowledge_base.cwe` in `.threatloop.yaml`). Fires on threats\n  listing an id under `references.cwe` that the loaded catalogue does not contain. When the\n  catalogue is not loaded, `kbStatus` answers `unknown-kb` and the rule does not fire.\nexamples:\n  knowledge_base:\n    cwe:\n      \"CWE-79\": { name: Cross-site Scripting, status: stable }\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { cwe: [CWE-99999] } }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      threats: [{ id: T-1, title: Injection, references: { cwe: [CWE-79] } }]\n"
    },
    {
        path: "rules/builtin/model-quality/unused-asset.yaml",
        text: "id: unused-asset\ntitle: Asset stored, processed and carried nowhere\nseverity: info\nrationale: >\n  An asset that no component holds and no flow carries is invisible to every data-protection\n  rule; usually a component's `assets` or a flow's `assets` list is missing it.\nremediation: >\n  Add the asset to the components that store or process it and to the flows that carry it.\nfalse_positives: >\n  Assets listed for documentation only.\napplies_to: asset\ncondition: size(element.components) == 0 && size(element.dataflows) == 0\nmessage: 'Asset {{ element.id }} is held by no component and carried by no flow.'\ndocs: |\n  Fires on assets that appear in no component's `assets` and no flow's `assets`.\nexamples:\n  reject:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: pan, classification: restricted }]\n  accept:\n    - threatloop: 1\n      model: { id: m, title: M }\n      assets: [{ id: pan, classification: restricted }]\n      components: [{ id: vault, type: datastore, assets: [pan] }]\n"
    }
];

;// CONCATENATED MODULE: ./src/core/rules/rule-schema.ts






const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const Prose = schemas/* string */.YjP().trim().min(1, { error: 'expected some text' }).max(20_000);
const rule_schema_Expression = schemas/* string */.YjP().trim().min(1, { error: 'expected a CEL expression' }).max(10_000);
const KnowledgeFixture = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* strictObject */.rej({ name: schemas/* string */.YjP(), status: schemas/* string */.YjP() }));
/** An example model: YAML text, or the model written inline as a mapping. */
const ExampleModel = schemas/* union */.KCZ([schemas/* string */.YjP().min(1), schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J())], {
    error: 'expected a model: YAML text (e.g. a `|` block) or an inline mapping starting with `threatloop: 1`'
});
/** Examples a rule must satisfy: each `reject` model fires it, each `accept` model does not. */
const RuleExamples = schemas/* strictObject */.rej({
    /** Date the examples are evaluated on; defaults to EXAMPLE_TODAY. */
    today: CalendarDate.optional(),
    /** Knowledge-base catalogues the examples run with (id → name and status). */
    knowledge_base: schemas/* strictObject */.rej({ cwe: KnowledgeFixture.optional(), capec: KnowledgeFixture.optional(), attack: KnowledgeFixture.optional() }).optional(),
    reject: schemas/* array */.YOg(ExampleModel).min(1, { error: 'expected at least one `reject` example model' }),
    accept: schemas/* array */.YOg(ExampleModel).min(1, { error: 'expected at least one `accept` example model' })
});
/** One rule file: metadata, the CEL condition and message, docs and examples. */
const RuleFile = schemas/* strictObject */.rej({
    id: schemas/* string */.YjP({ error: 'a rule needs an `id`' })
        .regex(RULE_ID, { error: 'a rule id is kebab-case: lower-case letters and digits joined by `-`, e.g. `threat-without-mitigation`' })
        .max(100),
    title: schemas/* string */.YjP().trim().min(1).max(200),
    severity: schemas/* enum */.k5n(SEVERITIES).optional(),
    likelihood: schemas/* enum */.k5n(schema_LEVELS).optional(),
    impact: schemas/* enum */.k5n(schema_LEVELS).optional(),
    category: schemas/* enum */.k5n(STRIDE_CATEGORIES).optional(),
    cwe: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^CWE-\d+$/, { error: 'expected a CWE id such as CWE-319' })).optional(),
    tags: schemas/* array */.YOg(schemas/* string */.YjP().min(1).max(100)).optional(),
    rationale: Prose,
    remediation: Prose,
    false_positives: Prose,
    applies_to: schemas/* enum */.k5n(RULE_SUBJECTS),
    condition: rule_schema_Expression,
    elements: rule_schema_Expression.optional(),
    message: schemas/* string */.YjP().trim().min(1, { error: 'expected a message template' }).max(2_000),
    docs: Prose.optional(),
    examples: RuleExamples.optional()
})
    .superRefine((rule, ctx) => {
    const rated = rule.likelihood !== undefined || rule.impact !== undefined;
    if (rule.severity !== undefined && rated) {
        ctx.addIssue({ code: 'custom', path: ['severity'], message: 'state either `severity` or `likelihood` and `impact`, not both' });
    }
    else if (rule.severity === undefined && !rated) {
        ctx.addIssue({ code: 'custom', path: [], message: 'a rule needs `severity` (info, low, medium, high or critical) or `likelihood` and `impact`' });
    }
    else if (rated && (rule.likelihood === undefined || rule.impact === undefined)) {
        ctx.addIssue({ code: 'custom', path: [rule.likelihood === undefined ? 'impact' : 'likelihood'], message: '`likelihood` and `impact` go together; state both' });
    }
});
/** Date rule examples are evaluated on unless a rule's examples state `today`. */
const EXAMPLE_TODAY = '2026-01-15';
const RULE_SCHEMA_CONTEXT = {
    rootSchema: RuleFile,
    ownerAt: (root) => {
        const id = root !== null && typeof root === 'object' ? root.id : undefined;
        return typeof id === 'string' ? { kind: 'rule', id } : undefined;
    }
};
/** Parses and validates one rule file; the problems name file, line and column. */
function parseRuleFile(file, text) {
    const parsed = parseYamlDocument(file, text);
    if (!parsed.ok)
        return { rule: undefined, problems: parsed.problems.map((p) => ({ ...p, code: p.code.startsWith('rule/') ? p.code : `rule/${p.code}` })) };
    const { value, sourceMap } = parsed.document;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return {
            rule: undefined,
            problems: [{ file, line: 1, column: 1, path: '', severity: 'error', code: 'rule/not-a-mapping', message: 'a rule file holds one mapping with `id`, `title`, `applies_to`, `condition`, `message`, …' }]
        };
    }
    const result = RuleFile.safeParse(value);
    if (!result.success) {
        const problems = result.error.issues.flatMap((issue) => issueToProblems(file, issue, value, sourceMap, RULE_SCHEMA_CONTEXT));
        return { rule: undefined, problems: problems.map((p) => ({ ...p, code: `rule/${p.code}` })) };
    }
    const rule = result.data;
    const severity = rule.severity ?? matrixSeverity(rule.likelihood, rule.impact);
    return { rule: { file, rule, severity, sourceMap, text }, problems: [] };
}

;// CONCATENATED MODULE: ./src/core/rules/rule-set.ts




const PLACEHOLDER = /\{\{\s*([\s\S]+?)\s*\}\}/g;
/** Loads built-in and custom rules, compiles and type-checks their CEL, and applies configuration. */
function loadRuleSet(options = {}) {
    const problems = [];
    const parsed = [];
    const sources = [
        { files: options.builtin === false ? [] : BUILTIN_RULE_FILES, origin: 'builtin' },
        { files: options.custom ?? [], origin: 'custom' }
    ];
    const firstFileById = new Map();
    for (const { files, origin } of sources) {
        for (const file of files) {
            const result = parseRuleFile(file.path, file.text);
            problems.push(...result.problems);
            if (!result.rule)
                continue;
            const id = result.rule.rule.id;
            const first = firstFileById.get(id);
            if (first !== undefined) {
                problems.push({
                    file: file.path,
                    ...result.rule.sourceMap.locate(['id']),
                    path: 'id',
                    severity: 'error',
                    code: 'rule/duplicate-id',
                    message: `rule id \`${id}\` is already defined in ${first}; rule ids must be unique (disable the other rule and pick a new id)`,
                    elementId: id
                });
                continue;
            }
            firstFileById.set(id, file.path);
            parsed.push({ rule: result.rule, origin });
        }
    }
    const ids = new Set(firstFileById.keys());
    const scope = { graph: undefined };
    const environments = createRuleEnvironments(scope, ids);
    const disabled = new Set(options.disable ?? []);
    const overrides = options.severity ?? {};
    const rules = [];
    for (const { rule, origin } of parsed) {
        const compiled = compileRule(rule, origin, environments[rule.rule.applies_to], problems);
        if (!compiled)
            continue;
        compiled.enabled = !disabled.has(compiled.id);
        compiled.severity = overrides[compiled.id] ?? compiled.severity;
        rules.push(compiled);
    }
    problems.push(...checkConfiguredIds(options, ids));
    rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { ruleSet: { rules, ids, scope }, problems: problems.sort(core_problems/* compareProblems */.im) };
}
function checkConfiguredIds(options, ids) {
    const file = options.configFile ?? '.threatloop.yaml';
    const problems = [];
    const report = (path, id, setting) => {
        const suggestion = (0,core_problems/* suggestClosest */.y6)(id, ids);
        problems.push({
            file,
            ...(options.configSourceMap?.locate(path) ?? { line: 1, column: 1 }),
            path: (0,core_problems/* formatDocumentPath */.qe)(path),
            severity: 'warning',
            code: 'config/unknown-rule',
            message: `\`rules.${setting}\` names unknown rule \`${id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`
        });
    };
    (options.disable ?? []).forEach((id, i) => {
        if (!ids.has(id))
            report(['rules', 'disable', i], id, 'disable');
    });
    for (const id of Object.keys(options.severity ?? {}))
        if (!ids.has(id))
            report(['rules', 'severity', id], id, 'severity');
    return problems;
}
function compileRule(parsed, origin, env, problems) {
    const { rule } = parsed;
    let ok = true;
    // `offset` is where `source` starts inside the key's value, so errors point into the file.
    const compile = (key, source, offset, expected, what) => {
        const value = rule[key] ?? source;
        let expression;
        try {
            expression = env.parse(source);
        }
        catch (error) {
            problems.push(celProblem(parsed, key, value, offset, source, error, 'rule/cel-syntax', `${what} of rule ${rule.id} is not valid CEL`));
            ok = false;
            return undefined;
        }
        const checked = expression.check();
        if (!checked.valid) {
            const failure = checked.error;
            const code = failure.code === 'unknown_variable' ? 'rule/cel-unknown-variable' : 'rule/cel-type';
            problems.push(celProblem(parsed, key, value, offset, source, failure, code, `${what} of rule ${rule.id} does not type-check`));
            ok = false;
            return undefined;
        }
        if (expected !== undefined && checked.type !== expected) {
            problems.push({
                file: parsed.file,
                ...parsed.sourceMap.locate([key]),
                path: key,
                severity: 'error',
                code: 'rule/cel-type',
                message: `${what} of rule ${rule.id} must be a ${expected} expression, but it is ${checked.type ?? 'of unknown type'}`,
                elementId: rule.id
            });
            ok = false;
            return undefined;
        }
        return expression;
    };
    const condition = compile('condition', rule.condition, 0, 'bool', '`condition`');
    const elements = rule.elements === undefined ? undefined : compile('elements', rule.elements, 0, 'list<string>', '`elements`');
    const message = [];
    let last = 0;
    for (const match of rule.message.matchAll(PLACEHOLDER)) {
        if (match.index > last)
            message.push({ text: rule.message.slice(last, match.index) });
        const source = match[1];
        const expression = compile('message', source, match.index + match[0].indexOf(source), undefined, `placeholder \`{{ ${source} }}\` in \`message\``);
        if (expression)
            message.push({ expression, source });
        last = match.index + match[0].length;
    }
    if (last < rule.message.length)
        message.push({ text: rule.message.slice(last) });
    if (!ok || !condition)
        return undefined;
    return {
        id: rule.id,
        title: rule.title,
        severity: parsed.severity,
        subject: rule.applies_to,
        origin,
        file: parsed.file,
        definition: rule,
        enabled: true,
        condition,
        elements,
        message,
        conditionPosition: parsed.sourceMap.locate(['condition'])
    };
}
function celProblem(parsed, key, value, offset, source, failure, code, what) {
    const start = failure.range?.start ?? 0;
    const position = locateInScalar(parsed, key, value, offset + start);
    const summary = failure.summary ?? failure.message.split('\n')[0];
    return {
        file: parsed.file,
        ...position,
        path: key,
        severity: 'error',
        code,
        message: `${what}: ${summary}${pointAt(source, start)}`,
        elementId: parsed.rule.id
    };
}
/** A short excerpt of the expression around an offset, so single-line messages still show where. */
function pointAt(source, offset) {
    const from = Math.max(0, offset - 20);
    const excerpt = source.slice(from, offset + 20).replace(/\s+/g, ' ');
    return ` (at \`${from > 0 ? '…' : ''}${excerpt}${offset + 20 < source.length ? '…' : ''}\`, character ${offset + 1})`;
}
/**
 * Position in the rule file of an offset inside a scalar's (trimmed) value. Exact for plain and
 * quoted one-line scalars and for `|` blocks; for other styles, the start of the value.
 */
function locateInScalar(parsed, key, value, offset) {
    const start = parsed.sourceMap.locate([key]);
    const keyAt = parsed.sourceMap.locate([key], { key: true });
    const lines = parsed.text.split(/\r\n|\r|\n/);
    const keyLine = lines[keyAt.line - 1] ?? '';
    const afterKey = keyLine.slice(keyAt.column - 1 + key.length).replace(/^\s*:\s*/, '');
    const before = value.slice(0, offset);
    const lineInValue = (before.match(/\n/g) ?? []).length;
    const columnInLine = offset - (before.lastIndexOf('\n') + 1);
    if (/^\|[-+0-9]*\s*(#.*)?$/.test(afterKey)) {
        // The block's first non-blank line sets the indentation; trimming only removed leading blank lines.
        let first = keyAt.line;
        while (first < lines.length && lines[first].trim() === '')
            first++;
        const contentLine = lines[first] ?? '';
        const indent = contentLine.length - contentLine.trimStart().length;
        return { line: first + 1 + lineInValue, column: indent + columnInLine + 1 };
    }
    if (/^>/.test(afterKey) || lineInValue > 0)
        return start;
    const indicator = (lines[start.line - 1] ?? '').charAt(start.column - 1);
    const quoted = indicator === '"' || indicator === "'" ? 1 : 0;
    return { line: start.line, column: start.column + quoted + columnInLine };
}

;// CONCATENATED MODULE: ./src/adapters/review/run-review.ts







const TOOL_VERSION = '0.1.0';
const CONFIG_FILE = '.threatloop.yaml';
function underPaths(path, roots) {
    if (!roots || roots.length === 0)
        return true;
    return roots.some((root) => {
        const clean = root.replace(/^\.\/+/, '').replace(/\/+$/, '');
        return clean === '' || clean === '.' || path === clean || path.startsWith(`${clean}/`);
    });
}
async function readText(snapshot, path, maxBytes) {
    const read = (await snapshot.readFiles([path], maxBytes)).get(path);
    return read && 'content' in read ? new TextDecoder().decode(read.content) : undefined;
}
/** Reads both sides, the configuration, rules and knowledge base, and runs the core review. */
async function runReview(options) {
    const configSide = options.configFrom === 'base' && options.base ? options.base : options.head;
    const configPath = options.configPath ?? CONFIG_FILE;
    const configText = await readText(configSide, configPath, 1024 * 1024);
    const configResult = loadRepositoryConfig(configPath, configText);
    const problems = [...configResult.problems];
    const config = configResult.config;
    if (!config) {
        const emptyRules = loadRuleSet({ builtin: false }).ruleSet;
        const review = reviewChange(null, { files: [] }, { ...options.context, base: null, head: { label: options.head.label, sha: options.head.sha } }, {
            toolVersion: TOOL_VERSION,
            ruleSet: emptyRules,
            gate: { failOn: [], warnOn: [] },
            problems
        });
        return { review, ruleSet: emptyRules, config: undefined, configurationProblems: problems };
    }
    const raw = config.raw;
    // Custom rules are data (CEL), read from the same trusted side as the configuration.
    const customRules = [];
    const configSideFiles = await configSide.listFiles();
    for (const folder of raw.rules?.custom ?? []) {
        const prefix = folder.replace(/\/+$/, '') + '/';
        const files = configSideFiles.filter((f) => f.startsWith(prefix) && /\.ya?ml$/.test(f)).sort();
        if (files.length === 0)
            problems.push({ file: configPath, line: 1, column: 1, path: 'rules.custom', severity: 'error', code: 'config/custom-rules-missing', message: `custom rules folder \`${folder}\` holds no .yaml rule files on the ${configSide === options.head ? 'head' : 'base'} side` });
        const reads = await configSide.readFiles(files, 1024 * 1024);
        for (const file of files) {
            const read = reads.get(file);
            if (read && 'content' in read)
                customRules.push({ path: file, text: new TextDecoder().decode(read.content) });
        }
    }
    const { ruleSet, problems: ruleProblems } = loadRuleSet({ builtin: true, custom: customRules, disable: raw.rules?.disable, severity: raw.rules?.severity, configFile: configPath });
    problems.push(...ruleProblems);
    const catalogues = {};
    for (const kind of ['cwe', 'capec', 'attack']) {
        const path = raw.knowledge_base?.[kind];
        if (!path)
            continue;
        const text = await readText(configSide, path, 200 * 1024 * 1024);
        if (text === undefined)
            problems.push({ file: configPath, line: 1, column: 1, path: `knowledge_base.${kind}`, severity: 'error', code: 'config/knowledge-base-missing', message: `knowledge-base file ${path} (${kind}) was not found` });
        else
            catalogues[kind] = { file: path, text };
    }
    const kb = Object.keys(catalogues).length > 0 ? loadKnowledgeBase(catalogues) : undefined;
    if (kb)
        problems.push(...kb.problems);
    const collect = async (snapshot) => {
        if (!snapshot)
            return null;
        const paths = selectModelPaths(await snapshot.listFiles(), config).filter((p) => underPaths(p, options.paths));
        const reads = await snapshot.readFiles(paths, DEFAULT_PARSE_LIMITS.maxFileBytes);
        const files = [];
        for (const path of paths) {
            const read = reads.get(path);
            if (!read)
                continue;
            if ('size' in read) {
                problems.push({ file: path, line: 1, column: 1, path: '', severity: 'error', code: 'limits/file-size', message: `the file is ${read.size} bytes, over the limit of ${DEFAULT_PARSE_LIMITS.maxFileBytes} bytes; it is not reviewed` });
                continue;
            }
            files.push({ path, content: read.content });
        }
        return { files };
    };
    const base = await collect(options.base);
    const head = (await collect(options.head)) ?? { files: [] };
    const gateFromConfig = gateSettingsFromConfig(raw.gate);
    const review = reviewChange(base, head, { ...options.context, base: options.base ? { label: options.base.label, sha: options.base.sha } : null, head: { label: options.head.label, sha: options.head.sha } }, {
        toolVersion: TOOL_VERSION,
        ruleSet,
        knowledgeBase: kb?.knowledgeBase,
        staleAfterDays: raw.rules?.stale_after_days,
        gate: { failOn: options.gate?.failOn ?? gateFromConfig.failOn, warnOn: options.gate?.warnOn ?? gateFromConfig.warnOn },
        risk: { ...(raw.risk?.iterations ? { iterations: raw.risk.iterations } : {}), ...(raw.risk?.seed !== undefined ? { seed: raw.risk.seed } : {}), ...(options.risk?.iterations ? { iterations: options.risk.iterations } : {}), ...(options.risk?.seed !== undefined ? { seed: options.risk.seed } : {}) },
        node: Number(process.versions.node.split('.')[0]),
        issues: options.issues,
        maturity: { thresholds: raw.maturity?.thresholds, outputs: options.outputs },
        problems
    });
    const configurationProblems = problems.filter((p) => p.severity === 'error' && (p.code.startsWith('config/') || p.code.startsWith('rule/')));
    return { review, config, configurationProblems, ruleSet };
}

;// CONCATENATED MODULE: ./src/adapters/review/snapshot.ts


/** A commit of a local git repository. */
function commitSnapshot(repo, sha, label) {
    return {
        label,
        sha,
        listFiles: () => repo.listFiles(sha),
        readFiles: (paths, maxBytes) => repo.readFiles(sha, paths, maxBytes)
    };
}
async function readWithin(root, realRoot, paths, maxBytes) {
    const out = new Map();
    for (const path of paths) {
        try {
            const absolute = join(root, path);
            const real = await realpath(absolute);
            const rel = relative(realRoot, real);
            // Never follow a link out of the tree being reviewed.
            if (rel.startsWith('..') || rel.startsWith(sep))
                continue;
            const info = await stat(real);
            if (!info.isFile())
                continue;
            out.set(path, info.size > maxBytes ? { size: info.size } : { content: await readFile(real) });
        }
        catch {
            // Missing or unreadable files are simply absent on this side.
        }
    }
    return out;
}
/** The working tree of a git repository (tracked and untracked, not ignored files). */
function workingTreeSnapshot(repo, label = 'working tree') {
    return {
        label,
        listFiles: () => repo.listWorkingTreeFiles(),
        readFiles: async (paths, maxBytes) => readWithin(repo.root, await realpath(repo.root), paths, maxBytes)
    };
}
/** A plain folder, e.g. the demo's base and head model folders. */
function folderSnapshot(root, label) {
    return {
        label,
        listFiles: async () => {
            const files = [];
            const walk = async (dir) => {
                for (const entry of await readdir(dir, { withFileTypes: true })) {
                    if (entry.name === 'node_modules' || entry.name === '.git')
                        continue;
                    const full = join(dir, entry.name);
                    if (entry.isDirectory())
                        await walk(full);
                    else if (entry.isFile())
                        files.push(relative(root, full).split(sep).join('/'));
                }
            };
            await walk(root);
            return files.sort();
        },
        readFiles: async (paths, maxBytes) => readWithin(root, await realpath(root), paths, maxBytes)
    };
}

;// CONCATENATED MODULE: ./src/adapters/github/annotations.ts

/** GitHub shows at most 10 annotations of each level per step (and 50 per job). */
const ANNOTATIONS_PER_LEVEL = 10;
const LEVEL_OF = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' };
/**
 * The annotations of a review, most severe first, capped per level; one notice (taking the last
 * notice slot) says how many were dropped and where the rest is. Annotations need no token, so
 * they work on fork pull requests too.
 */
function planAnnotations(review) {
    const candidates = [];
    for (const model of review.models) {
        for (const problem of model.head?.problems ?? []) {
            candidates.push({
                level: problem.severity === 'error' ? 'error' : 'warning',
                title: `Threatloop: ${problem.code}`,
                message: problem.message,
                file: problem.file,
                startLine: Math.max(1, problem.line),
                startColumn: Math.max(1, problem.column),
                rank: problem.severity === 'error' ? 10 : 2
            });
        }
        for (const finding of model.findings?.new ?? []) {
            candidates.push({
                level: LEVEL_OF[finding.severity],
                title: `Threatloop ${finding.severity}: ${finding.title}`,
                message: finding.message,
                file: finding.file,
                startLine: Math.max(1, finding.position.line),
                startColumn: Math.max(1, finding.position.column),
                rank: SEVERITY_RANK[finding.severity]
            });
        }
    }
    for (const problem of review.problems) {
        if (problem.severity !== 'error')
            continue;
        candidates.push({ level: 'error', title: `Threatloop: ${problem.code}`, message: problem.message, file: problem.file, startLine: Math.max(1, problem.line), startColumn: Math.max(1, problem.column), rank: 10 });
    }
    candidates.sort((a, b) => b.rank - a.rank || a.file.localeCompare(b.file) || a.startLine - b.startLine);
    const used = { error: 0, warning: 0, notice: 0 };
    const kept = [];
    let dropped = 0;
    for (const { rank: _rank, ...annotation } of candidates) {
        if (used[annotation.level] < ANNOTATIONS_PER_LEVEL) {
            used[annotation.level]++;
            kept.push(annotation);
        }
        else
            dropped++;
    }
    if (dropped > 0) {
        // The summary must be visible: make room in the notice level if it is full.
        if (used.notice === ANNOTATIONS_PER_LEVEL) {
            const last = kept.map((a) => a.level).lastIndexOf('notice');
            kept.splice(last, 1);
            dropped++;
        }
        const firstFile = kept[0]?.file ?? candidates[0].file;
        kept.push({
            level: 'notice',
            title: 'Threatloop: more findings',
            message: `${dropped} more finding${dropped === 1 ? '' : 's'} and problem${dropped === 1 ? '' : 's'} were not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level); the job summary, the SARIF file and the JSON report list them all.`,
            file: firstFile,
            startLine: 1
        });
    }
    return { annotations: kept, dropped };
}

// EXTERNAL MODULE: ./src/adapters/github/client.ts + 6 modules
var github_client = __webpack_require__(2400);
;// CONCATENATED MODULE: ./src/adapters/github/contents-snapshot.ts

/**
 * A commit read through the REST API, for when the checkout cannot provide it (no git, or the
 * commit could not be fetched). Files are listed with the recursive git tree; when that is not
 * available the `fallbackPaths` (the other side's files) are tried, so files that exist only on
 * this side are missed, which the review then reports as absent rather than guessing.
 */
function contentsSnapshot(client, target, sha, label, fallbackPaths) {
    let listing;
    // The configuration is read twice (issue settings, then the review); ask GitHub once.
    const reads = new Map();
    const readOne = (path, maxBytes) => {
        let read = reads.get(path);
        if (!read) {
            read = (async () => {
                try {
                    const { data } = await client.rest.repos.getContent({ ...target, path, ref: sha });
                    if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
                        return undefined;
                    return data.size > maxBytes ? { size: data.size } : { content: new Uint8Array(Buffer.from(data.content, 'base64')) };
                }
                catch (error) {
                    // Absent on this side (404) is an answer; anything else is not.
                    if ((0,github_client/* describeError */.Uc)(error).status !== 404)
                        throw error;
                    return undefined;
                }
            })();
            reads.set(path, read);
        }
        return read;
    };
    return {
        label,
        sha,
        listFiles: () => {
            listing ??= (async () => {
                try {
                    const { data } = await client.rest.git.getTree({ ...target, tree_sha: sha, recursive: 'true' });
                    if (!data.truncated)
                        return data.tree.filter((e) => e.type === 'blob' && e.path).map((e) => e.path).sort();
                }
                catch (error) {
                    if ((0,github_client/* describeError */.Uc)(error).status === undefined)
                        throw error;
                }
                return fallbackPaths();
            })();
            return listing;
        },
        readFiles: async (paths, maxBytes) => {
            const out = new Map();
            for (const path of paths) {
                const read = await readOne(path, maxBytes);
                if (read)
                    out.set(path, 'size' in read || read.content.length <= maxBytes ? read : { size: read.content.length });
            }
            return out;
        }
    };
}

// EXTERNAL MODULE: ./src/adapters/github/issue-sync.ts
var issue_sync = __webpack_require__(1257);
;// CONCATENATED MODULE: ./src/adapters/github/outputs.ts

/** The step outputs a review yields (strings, as GITHUB_OUTPUT holds them). */
function reviewOutputs(review) {
    const t = review.totals;
    const delta = Object.fromEntries(SEVERITIES.map((s) => [s, t.severity.head[s] - t.severity.base[s]]));
    const outputs = {
        gate: review.gate.status,
        'new-findings': String(t.findings.new),
        'fixed-findings': String(t.findings.fixed),
        'severity-delta': JSON.stringify(delta),
        'severity-counts': JSON.stringify(t.severity.head),
        'residual-loss-delta': t.money ? String(Math.round(t.money.head.mean - t.money.base.mean)) : '',
        'residual-loss-currency': t.money?.currency ?? '',
        'models-changed': String(t.models.changed + t.models.added + t.models.removed),
        'validation-errors': String(t.validationErrors)
    };
    // Maturity moves per model and category (level change head − base), when maturity was assessed.
    const maturity = {};
    for (const model of review.models) {
        for (const move of model.maturity?.comparison?.moved ?? [])
            maturity[`${model.modelId}/${move.id}`] = move.head.level - (move.base?.level ?? 0);
    }
    outputs['maturity-delta'] = JSON.stringify(maturity);
    outputs['maturity-up'] = String(t.maturity?.up ?? 0);
    outputs['maturity-down'] = String(t.maturity?.down ?? 0);
    const plan = review.issues;
    outputs['issues-planned'] = plan ? JSON.stringify(plan.summary) : '';
    outputs['issue-drift'] = String(plan?.drift.length ?? 0);
    return outputs;
}

;// CONCATENATED MODULE: ./src/adapters/github/sticky-comment.ts


/**
 * Threatloop's own comments among the listed ones: they carry the marker and were written by a bot
 * (GITHUB_TOKEN posts as github-actions[bot], a GitHub App as `<app>[bot]`). When only people's
 * comments carry the marker, the token may be a personal one: ask who it is, once.
 */
async function ownComments(client, marked) {
    const bots = marked.filter((c) => c.user?.type === 'Bot');
    if (bots.length > 0 || marked.length === 0)
        return bots;
    try {
        const { data } = await client.rest.users.getAuthenticated();
        return marked.filter((c) => c.user?.login === data.login);
    }
    catch {
        // Installation tokens may not read /user: then no person's comment is ours.
        return [];
    }
}
/**
 * Creates or edits the one sticky comment: found by marker and bot author over every page, the
 * newest is kept and edited only when its content hash differs; older duplicates are deleted.
 */
async function upsertStickyComment(client, target, body) {
    const marked = [];
    for await (const page of client.paginate.iterator(client.rest.issues.listComments, { ...target, issue_number: target.number, per_page: 100 })) {
        for (const comment of page.data)
            if (comment.body?.includes(COMMENT_MARKER))
                marked.push({ id: comment.id, body: comment.body, user: comment.user ? { login: comment.user.login, type: comment.user.type } : null });
    }
    const mine = (await ownComments(client, marked)).sort((a, b) => b.id - a.id);
    const [newest, ...older] = mine;
    let outcome;
    const hash = commentHash(body);
    if (!newest) {
        const { data } = await client.rest.issues.createComment({ ...target, issue_number: target.number, body });
        outcome = { action: 'created', id: data.id, deleted: [] };
    }
    else if (hash !== undefined && commentHash(newest.body ?? '') === hash) {
        outcome = { action: 'unchanged', id: newest.id, deleted: [] };
    }
    else {
        const { data } = await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: newest.id, body });
        outcome = { action: 'updated', id: data.id, deleted: [] };
    }
    // Duplicates (from racing runs) go after the newest is current, so a failure here loses nothing.
    for (const duplicate of older) {
        try {
            await client.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: duplicate.id });
            outcome.deleted.push(duplicate.id);
        }
        catch (error) {
            // Already gone (a racing run deleted it) is what we wanted anyway.
            if ((0,github_client/* describeError */.Uc)(error).status !== 404)
                throw error;
        }
    }
    return outcome;
}

;// CONCATENATED MODULE: ./src/adapters/github/summary.ts

/** GitHub rejects a step summary over 1 MiB (the upload fails with an error annotation). */
const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/**
 * The job summary: the full review plus this run's section, kept under the byte limit (the
 * renderer's budget counts characters, so the budget shrinks until the UTF-8 size fits).
 */
function summaryWithinLimit(review, runSection, limit = SUMMARY_LIMIT_BYTES) {
    const room = limit - Buffer.byteLength(runSection) - 1024;
    let budget = Math.min(900_000, room);
    for (;;) {
        const body = renderReviewMarkdown(review, { audience: 'summary', maxLength: budget, fullReportHint: 'The JSON report has everything.' });
        if (Buffer.byteLength(body) <= room || budget < 2_000)
            return body + runSection;
        budget = Math.floor(budget / 2);
    }
}

;// CONCATENATED MODULE: ./src/adapters/github/review-step.ts




















const DEFAULT_MAX_ISSUE_WRITES = 30;
const DOCS_REF = '`docs/github-action.md`, section "Fork pull requests", in the Threatloop repository';
/**
 * One side of the change: from git when the checkout has (or can fetch) the commit, else the
 * contents API. A side read through the API lists its files with the git tree API, or else
 * borrows the listing of a side git could read, or else the `paths` input.
 */
async function resolveSides(event, workspace, client, log, paths) {
    const repo = new GitRepository(workspace);
    const isGit = await repo.isRepository();
    const target = { owner: event.owner, repo: event.repo };
    const fromGit = {};
    const side = async (sha, label, which) => {
        if (isGit && (await repo.ensureCommit(sha)))
            return (fromGit[which] = commitSnapshot(repo, sha, label));
        log.notes.push(`Commit ${sha.slice(0, 7)} (${which}) is not in the checkout and could not be fetched; it was read through the contents API.`);
        const other = which === 'base' ? 'head' : 'base';
        return contentsSnapshot(client, target, sha, label, async () => (fromGit[other] ? fromGit[other].listFiles() : [...paths]));
    };
    const head = await side(event.headSha, event.headLabel, 'head');
    const base = event.baseSha ? await side(event.baseSha, event.baseLabel, 'base') : null;
    return { base, head };
}
async function readConfig(snapshot, path) {
    const read = (await snapshot.readFiles([path], 1024 * 1024)).get(path);
    const text = read && 'content' in read ? new TextDecoder().decode(read.content) : undefined;
    return loadRepositoryConfig(path, text).config;
}
function contextEvent(event) {
    if (event.kind === 'pull_request')
        return 'pull_request';
    if (event.kind === 'push')
        return 'push';
    return event.name === 'schedule' ? 'schedule' : 'manual';
}
function headFindings(review) {
    return review.models.flatMap((m) => [...(m.findings?.new ?? []), ...(m.findings?.unchanged ?? [])]);
}
async function writeReport(workspace, path, text) {
    const absolute = (0,external_node_path_.resolve)(workspace, path);
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(absolute), { recursive: true });
    await (0,promises_.writeFile)(absolute, text);
    return absolute;
}
const READ_ONLY_HELP = 'The review, job summary, annotations and SARIF/JSON reports are complete. To get the comment on pull requests from forks, ' +
    'use the two-workflow pattern: this workflow uploads the JSON report as an artifact, and a `workflow_run` workflow on the default branch ' +
    `(with \`pull-requests: write\`) posts it (see ${DOCS_REF}). For same-repository runs, grant \`pull-requests: write\` and \`issues: write\`.`;
function markReadOnly(log, reason) {
    log.readOnlyReason ??= reason;
}
/** The run's own section of the job summary: writes done, skipped and failed. */
function runSection(log, event) {
    const lines = ['', '---', '', '#### This run', ''];
    if (log.comment)
        lines.push(`- Pull request comment: ${log.comment.action}${log.comment.deleted.length > 0 ? `, ${log.comment.deleted.length} duplicate(s) removed` : ''}.`);
    if (log.issues) {
        const r = log.issues;
        const done = [r.created.length && `opened ${r.created.map((n) => `#${n}`).join(', ')}`, r.updated.length && `updated ${r.updated.map((n) => `#${n}`).join(', ')}`, r.closed.length && `closed ${r.closed.map((n) => `#${n}`).join(', ')}`, r.reopened.length && `reopened ${r.reopened.map((n) => `#${n}`).join(', ')}`].filter(Boolean);
        lines.push(`- Mitigation issues: ${done.length > 0 ? done.join('; ') : 'no change needed'}.`);
        if (r.unassigned.length > 0)
            lines.push(`- Left unassigned (not an assignable GitHub user): ${[...new Set(r.unassigned)].map((u) => `\`${u.replace(/`/g, '')}\``).join(', ')}.`);
    }
    if (log.skipped.length > 0)
        lines.push(`- ⏭️ Skipped (read-only token${log.readOnlyReason ? `: ${log.readOnlyReason}` : ''}): ${log.skipped.join(', ')}. ${READ_ONLY_HELP}`);
    for (const failure of log.failures)
        lines.push(`- ⚠️ ${failure}`);
    for (const note of log.notes)
        lines.push(`- ${note}`);
    lines.push(`- Event: \`${event.name}\`${event.number ? ` #${event.number}` : ''}.`);
    return lines.join('\n') + '\n';
}
/** Reviews the change of this event and reports it where GitHub shows it. */
async function reviewEvent({ inputs, event, env, client, listIssues, early }) {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const target = { owner: event.owner, repo: event.repo };
    const log = { skipped: [], failures: [], notes: [] };
    if (event.fork)
        markReadOnly(log, 'pull request from a fork');
    const { base, head } = await resolveSides(event, workspace, client, log, inputs.paths);
    const configFrom = inputs.configFrom === 'auto' ? (event.kind === 'pull_request' && base ? 'base' : 'head') : inputs.configFrom;
    const configPath = inputs.configPath || CONFIG_FILE;
    const config = await readConfig(configFrom === 'base' && base ? base : head, configPath);
    const issueConfig = config?.raw.issues;
    let mode = inputs.issues ?? issueConfig?.mode ?? 'auto';
    if (mode === 'auto')
        mode = event.kind === 'push' && event.onDefaultBranch ? 'write' : 'preview';
    let existing = [];
    if (mode !== 'off') {
        const listed = await (early ?? listIssues());
        if ('issues' in listed)
            existing = listed.issues;
        else {
            log.failures.push(`Could not list the \`${inputs.issueLabel}\` issues (${(0,github_client/* describeError */.Uc)(listed.error).message}); mitigation issues were not planned this run.`);
            mode = 'off';
        }
    }
    else if (early)
        await early;
    const result = await runReview({
        base,
        head,
        context: {
            platform: 'github',
            event: contextEvent(event),
            repository: `${event.owner}/${event.repo}`,
            repositoryUrl: event.repositoryUrl,
            blobPath: 'blob',
            number: event.number,
            today: new Date().toISOString().slice(0, 10)
        },
        paths: inputs.paths,
        configFrom,
        configPath,
        gate: { ...(inputs.failOn ? { failOn: inputs.failOn } : {}), ...(inputs.warnOn ? { warnOn: inputs.warnOn } : {}) },
        risk: inputs.riskIterations ? { iterations: inputs.riskIterations } : undefined,
        outputs: { comment: event.kind === 'pull_request' && inputs.comment === 'upsert', summary: true, json: inputs.jsonReportPath !== '', sarif: inputs.sarifPath !== '' },
        issues: mode === 'off'
            ? undefined
            : {
                mode,
                label: inputs.issueLabel,
                extraLabels: inputs.issueExtraLabels ?? issueConfig?.labels ?? [],
                assignOwners: inputs.assignOwners ?? issueConfig?.assign_owners ?? true,
                maxOperations: inputs.maxIssueWrites ?? issueConfig?.max_writes_per_run ?? DEFAULT_MAX_ISSUE_WRITES,
                existing
            }
    });
    const { review } = result;
    core/* startGroup */.Oh('Threatloop review');
    core/* info */.pq(renderReviewText(review).trimEnd());
    core/* endGroup */.N4();
    // Read-only work first: reports and annotations never depend on write access.
    const outputs = reviewOutputs(review);
    if (inputs.jsonReportPath)
        outputs['json-report'] = await writeReport(workspace, inputs.jsonReportPath, canonicalJson(review, 2) + '\n');
    if (inputs.sarifPath) {
        const rules = (result.ruleSet?.rules ?? []).filter((r) => r.enabled).map((r) => describeRule({ rule: r.definition, severity: r.severity }));
        const sarif = renderSarif({ findings: headFindings(review), rules, toolVersion: TOOL_VERSION });
        outputs.sarif = await writeReport(workspace, inputs.sarifPath, JSON.stringify(sarif, null, 2) + '\n');
    }
    for (const annotation of planAnnotations(review).annotations) {
        const { level, message, ...properties } = annotation;
        if (level === 'error')
            core/* error */.z3(message, properties);
        else if (level === 'warning')
            core/* warning */.$e(message, properties);
        else
            core/* notice */.lm(message, properties);
    }
    // The comment and the issues are independent: a failure of one never costs the other.
    if (event.kind === 'pull_request' && event.number !== undefined && inputs.comment === 'upsert') {
        if (log.readOnlyReason)
            log.skipped.push('the pull request comment');
        else {
            const body = renderReviewMarkdown(review, { audience: 'comment', fullReportHint: 'The job summary of this workflow run and the JSON report have everything.' });
            try {
                log.comment = await upsertStickyComment(client, { ...target, number: event.number }, body);
                outputs['comment-id'] = String(log.comment.id);
                outputs.comment = log.comment.action;
            }
            catch (error) {
                if ((0,github_client/* isReadOnlyError */.hT)(error)) {
                    markReadOnly(log, `GitHub answered "${(0,github_client/* describeError */.Uc)(error).message}"`);
                    log.skipped.push('the pull request comment');
                }
                else
                    log.failures.push(`The pull request comment could not be written: ${(0,github_client/* describeError */.Uc)(error).message}`);
            }
        }
    }
    const plan = review.issues;
    if (plan?.mode === 'write' && plan.operations.length > 0) {
        if (log.readOnlyReason)
            log.skipped.push(`${plan.operations.length} mitigation issue write(s)`);
        else {
            log.issues = await (0,issue_sync/* executeIssuePlan */.Cu)(client, target, plan, inputs.issueLabel);
            if (log.issues.readOnly) {
                markReadOnly(log, 'GitHub answered 403 to the first issue write');
                log.skipped.push(`${plan.operations.length - log.issues.created.length - log.issues.updated.length - log.issues.closed.length - log.issues.reopened.length} mitigation issue write(s)`);
            }
            for (const failure of log.issues.failed)
                if (!log.issues.readOnly)
                    log.failures.push(`Issue ${failure.op} for \`${failure.key}\` failed: ${failure.message}`);
            if (log.issues.notAttempted > 0 && !log.issues.readOnly)
                log.failures.push(`${log.issues.notAttempted} issue operation(s) were not attempted after that failure; the next run on the default branch picks them up.`);
        }
    }
    outputs['issues-opened'] = String(log.issues?.created.length ?? 0);
    outputs['issues-closed'] = String(log.issues?.closed.length ?? 0);
    outputs['api-failures'] = String(log.failures.length);
    outputs['writes-skipped'] = String(log.skipped.length > 0);
    if (log.skipped.length > 0)
        core/* notice */.lm(`Threatloop skipped ${log.skipped.join(' and ')} (read-only token: ${log.readOnlyReason ?? 'no write access'}). ${READ_ONLY_HELP}`);
    for (const failure of log.failures)
        core/* warning */.$e(`Threatloop: ${failure}`);
    const summary = summaryWithinLimit(review, runSection(log, event));
    await core/* summary */.z.addRaw(summary).write();
    for (const [name, value] of Object.entries(outputs))
        core/* setOutput */.uH(name, value);
    if (result.configurationProblems.length > 0) {
        core/* setFailed */.C1(`Threatloop: the configuration is unusable:\n${result.configurationProblems.map(core_problems/* formatProblem */.Vw).join('\n')}`);
        return;
    }
    if (review.gate.status === 'fail')
        core/* setFailed */.C1(`Threatloop gate failed: ${review.gate.reasons.filter((r) => r.level === 'fail').map((r) => r.message).join('; ')}`);
    else if (review.gate.status === 'warn')
        core/* warning */.$e(`Threatloop: ${review.gate.reasons.map((r) => r.message).join('; ')}`);
}


/***/ })

};
