// Types for scripts/types-renderer.mjs (imported by integration_tests/generated-types.test.ts).
export const REPO_ROOT: string;
export const SCHEMAS_DIR: string;
export const GENERATED_DIR: string;
export const TYPE_NAMES: Readonly<Record<string, string>>;
export function renderStreamType(stream: string, schema: object): Promise<string>;
/** File name inside src/generated (e.g. 'customers.ts') → content. */
export function renderTypes(schemasDir?: string): Promise<Record<string, string>>;
