// Shape of a stream's correction table (scripts/lago-corrections/<stream>.mjs).

/** One field where lago-api's list differs from Lago's OpenAPI document. `path`: 'a.b', 'items[].c'. */
export interface Correction {
  path: string;
  /** The lago-api file (and method, column or line) the fact comes from, e.g. 'app/serializers/v1/invoice_serializer.rb'. */
  source: string;
  /** The release that introduced it ('v1.22.0'); required for `add`. */
  since?: string;
  /** A field the list sends and the document lacks: its JSON schema (type, format, description). */
  add?: Record<string, unknown>;
  /** A field the document declares and the list never sends (show-only includes, dropped keys). */
  remove?: true;
  /** The JSON type lago-api really renders (BigDecimal → 'string'); `format` with it ('date-time', 'date'). */
  type?: string;
  format?: string;
  /** Every value the model allows (for enums, listed in the description). */
  values?: string[];
  /** Replaces the field's description. */
  description?: string;
}

export interface StreamCorrections {
  /** Controller#index → serializer, with the `includes:` the list passes. */
  list: string;
  /** lago-api versions this table was checked against ('v1.51.0', 'HEAD 1b1c24a6', …). */
  checked: string[];
  /** Fields lago-api always sends non-null (a NOT NULL column its serializer always sends); every other field is nullable. */
  guaranteed: Array<{ path: string; source: string }>;
  /** Primary-key fields that are not guaranteed, and why the key still holds. */
  keyNotGuaranteed?: Record<string, string>;
  fields: Correction[];
}
