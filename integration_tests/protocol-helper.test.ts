// The protocol helpers are themselves test code: show that each check accepts good input and
// catches the fault it is there for.
import {
  catalogChecklistErrors,
  parseProtocolOutput,
  specChecklistErrors,
  validateCatalog,
  validateConfiguredCatalog,
  validateMessage,
  validateSpec,
} from './helpers/protocol.js';

const NOW = 1_700_000_000_000;

const good = {
  record: { type: 'RECORD', record: { stream: 'invoices', data: { lago_id: 'a' }, emitted_at: NOW } },
  state: {
    type: 'STATE',
    state: {
      type: 'STREAM',
      stream: { stream_descriptor: { name: 'invoices' }, stream_state: { updated_at: '2024-01-01T00:00:00Z' } },
      sourceStats: { recordCount: 3.0 },
    },
  },
  log: { type: 'LOG', log: { level: 'INFO', message: 'hello' } },
  spec: {
    type: 'SPEC',
    spec: {
      documentationUrl: 'https://example.com',
      connectionSpecification: { type: 'object', properties: { api_key: { type: 'string', airbyte_secret: true } } },
    },
  },
  status: { type: 'CONNECTION_STATUS', connectionStatus: { status: 'SUCCEEDED' } },
  catalog: {
    type: 'CATALOG',
    catalog: { streams: [{ name: 'invoices', json_schema: { type: 'object' }, supported_sync_modes: ['full_refresh'] }] },
  },
  traceError: {
    type: 'TRACE',
    trace: { type: 'ERROR', emitted_at: NOW + 0.5, error: { message: 'boom', failure_type: 'config_error' } },
  },
  traceEstimate: { type: 'TRACE', trace: { type: 'ESTIMATE', emitted_at: NOW, estimate: { name: 'fees', type: 'STREAM', row_estimate: 10 } } },
  traceStatus: {
    type: 'TRACE',
    trace: { type: 'STREAM_STATUS', emitted_at: NOW, stream_status: { stream_descriptor: { name: 'fees' }, status: 'STARTED' } },
  },
  traceAnalytics: { type: 'TRACE', trace: { type: 'ANALYTICS', emitted_at: NOW, analytics: { type: 'x' } } },
  control: { type: 'CONTROL', control: { type: 'CONNECTOR_CONFIG', emitted_at: NOW, connectorConfig: { config: {} } } },
};

const clone = <T>(x: T): any => structuredClone(x);

describe('validateMessage', () => {
  test.each(Object.entries(good))('accepts a good %s message', (_name, msg) => {
    expect(validateMessage(msg)).toEqual([]);
  });

  test('rejects non-objects and unknown types (schema)', () => {
    expect(validateMessage('RECORD')).not.toEqual([]);
    expect(validateMessage(null)).not.toEqual([]);
    expect(validateMessage([good.record])).not.toEqual([]);
    expect(validateMessage({ type: 'NOPE' }).join('\n')).toMatch(/allowed values|must be equal to one of/);
    expect(validateMessage({ record: good.record.record }).join('\n')).toMatch(/must have required property 'type'/);
  });

  test('schema errors inside payloads are reported', () => {
    const m = clone(good.log);
    m.log.level = 'LOUD';
    expect(validateMessage(m).join('\n')).toMatch(/\/log\/level/);
    const s = clone(good.status);
    s.connectionStatus.status = 'OK';
    expect(validateMessage(s).join('\n')).toMatch(/\/connectionStatus\/status/);
  });

  test.each([
    ['RECORD', 'record'],
    ['STATE', 'state'],
    ['LOG', 'log'],
    ['SPEC', 'spec'],
    ['CONNECTION_STATUS', 'connectionStatus'],
    ['CATALOG', 'catalog'],
    ['TRACE', 'trace'],
    ['CONTROL', 'control'],
  ])('type %s without its payload "%s" is rejected', (type, key) => {
    const errs = validateMessage({ type });
    expect(errs.join('\n')).toContain(`payload "${key}" missing`);
    // a payload under the wrong key does not count
    expect(validateMessage({ type, other: {} }).join('\n')).toContain(`payload "${key}" missing`);
  });

  test('DESTINATION_CATALOG is not a source message', () => {
    expect(validateMessage({ type: 'DESTINATION_CATALOG', destination_catalog: {} }).join('\n')).toMatch(/not a message type/);
  });

  describe('RECORD', () => {
    test('stream must be a string', () => {
      const m = clone(good.record);
      m.record.stream = 5;
      expect(validateMessage(m).join('\n')).toContain('record.stream must be a string');
    });
    test('data must be an object (not array, not null)', () => {
      for (const data of [[1], null, 'x']) {
        const m = clone(good.record);
        m.record.data = data;
        expect(validateMessage(m).join('\n')).toContain('record.data must be an object');
      }
    });
    test('emitted_at must be an integer', () => {
      for (const emitted_at of [NOW + 0.5, String(NOW), undefined]) {
        const m = clone(good.record);
        m.record.emitted_at = emitted_at;
        expect(validateMessage(m).join('\n')).toContain('record.emitted_at must be an integer');
      }
    });
  });

  describe('STATE', () => {
    test('LEGACY state is rejected', () => {
      const errs = validateMessage({ type: 'STATE', state: { data: { invoices: { cursor: 'x' } } } });
      expect(errs.join('\n')).toContain('state.type must be "STREAM"');
    });
    test('GLOBAL state is rejected', () => {
      const m = clone(good.state);
      m.state.type = 'GLOBAL';
      expect(validateMessage(m).join('\n')).toContain('state.type must be "STREAM"');
    });
    test('stream_descriptor.name is required', () => {
      const m = clone(good.state);
      delete m.state.stream.stream_descriptor.name;
      expect(validateMessage(m).join('\n')).toContain('stream_descriptor.name');
      const n = clone(good.state);
      delete n.state.stream;
      expect(validateMessage(n).join('\n')).toContain('stream_descriptor.name');
    });
    test('sourceStats.recordCount must be a number', () => {
      const m = clone(good.state);
      delete m.state.sourceStats;
      expect(validateMessage(m).join('\n')).toContain('sourceStats.recordCount');
      const n = clone(good.state);
      n.state.sourceStats.recordCount = '3';
      expect(validateMessage(n).join('\n')).toContain('sourceStats.recordCount');
    });
  });

  describe('TRACE', () => {
    test('emitted_at must be a number', () => {
      const m = clone(good.traceStatus);
      m.trace.emitted_at = '2024-01-01';
      expect(validateMessage(m).join('\n')).toContain('trace.emitted_at must be a number');
      delete m.trace.emitted_at;
      expect(validateMessage(m).join('\n')).toContain('trace.emitted_at must be a number');
    });
    test.each([
      ['ERROR', 'error'],
      ['ESTIMATE', 'estimate'],
      ['STREAM_STATUS', 'stream_status'],
      ['ANALYTICS', 'analytics'],
    ])('%s without trace.%s is rejected', (type, key) => {
      const errs = validateMessage({ type: 'TRACE', trace: { type, emitted_at: NOW } });
      expect(errs.join('\n')).toContain(`trace.${key} missing`);
    });
    test('a sub-payload for a different trace type does not count', () => {
      const m = { type: 'TRACE', trace: { type: 'ERROR', emitted_at: NOW, estimate: { name: 'x', type: 'STREAM' } } };
      expect(validateMessage(m).join('\n')).toContain('trace.error missing');
    });
    test('ERROR needs failure_type', () => {
      const m = clone(good.traceError);
      delete m.trace.error.failure_type;
      expect(validateMessage(m).join('\n')).toContain('failure_type is required');
    });
    test('ERROR failure_type must be one of the enum (schema)', () => {
      const m = clone(good.traceError);
      m.trace.error.failure_type = 'oops';
      expect(validateMessage(m).join('\n')).toMatch(/failure_type/);
    });
    test('STREAM_STATUS status must be known (schema)', () => {
      const m = clone(good.traceStatus);
      m.trace.stream_status.status = 'DONE';
      expect(validateMessage(m).join('\n')).toMatch(/stream_status\/status/);
    });
  });
});

describe('parseProtocolOutput', () => {
  test('parses good lines, skipping blank ones, CRLF tolerated', () => {
    const out = [good.record, good.state, good.traceStatus].map((m) => JSON.stringify(m)).join('\r\n') + '\n\n';
    const { messages, errors } = parseProtocolOutput(out);
    expect(errors).toEqual([]);
    expect(messages.map((m) => m.type)).toEqual(['RECORD', 'STATE', 'TRACE']);
  });

  test('empty output has no messages and no errors', () => {
    expect(parseProtocolOutput('')).toEqual({ messages: [], errors: [] });
  });

  test('non-JSON lines are reported with line number, truncated to 200 chars', () => {
    const junk = 'x'.repeat(500);
    const out = `${JSON.stringify(good.log)}\nStarting connector...\n${junk}\n`;
    const { messages, errors } = parseProtocolOutput(out);
    expect(messages).toHaveLength(1);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^line 2: not JSON .*Starting connector\.\.\.$/);
    expect(errors[1]).toMatch(/^line 3: not JSON/);
    expect(errors[1]).toContain('x'.repeat(200) + '…');
    expect(errors[1]).not.toContain('x'.repeat(201));
  });

  test('JSON lines that are not valid messages are reported', () => {
    const out = [JSON.stringify(good.record), JSON.stringify({ type: 'RECORD' }), '42'].join('\n');
    const { messages, errors } = parseProtocolOutput(out);
    expect(messages).toHaveLength(3);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^line 2: .*payload "record" missing.*\{"type":"RECORD"\}$/);
    expect(errors[1]).toMatch(/^line 3: message is not a JSON object/);
  });
});

describe('validateCatalog / validateConfiguredCatalog / validateSpec', () => {
  const catalog = good.catalog.catalog;
  test('good inputs pass', () => {
    expect(validateCatalog(catalog)).toEqual([]);
    expect(validateSpec(good.spec.spec)).toEqual([]);
    expect(
      validateConfiguredCatalog({
        streams: [{ stream: catalog.streams[0], sync_mode: 'incremental', destination_sync_mode: 'append', cursor_field: ['updated_at'] }],
      }),
    ).toEqual([]);
  });
  test('bad inputs fail', () => {
    expect(validateCatalog({})).not.toEqual([]);
    expect(validateCatalog({ streams: [{ name: 'x', json_schema: {}, supported_sync_modes: ['sometimes'] }] })).not.toEqual([]);
    expect(validateSpec({ documentationUrl: 'x' }).join('\n')).toMatch(/connectionSpecification/);
    expect(
      validateConfiguredCatalog({ streams: [{ stream: catalog.streams[0], sync_mode: 'INVALID', destination_sync_mode: 'append' }] }).join('\n'),
    ).toMatch(/sync_mode/);
    expect(validateConfiguredCatalog({ streams: [{ stream: catalog.streams[0] }] }).join('\n')).toMatch(/sync_mode/);
  });
});

describe('specChecklistErrors', () => {
  const goodSpec = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    required: ['api_key'],
    additionalProperties: true,
    properties: {
      api_key: { type: 'string', airbyte_secret: true },
      start_date: { type: ['string', 'null'], format: 'date-time' },
      // a property literally named like a keyword is not a keyword
      not: { type: 'string' },
      region: {
        type: 'object',
        oneOf: [
          { type: 'object', properties: { kind: { const: 'us', default: 'us' } } },
          { type: 'object', properties: { kind: { const: 'eu', enum: ['eu'] }, extra: { type: 'string' } } },
          { type: 'object', properties: { kind: { const: 'custom' }, api_url: { type: 'string' } }, required: ['api_url'] },
        ],
      },
    },
  };

  test('a good spec passes', () => {
    expect(specChecklistErrors(goodSpec)).toEqual([]);
  });

  test('not an object', () => {
    expect(specChecklistErrors(null)).not.toEqual([]);
  });

  test('additionalProperties present must be true, at any depth', () => {
    expect(specChecklistErrors({ ...goodSpec, additionalProperties: false }).join('\n')).toContain('#: additionalProperties must be true');
    const s = clone(goodSpec);
    s.properties.region.oneOf[0].additionalProperties = { type: 'string' };
    expect(specChecklistErrors(s).join('\n')).toContain('#/properties/region/oneOf/0: additionalProperties must be true');
  });

  test.each(['anyOf', 'allOf', 'not', 'if', 'patternProperties'])('forbidden keyword %s is caught at depth', (kw) => {
    const s = clone(goodSpec);
    s.properties.start_date[kw] = kw === 'anyOf' || kw === 'allOf' ? [{ type: 'string' }] : kw === 'patternProperties' ? {} : { type: 'string' };
    expect(specChecklistErrors(s).join('\n')).toContain(`#/properties/start_date: forbidden keyword "${kw}"`);
  });

  test('oneOf variants without a common const property are caught', () => {
    const s = clone(goodSpec);
    delete s.properties.region.oneOf[1].properties.kind.const;
    expect(specChecklistErrors(s).join('\n')).toMatch(/share exactly one property with "const" \(found 0/);
    const t = clone(goodSpec);
    delete t.properties.region.oneOf[2].properties.kind;
    t.properties.region.oneOf[2].properties.mode = { const: 'custom' };
    expect(specChecklistErrors(t).join('\n')).toMatch(/found 0/);
  });

  test('two const discriminators are ambiguous', () => {
    const s = clone(goodSpec);
    for (const [i, v] of s.properties.region.oneOf.entries()) v.properties.other = { const: `o${i}` };
    expect(specChecklistErrors(s).join('\n')).toMatch(/found 2/);
  });

  test('duplicate discriminator values and inconsistent default/enum are caught', () => {
    const s = clone(goodSpec);
    s.properties.region.oneOf[1].properties.kind = { const: 'us' };
    expect(specChecklistErrors(s).join('\n')).toContain('is not unique');
    const d = clone(goodSpec);
    d.properties.region.oneOf[0].properties.kind.default = 'eu';
    expect(specChecklistErrors(d).join('\n')).toContain('default differs');
    const e = clone(goodSpec);
    e.properties.region.oneOf[1].properties.kind.enum = ['eu', 'us'];
    expect(specChecklistErrors(e).join('\n')).toContain('enum must be [const]');
  });

  test('oneOf variants must be object schemas with properties', () => {
    const s = clone(goodSpec);
    s.properties.region.oneOf[1] = { type: 'string' };
    expect(specChecklistErrors(s).join('\n')).toContain('must be an object schema with properties');
  });

  test.each([
    [['string', 'integer']],
    [['string', 'integer', 'null']],
    [['null', 'null']],
    [['null']],
    [5],
  ])('property type %j is caught', (type) => {
    const s = clone(goodSpec);
    s.properties.start_date.type = type;
    expect(specChecklistErrors(s).join('\n')).toContain('#/properties/start_date: type must be a single type');
  });

  test('[null, T] order does not matter', () => {
    const s = clone(goodSpec);
    s.properties.start_date.type = ['null', 'string'];
    expect(specChecklistErrors(s)).toEqual([]);
  });
});

describe('catalogChecklistErrors', () => {
  const invoices = () => ({
    name: 'invoices',
    json_schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: true,
      properties: {
        lago_id: { type: 'string' },
        updated_at: { type: ['null', 'string'], format: 'date-time' },
        customer: { type: ['null', 'object'], properties: { lago_id: { type: 'string' } } },
        tags: { type: 'array', items: { type: 'string' } },
      },
    },
    supported_sync_modes: ['full_refresh', 'incremental'],
    source_defined_cursor: true,
    default_cursor_field: ['updated_at'],
    source_defined_primary_key: [['lago_id']],
  });
  const goodCatalog = () => ({
    streams: [
      invoices(),
      { name: 'fees', json_schema: { type: 'object', properties: {} }, supported_sync_modes: ['full_refresh'], default_cursor_field: [] },
    ],
  });

  test('a good catalog passes (nested primary key paths too)', () => {
    expect(catalogChecklistErrors(goodCatalog())).toEqual([]);
    const c: any = goodCatalog();
    c.streams[0].source_defined_primary_key = [['customer', 'lago_id']];
    expect(catalogChecklistErrors(c)).toEqual([]);
    expect(validateCatalog(goodCatalog())).toEqual([]);
  });

  test('not a catalog', () => {
    expect(catalogChecklistErrors({})).toEqual(['catalog.streams must be an array']);
  });

  test('duplicate stream names', () => {
    const c = goodCatalog();
    c.streams.push(invoices());
    expect(catalogChecklistErrors(c).join('\n')).toContain('stream invoices: duplicate stream name');
  });

  test('json_schema that is not valid draft-07', () => {
    const c: any = goodCatalog();
    c.streams[0].json_schema.properties.lago_id.type = 'text';
    expect(catalogChecklistErrors(c).join('\n')).toContain('stream invoices: json_schema is not valid draft-07');
    const d: any = goodCatalog();
    d.streams[0].json_schema.$schema = 'https://json-schema.org/draft/2020-12/schema';
    expect(catalogChecklistErrors(d).join('\n')).toContain('$schema must be draft-07');
    const e: any = goodCatalog();
    e.streams[0].json_schema = 'object';
    expect(catalogChecklistErrors(e).join('\n')).toContain('json_schema must be an object');
  });

  test('json_schema that does not compile (unresolvable $ref) and forbidden keywords', () => {
    const c: any = goodCatalog();
    c.streams[0].json_schema.properties.customer = { $ref: '#/definitions/customer' };
    const errs = catalogChecklistErrors(c).join('\n');
    expect(errs).toContain('does not compile');
    expect(errs).toContain('#/properties/customer: forbidden keyword "$ref"');
  });

  test.each(['allOf', 'not'])('forbidden keyword %s in json_schema', (kw) => {
    const c: any = goodCatalog();
    c.streams[0].json_schema.properties.tags.items[kw] = kw === 'allOf' ? [{ type: 'string' }] : { type: 'integer' };
    expect(catalogChecklistErrors(c).join('\n')).toContain(`#/properties/tags/items: forbidden keyword "${kw}"`);
  });

  test('primary key missing from schema', () => {
    const c: any = goodCatalog();
    c.streams[0].source_defined_primary_key = [['id']];
    expect(catalogChecklistErrors(c).join('\n')).toContain('primary key ["id"] is not in json_schema');
    c.streams[0].source_defined_primary_key = ['lago_id']; // not a list of paths
    expect(catalogChecklistErrors(c).join('\n')).toContain('is not in json_schema');
  });

  test('primary key of object or array type', () => {
    const c: any = goodCatalog();
    c.streams[0].source_defined_primary_key = [['customer']];
    expect(catalogChecklistErrors(c).join('\n')).toContain('primary key ["customer"] has type ["null","object"]');
    c.streams[0].source_defined_primary_key = [['tags']];
    expect(catalogChecklistErrors(c).join('\n')).toContain('primary key ["tags"] has type "array"');
  });

  test('default cursor field missing from schema', () => {
    const c: any = goodCatalog();
    c.streams[0].default_cursor_field = ['created_at'];
    expect(catalogChecklistErrors(c).join('\n')).toContain('default_cursor_field ["created_at"] is not in json_schema');
  });
});
