import type { Config } from '../config.js';
import type { QueueMetadata } from '../metadata/queue-metadata.js';
import type { WordingOptions } from './announcement.js';
import type { HoldAudio, SayOptions } from './twiml.js';

/** How one queue speaks to its callers: the app's settings with the queue's own overrides. */
export interface QueueVoice {
  readonly say: SayOptions;
  readonly wording: WordingOptions;
  readonly hold: HoldAudio;
  readonly estimateMinIntervalSeconds: number;
}

/**
 * Resolves a queue's metadata into its voice settings, once per metadata value: the cache hands
 * out the same object until an edit replaces it, so a wait turn does no merging.
 */
export function createQueueVoices(config: Config): (metadata: QueueMetadata) => QueueVoice {
  const resolved = new WeakMap<QueueMetadata, QueueVoice>();
  const app = config.announcements;
  return (metadata) => {
    let voice = resolved.get(metadata);
    if (voice === undefined) {
      const own = metadata.announcements;
      voice = {
        say: { voice: own.voice ?? app.voice, language: own.language ?? app.language },
        wording: { positionCap: own.positionCap ?? app.positionCap, rounding: app.rounding },
        hold: {
          musicUrl: metadata.holdAudioUrl ?? app.holdMusicUrl,
          pauseSeconds: app.holdPauseSeconds,
        },
        estimateMinIntervalSeconds: own.minIntervalSeconds ?? app.estimateMinIntervalSeconds,
      };
      resolved.set(metadata, voice);
    }
    return voice;
  };
}
