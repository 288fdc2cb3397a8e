import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import {
  parseWorkspaceFixture,
  type WorkspaceFixture,
  type WorkspaceFixtureInput,
} from './fixture.js';
import { callOptionsSchema, type CallOptions, type CallOptionsInput } from './call-options.js';
import type { EventDeliveryOptions } from './event-delivery.js';
import type { FaultOptionsInput } from './fault-options.js';
import { sidPattern } from './sids.js';
import { parseWith } from './validation.js';
import { generateWorkspace, type GenerateWorkspaceOptions } from './workspace-generator.js';

export interface StartEmulatorOptions {
  /** The credentials every Twilio request must carry (HTTP Basic). */
  readonly accountSid: string;
  readonly authToken: string;
  /** Overrides the fixture's (or the generated) workspace SID. */
  readonly workspaceSid?: string;
  /** A fixture, or options for generateWorkspace; default: holdline's two queues, seed 1. */
  readonly workspace?: WorkspaceFixtureInput | GenerateWorkspaceOptions;
  readonly faults?: FaultOptionsInput;
  /** 0 (the default): a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Drives the workspace's numbers and the statistics windows; the system clock by default. */
  readonly clock?: Clock;
  /** Where absolute URLs in TaskRouter answers point: Twilio's host (default) or the emulator. */
  readonly linkBase?: 'twilio' | 'self';
  /** Debug lines per request, errors; silent by default. */
  readonly logger?: Logger;
  /** Entries the request log keeps (its counters count everything). */
  readonly requestLogLimit?: number;
  /**
   * The Workspace's EventCallbackUrl: where TaskRouter events are POSTed, signed with the auth
   * token. Also settable at runtime (POST /v1/Workspaces/{WS}, PUT /__emulator/events).
   */
  readonly eventCallbackUrl?: string;
  /** Retries and timeouts of the event callbacks. */
  readonly eventDelivery?: Partial<EventDeliveryOptions>;
  /**
   * Outbound calls (POST …/Calls.json): CPS, concurrency limit, who answers, durations, create
   * faults, and the scheduler they run on (real time by default). See call-options.ts.
   */
  readonly calls?: CallOptionsInput;
  /**
   * Studio Flow executions (POST /v2/Flows/{FW}/Executions) run the template flow; its HTTP
   * Request widget sends this as `Authorization: Bearer …` (holdline's API_TOKEN).
   */
  readonly studio?: { readonly bearerToken?: string };
}

const optionsSchema = z.object({
  accountSid: z.string().regex(sidPattern('AC'), 'must be AC followed by 32 hex digits'),
  authToken: z.string().min(1, 'must not be empty'),
  workspaceSid: z
    .string()
    .regex(sidPattern('WS'), 'must be WS followed by 32 hex digits')
    .optional(),
  port: z.number().int().min(0).max(65_535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  linkBase: z.enum(['twilio', 'self']).default('twilio'),
  requestLogLimit: z.number().int().positive().default(10_000),
  eventCallbackUrl: z.url({ protocol: /^https?$/ }).optional(),
  studio: z
    .object({ bearerToken: z.string().min(1).optional() })
    .strict()
    .default({}),
  eventDelivery: z
    .object({
      attempts: z.number().int().min(1).max(10).optional(),
      retryDelayMs: z.number().int().min(0).optional(),
      timeoutMs: z.number().int().positive().optional(),
      logLimit: z.number().int().positive().optional(),
    })
    .strict()
    .optional(),
});

export type ResolvedEmulatorOptions = z.output<typeof optionsSchema> & {
  readonly fixture: WorkspaceFixture;
  readonly calls: CallOptions;
};

/** Checks the options once, at start (every problem named), and settles the workspace. */
export function resolveEmulatorOptions(options: StartEmulatorOptions): ResolvedEmulatorOptions {
  // The schema strips what it does not check (clock, logger; faults and workspace have their own).
  const checked = parseWith(optionsSchema, options, 'emulator options');
  // The scheduler is an object of functions, passed on as it is; the rest is checked.
  const calls: Record<string, unknown> = { ...options.calls };
  delete calls.scheduler;
  return {
    ...checked,
    fixture: resolveFixture(options.workspace),
    calls: parseWith(callOptionsSchema, calls, 'emulator options calls'),
  };
}

function resolveFixture(input: StartEmulatorOptions['workspace']): WorkspaceFixture {
  if (input === undefined) return generateWorkspace({ seed: 1 });
  if ('queues' in input) return parseWorkspaceFixture(input);
  return generateWorkspace(input);
}
