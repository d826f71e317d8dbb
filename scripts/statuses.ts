// `npm run statuses`: the status table (test/openapi/status-coverage.json, docs/statuses.md) from a run of the suite.
import { writeStatusTable } from '../test/helpers/statusTable.js';

writeStatusTable();
