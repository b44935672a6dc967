import * as z from 'zod';

/**
 * Config fields that hold a free-form JSON object (a custom stream's body, its json_schema). Airbyte's UI cannot
 * render an object without properties (CAT TestSpec.test_object_not_empty), so the spec describes them as text: a
 * JSON object written in a text box. A config file written by hand may still hold the object itself.
 */

/** The zod schemas of such fields: spec.ts describes each as a string (see jsonTextOverride). */
const JSON_TEXT_FIELDS = new WeakSet<z.ZodType>();

/** One line, whatever JSON.parse said (V8 may quote the text, newlines included). */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').slice(0, 200);

/** A JSON object given as text or as an object; the parsed object either way. */
export function jsonObjectText(meta: { title: string; description: string; example: string }) {
  const field = z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .transform((value, ctx): Record<string, unknown> => {
      if (typeof value !== 'string') return value;
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `expected a JSON object as text, such as ${meta.example}; the text is not JSON (${oneLine((error as Error).message)})` });
        return z.NEVER;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        ctx.addIssue({ code: 'custom', message: `expected a JSON object as text, such as ${meta.example}; got ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : `a ${typeof parsed}`}` });
        return z.NEVER;
      }
      return parsed as Record<string, unknown>;
    })
    .meta({ title: meta.title, description: `JSON object as text, e.g. ${meta.example}. ${meta.description}`, multiline: true });
  JSON_TEXT_FIELDS.add(field);
  return field;
}

/** z.toJSONSchema override: a JSON-text field is a string in the spec (its object form stays undocumented there). */
export function jsonTextOverride(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  if (!JSON_TEXT_FIELDS.has(ctx.zodSchema as z.ZodType)) return;
  delete ctx.jsonSchema.anyOf;
  ctx.jsonSchema.type = 'string';
}
