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

export function describeRequest(path: string, params: QueryParams): string {
  const query = toSearchParams(params).toString();
  return `GET ${path}${query ? `?${decodeURIComponent(query)}` : ''}`;
}
