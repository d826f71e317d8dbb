// Every provider the simulator serves. A new provider adds one line here and touches nothing else.
import type { ProviderDefinition } from '../core/context.js';
import { devino } from './devino/index.js';

export const providers: readonly ProviderDefinition[] = [devino];
