import { JSONPath } from 'jsonpath-plus';
import { isJsonObject } from '../util/json.js';

/** Getting records (and metadata) out of a response body. */

type Row = Record<string, unknown>;

export interface RecordExtractor {
  /** What the records are, for error messages ("the \"customers\" list", "$.data[*]"). */
  describe: string;
  records(body: unknown): Row[] | undefined;
}


/** Lago's shape: the records under one root key, a list (or one object for single-object endpoints). */
export function rootKeyExtractor(key: string, single = false): RecordExtractor {
  return {
    describe: `"${key}" ${single ? 'object' : 'list'}`,
    records(body) {
      const value = isJsonObject(body) ? body[key] : undefined;
      if (single) return isJsonObject(value) ? [value] : value === null ? [] : undefined;
      return Array.isArray(value) ? objectsOf(value) : undefined;
    },
  };
}

/** The objects of a list: the list itself when all its items are (Lago's lists), else a copy without the others. */
function objectsOf(items: unknown[]): Row[] {
  for (let i = 0; i < items.length; i += 1) if (!isJsonObject(items[i])) return items.filter(isJsonObject);
  return items as Row[];
}

/** The default for custom streams: the response's one array-valued key (meta aside). */
export const singleArrayExtractor: RecordExtractor = {
  describe: 'single array-valued key',
  records(body) {
    if (Array.isArray(body)) return body.filter(isJsonObject);
    if (!isJsonObject(body)) return undefined;
    const arrays = Object.values(body).filter(Array.isArray);
    return arrays.length === 1 ? arrays[0]!.filter(isJsonObject) : undefined;
  },
};

/** Records at a JSONPath such as `$.customers[*]`; the path is checked once, when the stream is built. */
export function jsonPathExtractor(path: string): RecordExtractor {
  return {
    describe: path,
    records(body) {
      const found = JSONPath({ path, json: body as object, wrap: true }) as unknown[];
      // `$.customers` (the array itself) and `$.customers[*]` (its items) both mean the records.
      const flat = found.length === 1 && Array.isArray(found[0]) ? found[0] : found;
      return flat.filter(isJsonObject);
    },
  };
}

/** The first value at a JSONPath, e.g. `$.meta` (attached to each record of a custom stream). */
export function jsonPathValue(path: string, body: unknown): unknown {
  const found = JSONPath({ path, json: body as object, wrap: true }) as unknown[];
  return found[0] ?? null;
}

/**
 * Why a JSONPath is unusable, or undefined when it is fine. jsonpath-plus accepts nearly any string
 * and silently matches nothing, so syntax is checked here to give the user a clear error up front.
 */
export function jsonPathProblem(path: string): string | undefined {
  if (!path.startsWith('$')) return 'must start with $ (e.g. $.customers[*])';
  let depth = 0;
  let quote: string | undefined;
  for (const char of path) {
    if (quote) {
      if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === '[' || char === '(') depth += 1;
    else if (char === ']' || char === ')') depth -= 1;
    if (depth < 0) return 'has a closing bracket without an opening one';
  }
  if (quote) return 'has an unclosed quote';
  if (depth !== 0) return 'has an unclosed bracket';
  if (/\[\s*\]|\.\.\.|\.\[|\.$|\.\.$/.test(path)) return 'has an empty segment';
  if (!/^\$(\.\.?[^.[\]]+|\.?\[[^\]]*\]|\.\.\[[^\]]*\])*$/.test(path.replace(/\[\?\(.*?\)\]/g, '[f]'))) return 'is not a JSONPath such as $.data[*] or $.meta';
  return undefined;
}

export interface ArrayPath {
  path: string;
  length: number;
}

/** JSONPaths of every array of objects in a document, best first (longest, then shallowest). */
export function arrayPaths(body: unknown): ArrayPath[] {
  const found: ArrayPath[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      if (node.length > 0 && node.every(isJsonObject)) found.push({ path: `${path}[*]`, length: node.length });
      node.slice(0, 1).forEach((item) => walk(item, `${path}[*]`));
    } else if (isJsonObject(node)) {
      for (const [key, value] of Object.entries(node)) walk(value, /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}['${key.replace(/'/g, "\\'")}']`);
    }
  };
  walk(body, '$');
  const depth = (path: string) => (path.match(/\[\*\]/g) ?? []).length * 10 + path.split('.').length;
  return found.sort((a, b) => depth(a.path) - depth(b.path) || b.length - a.length);
}
