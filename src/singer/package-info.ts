import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

/** The fields of package.json that --version and --about print. */
export interface PackageInfo {
  version: string;
  /** The `engines.node` range, e.g. ">=20.18". */
  node: string | undefined;
}

export function packageInfo(): PackageInfo {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version?: unknown; engines?: { node?: unknown } };
    return { version: String(pkg.version ?? 'unknown'), node: typeof pkg.engines?.node === 'string' ? pkg.engines.node : undefined };
  } catch {
    return { version: 'unknown', node: undefined };
  }
}
