// Exports two spans with the OpenTelemetry JavaScript SDK's OTLP/HTTP JSON exporter.
// Usage: node otel-js-export.js <node_modules> <endpoint> <api key>; prints {"trace_id": "..."}.
const path = require('path');
const [modules, endpoint, key] = process.argv.slice(2);
const load = (name) => require(path.join(modules, name));
const { BasicTracerProvider, SimpleSpanProcessor } = load('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = load('@opentelemetry/exporter-trace-otlp-http');
const { resourceFromAttributes } = load('@opentelemetry/resources');
const api = load('@opentelemetry/api');

const exporter = new OTLPTraceExporter({ url: endpoint + '/v1/traces', headers: { Authorization: 'Bearer ' + key } });
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'js-chat' }),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
const tracer = provider.getTracer('js-test', '0.1.0');
const root = tracer.startSpan('POST /chat', { kind: api.SpanKind.SERVER });
const ctx = api.trace.setSpan(api.context.active(), root);
const llm = tracer.startSpan('chat claude-sonnet-4', {
  kind: api.SpanKind.CLIENT,
  attributes: {
    'gen_ai.operation.name': 'chat',
    'gen_ai.request.model': 'claude-sonnet-4',
    'gen_ai.usage.input_tokens': 321,
    'gen_ai.usage.output_tokens': 54,
    'observatory.confidence': 0.91,
    'gen_ai.response.finish_reasons': ['end_turn'],
  },
}, ctx);
llm.addEvent('retry', { attempt: 1 });
llm.setStatus({ code: api.SpanStatusCode.ERROR, message: 'overloaded' });
llm.end();
root.end();
provider.forceFlush().then(() => provider.shutdown()).then(() => {
  process.stdout.write(JSON.stringify({ trace_id: root.spanContext().traceId }));
}).catch((e) => { process.stderr.write(String(e)); process.exit(1); });
