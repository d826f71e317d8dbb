// What a provider gives to generated data (issue 21): its part of a generated fixtures directory
// and its part of a stretch of sandbox traffic. The orchestrators (core/generate/fixtures.ts,
// admin/traffic.ts) read these from the registry's definitions and name no provider.
import type { Faker } from '@faker-js/faker';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import type { SimRandom } from '../random.js';
import type { NumberSource } from './numbers.js';

/** One provider's seeded sources: its own stream, so one provider's shape never shifts another's data. */
export interface GenerationParts {
  random: SimRandom;
  faker: Faker;
  numbers: NumberSource;
}

/** One generated account's credentials, as the CLI prints them. */
export interface GeneratedCredentials {
  /** The provider's slug. */
  provider: string;
  account: string;
  company: string;
  /** What a client sends to authenticate (login/password, apiKey, accessKey…). */
  credentials: Record<string, string>;
  balance: number;
}

/** A provider's generated fixture file and the credentials of its accounts. */
export interface GeneratedFixture {
  /** The whole fixture file's content, checked against `fixtureSchema` before it is written. */
  file: unknown;
  credentials: Omit<GeneratedCredentials, 'provider'>[];
}

/** One request of a traffic plan, sent through the simulator's own routes at `at`. */
export interface PlannedRequest {
  at: number;
  /** What it counts as when accepted (`refused` when not); none: not counted (a login). */
  kind?: string;
  /** The request, or a function that makes it when it is sent (from what earlier answers said). */
  request: InjectOptions | (() => InjectOptions);
  /** Whether the provider accepted it (each provider has its own envelope). */
  accepted(res: LightMyRequestResponse): boolean;
  /** Further counts an accepted request makes (a broadcast's subscribers are its calls). */
  also?: Readonly<Record<string, number>>;
  /** Reads what later requests need from the answer (a session id). */
  answered?(res: LightMyRequestResponse, accepted: boolean): void;
}

/** What a provider plans its traffic with. */
export interface TrafficPlanner extends GenerationParts {
  /** The seed the traffic was asked for. */
  seed: number;
  /** The stretch, as epoch times. */
  start: number;
  end: number;
  /** A second inside minute `m`, as an epoch time. */
  within(minute: number): number;
  push(request: PlannedRequest): void;
  /** Not disabled and not (nearly) out of money: customers who cannot pay do not keep trying all day. */
  usable(account: string): boolean;
  /** Headers of an admin request (the simulator's admin token, when it has one). */
  adminHeaders: Record<string, string>;
}

/** A provider's generator: its fixture file with N accounts and, optionally, its traffic. */
export interface ProviderGenerator<F = unknown> {
  /** The schema of its fixture file (`<slug>.json`): generated files are checked against it, traffic reads the loaded one. */
  fixtureSchema: z.ZodType<F>;
  /** Its fixture with `count` generated accounts; everything but the accounts comes from `base` (the bundled file). */
  fixture(parts: GenerationParts, base: Record<string, unknown>, count: number): GeneratedFixture;
  /** Plans `minutes` of its traffic from `planner.start` on the loaded `fixture`. */
  traffic?(planner: TrafficPlanner, fixture: F, minutes: number): void;
}

/** Types a generator against its fixture schema and stores it as the definition's `generate`. */
export const defineGenerator = <F>(generator: ProviderGenerator<F>): ProviderGenerator => generator as ProviderGenerator;
