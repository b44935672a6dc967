import { connectionSpecification } from '../spec.js';
import { SINGER_CAPABILITIES, type SingerCapability } from './capabilities.js';
import { packageInfo } from './package-info.js';

/**
 * `tap-lago --about [--format json|markdown]`: what singer-sdk taps print (singer_sdk/about.py, AboutInfo and its
 * text, JSON and Markdown formatters), so Meltano and MeltanoHub tooling read this tap like any SDK tap. Fields that
 * only make sense for the Python SDK are printed honestly: sdk_version and supported_python_versions are null (as the
 * SDK prints when it cannot tell), and the Node.js range of package.json is added as supported_node_versions.
 */

export const ABOUT_FORMATS = ['text', 'json', 'markdown'] as const;
export type AboutFormat = (typeof ABOUT_FORMATS)[number];

export const TAP_NAME = 'tap-lago';
export const TAP_DESCRIPTION =
  'Singer tap for Lago (https://www.getlago.com), open-source usage-based billing: the streams, filters and incremental cursors of the source-lago Airbyte connector.';

type Json = Record<string, unknown>;

export interface AboutInfo {
  name: string;
  description: string;
  version: string;
  sdk_version: null;
  supported_python_versions: null;
  supported_node_versions: string[] | null;
  capabilities: string[];
  settings: Json;
}

/**
 * Settings singer-sdk adds for a capability when the tap's own config lacks them (Tap.append_builtin_config,
 * EMIT_ACTIVATE_VERSION_CONFIG in singer_sdk/helpers/capabilities.py). The config schema's own definition wins.
 */
const BUILTIN_SETTINGS: Partial<Record<SingerCapability, Json>> = {
  'activate-version': {
    emit_activate_version_messages: {
      type: 'boolean',
      default: false,
      title: 'Emit ACTIVATE_VERSION messages',
      description: 'Whether to emit ACTIVATE_VERSION messages, so that a target replaces what a full-table stream held before.',
    },
  },
};

/**
 * The settings as JSON schema: the config schema spec.json is generated from (src/config.ts), with the Airbyte-only
 * annotations put the Singer way: `airbyte_secret` becomes `secret` + `writeOnly` (singer_sdk/typing.py Property
 * with secret=True), and the Airbyte UI's `order` is left out. Then the capabilities' built-in settings it lacks.
 */
export function settingsSchema(): Json {
  const schema = singerFlavoured(connectionSpecification()) as Json;
  const own = (schema.properties ?? {}) as Json;
  const builtins: Json = Object.assign({}, ...SINGER_CAPABILITIES.map((capability) => BUILTIN_SETTINGS[capability] ?? {}));
  for (const name of Object.keys(own)) delete builtins[name];
  schema.properties = { ...own, ...builtins };
  return schema;
}

function singerFlavoured(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(singerFlavoured);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'order') continue;
    if (key === 'airbyte_secret') {
      if (value === true) Object.assign(out, { secret: true, writeOnly: true });
      continue;
    }
    out[key] = singerFlavoured(value);
  }
  return out;
}

export function aboutInfo(): AboutInfo {
  const pkg = packageInfo();
  return {
    name: TAP_NAME,
    description: TAP_DESCRIPTION,
    version: pkg.version,
    sdk_version: null,
    supported_python_versions: null,
    supported_node_versions: pkg.node ? [pkg.node] : null,
    capabilities: [...SINGER_CAPABILITIES],
    settings: settingsSchema(),
  };
}

const properties = (schema: Json): Array<[string, Json]> =>
  schema.properties !== null && typeof schema.properties === 'object' ? (Object.entries(schema.properties) as Array<[string, Json]>) : [];

/** singer-sdk's TextFormatter, less the environment-variable line: this tap reads its config only from --config. */
function formatText(info: AboutInfo): string {
  const lines = [`Name: ${info.name}`, `Description: ${info.description}`, `Version: ${info.version}`, 'SDK Version: none (a Node.js tap, not built with the Meltano Singer SDK)'];
  if (info.supported_node_versions) lines.push('Supported Node.js Versions:', ...info.supported_node_versions.map((range) => `  - ${range}`));
  lines.push('Capabilities:', ...info.capabilities.map((capability) => `  - ${capability}`), 'Settings:');
  for (const [name, schema] of properties(info.settings)) lines.push(`  - Name: ${name}`, `    Type: ${String(schema.type)}`);
  return `${lines.join('\n')}\n`;
}

/** singer-sdk's JSONFormatter: the same keys (2-space indent), plus supported_node_versions. */
function formatJson(info: AboutInfo): string {
  return JSON.stringify(info, null, 2);
}

/** One table row per setting and, as singer-sdk does, one per property of an object setting (`filters.invoices.status`). */
function settingRows(schema: Json, parent?: string): string[] {
  const required = Array.isArray(schema.required) ? (schema.required as unknown[]) : [];
  return properties(schema).flatMap(([name, property]) => {
    const path = parent ? `${parent}.${name}` : name;
    const description = String(property.description ?? '').replace(/\n/g, '<BR/>').replace(/\|/g, '\\|');
    const row = `| ${path} | ${required.includes(name) ? 'True' : 'False'} | ${property.default === undefined ? 'None' : JSON.stringify(property.default)} | ${description} |`;
    return [row, ...(property.properties ? settingRows(property, path) : [])];
  });
}

/** singer-sdk's MarkdownFormatter; the "Built with" line says what this tap is built with instead. */
function formatMarkdown(info: AboutInfo): string {
  let output = `# \`${info.name}\`\n\n${info.description}\n\nBuilt with TypeScript for Node.js (not with the Meltano Singer SDK); it takes the same command-line options as SDK taps.\n\n`;
  output += `## Capabilities\n\n${info.capabilities.map((capability) => `- \`${capability}\``).join('\n')}\n\n`;
  if (info.supported_node_versions) output += `## Supported Node.js Versions\n\n${info.supported_node_versions.map((range) => `- ${range}`).join('\n')}\n\n`;
  output += '## Settings\n\n| Setting | Required | Default | Description |\n|:--------|:--------:|:-------:|:------------|\n';
  output += settingRows(info.settings).join('\n');
  output += `\n\nA full list of supported settings and capabilities is available by running: \`${info.name} --about\`\n`;
  return output;
}

/** What --about prints, ending in a newline as Python's print() does. */
export function formatAbout(format: AboutFormat, info: AboutInfo = aboutInfo()): string {
  const text = format === 'json' ? formatJson(info) : format === 'markdown' ? formatMarkdown(info) : formatText(info);
  return `${text.replace(/\n$/, '')}\n`;
}
