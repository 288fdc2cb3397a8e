import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import { ABANDONED_MEMORY_HOURS } from './abandoned-numbers.js';
import { DEFAULT_ABANDON_TARGET } from './abandonment.js';
import {
  ABANDON_CAP,
  DEFAULT_ABANDONED_COOLDOWN_HOURS,
  DEFAULT_OPT_OUT_DIGIT,
  type CampaignSettings,
} from './campaign.js';
import { validateCallingWindow } from './calling-window.js';

/** The US and UK rules: a call rings at least 15 s (about 4 rings) before it is given up. */
export const MIN_RING_SECONDS = 15;

/**
 * A campaign's settings as the API takes them: only the queue, caller ID and message are
 * required; everything else has the default a contact center would expect.
 */
export function campaignSettingsSchema(queues: readonly string[]) {
  return z
    .object({
      targetQueue: z
        .string()
        .refine((q) => queues.includes(q), `one of the configured QUEUES: ${queues.join(', ')}`),
      callerId: z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number on the account, e.g. +15005550006'),
      ringTimeoutSeconds: z.number().int().min(MIN_RING_SECONDS).max(600).default(25),
      maxAttempts: z.number().int().min(1).max(10).default(3),
      retryDelaySeconds: z
        .number()
        .int()
        .min(60)
        .max(7 * 86_400)
        .default(3600),
      callingWindow: z
        .object({ start: z.string(), end: z.string() })
        .strict()
        .superRefine((window, ctx) => {
          for (const problem of validateCallingWindow(window))
            ctx.addIssue({ code: 'custom', message: problem });
        })
        .default({ start: '08:00', end: '21:00' }),
      defaultCountry: z
        .string()
        .refine((c) => isSupportedCountry(c), 'a two-letter country code, e.g. US')
        .default('US'),
      machineDetection: z.boolean().default(false),
      onMachine: z.enum(['message', 'retry']).default('message'),
      message: z.string().trim().min(1).max(1000),
      // Not #: it ends a <Gather> (finishOnKey) instead of being read as a key.
      optOutDigit: z
        .string()
        .regex(/^[0-9*]$/, 'one key: 0-9 or *')
        .default(DEFAULT_OPT_OUT_DIGIT),
      cancelRingingOnStop: z.boolean().default(true),
      pacing: z
        .object({
          mode: z.enum(['progressive', 'predictive']).default('progressive'),
          abandonTarget: z
            .number()
            .min(0)
            .max(ABANDON_CAP, 'at most the legal cap, 0.03')
            .default(DEFAULT_ABANDON_TARGET),
          abandonRule: z.enum(['us', 'uk']).default('us'),
          amdFalsePositiveRate: z.number().min(0).max(1).optional(),
        })
        .strict()
        .default({ mode: 'progressive', abandonTarget: DEFAULT_ABANDON_TARGET, abandonRule: 'us' }),
      dialVia: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('calls') }).strict(),
          z
            .object({
              kind: z.literal('studio'),
              flowSid: z
                .string()
                .regex(/^FW[0-9a-fA-F]{32}$/, 'a Studio Flow SID: FW followed by 32 hex digits'),
            })
            .strict(),
        ])
        .default({ kind: 'calls' }),
      // At most what the register remembers; 0 only where the law allows and a rep is guaranteed.
      abandonedCooldownHours: z
        .number()
        .int()
        .min(0)
        .max(ABANDONED_MEMORY_HOURS)
        .default(DEFAULT_ABANDONED_COOLDOWN_HOURS),
    })
    .strict()
    .superRefine((settings, ctx) => {
      // Any default would be a guess about this list and this detector: Ofcom asks for an
      // estimate the caller can stand behind, so the campaign must state it.
      const { pacing, machineDetection } = settings;
      if (
        pacing.abandonRule === 'uk' &&
        machineDetection &&
        pacing.amdFalsePositiveRate === undefined
      )
        ctx.addIssue({
          code: 'custom',
          path: ['pacing', 'amdFalsePositiveRate'],
          message:
            'required under the UK rule with machineDetection on: the share of machine verdicts that were people (0..1)',
        });
    }) satisfies z.ZodType<CampaignSettings, unknown>;
}
