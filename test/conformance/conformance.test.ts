// The conformance suite with the project's own client adapters; writes docs/conformance.md.
import { clientAdapters } from './adapters.js';
import { runConformance } from './index.js';

runConformance(clientAdapters, { report: 'docs/conformance.md' });
