// provider-sim/conformance: run the simulator's conformance suite against your own adapters, in
// process (TypeScript) or through a driver in any language (`provider-sim conform`, see
// docs/conformance-protocol.md).
export { runConformance, registerConformance, type ConformanceOptions, type TestRegistrar } from './run.js';
export { referenceAdapter, referenceAdapters, type ReferenceAdapterOptions } from './reference.js';
export { driver, driverAdapter, serveDriver, type DriverOptions } from './driver.js';
export { PROTOCOL_VERSION, protocolSchemas } from './protocol.js';
export { coverageMarkdown, formatCase, formatCoverage, formatSummary, junitXml } from './report.js';
export { ProviderCallError } from './wire.js';
export * from './types.js';
