import { z } from 'zod';
import { VOICEMAIL_STATES, type Voicemail, type VoicemailState } from './voicemail.js';

const recordingSchema = z.object({
  sid: z.string().min(1),
  url: z.string().min(1),
  durationSeconds: z.number().min(0),
  receivedAt: z.number(),
});

const transcriptionSchema = z.object({
  status: z.enum(['completed', 'failed']),
  text: z.string().optional(),
  receivedAt: z.number(),
});

/** A voicemail as a store keeps it (a journal line, a Redis hash value). */
export const voicemailSchema: z.ZodType<Voicemail, unknown> = z.object({
  id: z.string().min(1),
  queue: z.string().min(1),
  callerCallSid: z.string().min(1),
  from: z.string().optional(),
  requestedAt: z.number(),
  state: z.enum(VOICEMAIL_STATES as [VoicemailState, ...VoicemailState[]]),
  recording: recordingSchema.optional(),
  transcription: transcriptionSchema.optional(),
  doneAt: z.number().optional(),
});

/**
 * The record, if it will read back as it is; else an error. Stores check before they keep: a
 * value the schema refuses (a NaN duration, say, journaled as null) would otherwise stop the
 * next start (embedded) or be left out of every read (Redis).
 */
export function keepable(voicemail: Voicemail): Voicemail {
  const parsed = voicemailSchema.safeParse(voicemail);
  if (parsed.success) return voicemail;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new Error(`voicemail ${voicemail.id} cannot be kept (${problems.join('; ')})`);
}
