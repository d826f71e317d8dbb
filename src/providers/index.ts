// Every provider the simulator serves. A new provider adds one line here and touches nothing else.
import type { ProviderDefinition } from '../core/context.js';
import { devino } from './devino/index.js';
import { mobilgroup } from './mobilgroup/index.js';
import { unibell } from './unibell/index.js';
import { voicepassword } from './voicepassword/index.js';

export const providers: readonly ProviderDefinition[] = [devino, voicepassword, mobilgroup, unibell];
