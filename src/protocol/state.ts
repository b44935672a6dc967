import { ConfigError } from '../errors.js';

/**
 * Reads the --state file leniently, as platforms write it: an array of per-stream states (possibly
 * empty, possibly with nulls or `global`/`data` keys), or a single state object. LEGACY blobs carry
 * no stream names and are ignored with a warning.
 */
export interface InputState {
  streams: Map<string, unknown>;
  warnings: string[];
}

export function parseInputState(input: unknown, file: string): InputState {
  const streams = new Map<string, unknown>();
  const warnings: string[] = [];
  if (input === null || input === undefined) return { streams, warnings };
  // Airbyte's API/UI shape when a user edits a connection's state: {"stateType": "stream", "streamState": [...]}.
  const unwrapped = !Array.isArray(input) && typeof input === 'object' && Array.isArray((input as Record<string, unknown>).streamState) ? (input as Record<string, unknown>).streamState : input;
  const entries = Array.isArray(unwrapped) ? unwrapped : [unwrapped];
  for (const [index, entry] of entries.entries()) {
    if (entry === null) continue;
    if (typeof entry !== 'object') throw new ConfigError(`Invalid state in ${file}: item ${index} is ${typeof entry}; expected a state object such as {"type":"STREAM","stream":{...}}.`);
    const item = entry as Record<string, unknown>;
    // A whole STATE message instead of its payload: unwrap it.
    const state = (item.type === 'STATE' && typeof item.state === 'object' && item.state !== null ? item.state : item) as Record<string, unknown>;
    const stream = state.stream as Record<string, unknown> | null | undefined;
    const uiDescriptor = state.streamDescriptor as Record<string, unknown> | undefined;
    if (uiDescriptor && typeof uiDescriptor === 'object') {
      const name = uiDescriptor.name;
      if (typeof name !== 'string' || name === '') throw new ConfigError(`Invalid state in ${file}: item ${index} has no streamDescriptor.name.`);
      streams.set(name, state.streamState ?? null);
    } else if (stream && typeof stream === 'object') {
      const descriptor = stream.stream_descriptor as Record<string, unknown> | undefined;
      const name = descriptor?.name;
      if (typeof name !== 'string' || name === '') throw new ConfigError(`Invalid state in ${file}: item ${index} has no stream.stream_descriptor.name.`);
      streams.set(name, stream.stream_state ?? null);
    } else if (state.type === 'GLOBAL' || state.global) {
      warnings.push(`State file ${file}: item ${index} is a GLOBAL state, which this source does not use; ignored.`);
    } else if (state.data !== undefined && state.data !== null) {
      warnings.push(`State file ${file}: item ${index} is a LEGACY state without stream names; ignored.`);
    } else if (state.type === 'STREAM' || 'stream' in state) {
      // Silently skipping it would re-read all history and then overwrite the user's cursor.
      throw new ConfigError(`Invalid state in ${file}: item ${index} ${JSON.stringify(entry).slice(0, 120)} has no stream object; expected {"type":"STREAM","stream":{"stream_descriptor":{"name":"..."},"stream_state":{...}}}.`);
    } else if (Object.keys(state).length > 0) {
      throw new ConfigError(`Invalid state in ${file}: item ${index} ${JSON.stringify(entry).slice(0, 120)} is not a state this source knows; expected {"type":"STREAM","stream":{"stream_descriptor":{"name":"..."},"stream_state":{...}}}.`);
    }
  }
  return { streams, warnings };
}
