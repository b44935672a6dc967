/** Query parameters as Lago reads them: arrays become repeated `name[]=value` pairs. */
export type QueryValue = string | number | boolean | readonly string[] | null | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

export function toSearchParams(params: QueryParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      const key = name.endsWith('[]') ? name : `${name}[]`;
      for (const item of value) search.append(key, item);
    } else {
      search.append(name, String(value));
    }
  }
  return search;
}

/**
 * Encodes one path segment. Beyond encodeURIComponent, dots are escaped: Lago's router treats a
 * dot in /customers/{id}/… as a format suffix and answers 404 for ids such as "acme.com".
 */
export const encodePathSegment = (value: string): string => encodeURIComponent(value).replace(/\./g, '%2E');

/** Fills `{name}` placeholders in a path from `values`, encoding each value as a path segment. */
export function fillPath(path: string, values: Readonly<Record<string, string>>): string {
  return path.replace(/\{([a-zA-Z0-9_]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for {${name}} in path ${path}`);
    return encodePathSegment(value);
  });
}

export function describeRequest(path: string, params: QueryParams): string {
  const query = toSearchParams(params).toString();
  return `GET ${path}${query ? `?${decodeURIComponent(query)}` : ''}`;
}
