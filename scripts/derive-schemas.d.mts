// Types for scripts/derive-schemas.mjs (imported by integration_tests/schema-drift.test.ts).
export interface StreamDefinition {
  name: string;
  path: string;
  rootKey: string;
  primaryKey: string[];
  typeName: string;
  addedFields?: Record<string, object>;
}
export interface Override {
  stream: string;
  path: string[];
  nullable?: boolean;
  add?: object;
  reason: string;
}
export interface DerivedStream {
  schema: Record<string, unknown>;
  component: string;
  notes: string[];
}
export const REPO_ROOT: string;
export const SCHEMAS_DIR: string;
export const DEFAULT_OPENAPI: string;
export const STREAMS: ReadonlyArray<StreamDefinition>;
export const OVERRIDES: ReadonlyArray<Override>;
export const CORRECTIONS: Readonly<Record<string, import('./lago-corrections/types').StreamCorrections>>;
export function loadOpenApi(file?: string): unknown;
export function findItemSchema(doc: unknown, stream: StreamDefinition): { schema: unknown; component: string };
export function normalize(doc: unknown, raw: unknown, ctx?: { notes: string[]; stack: string[]; where: string }): Record<string, unknown>;
export function deriveStreamSchema(doc: unknown, stream: StreamDefinition, options?: { applyOverrides?: boolean }): DerivedStream;
export function deriveAll(doc: unknown, options?: { applyOverrides?: boolean }): Record<string, DerivedStream>;
export function serialize(schema: unknown): string;
