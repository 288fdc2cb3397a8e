/**
 * A recording's audio as Twilio serves it, made up: the emulator keeps no sound, so a file is
 * a quiet tone (WAV) or silence (MP3) of the recording's length — enough for a player, a proxy
 * or a test to handle real bytes of the right size and kind.
 */

const WAV_RATE = 8_000;
const TONE_HZ = 440;
/** About -36 dBFS: audible, not loud. */
const TONE_AMPLITUDE = 500;

/** PCM WAV, 8 kHz mono 16-bit (what Twilio's .wav is), of `seconds`. */
export function wavOf(seconds: number): Buffer {
  const samples = Math.max(0, Math.round(seconds * WAV_RATE));
  const data = samples * 2;
  const file = Buffer.alloc(44 + data);
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(36 + data, 4);
  file.write('WAVE', 8, 'ascii');
  file.write('fmt ', 12, 'ascii');
  file.writeUInt32LE(16, 16); // fmt chunk size
  file.writeUInt16LE(1, 20); // PCM
  file.writeUInt16LE(1, 22); // mono
  file.writeUInt32LE(WAV_RATE, 24);
  file.writeUInt32LE(WAV_RATE * 2, 28); // bytes per second
  file.writeUInt16LE(2, 32); // block align
  file.writeUInt16LE(16, 34); // bits per sample
  file.write('data', 36, 'ascii');
  file.writeUInt32LE(data, 40);
  for (let i = 0; i < samples; i += 1) {
    const value = Math.round(TONE_AMPLITUDE * Math.sin((2 * Math.PI * TONE_HZ * i) / WAV_RATE));
    file.writeInt16LE(value, 44 + i * 2);
  }
  return file;
}

/**
 * MPEG-1 Layer III, 32 kbit/s, 48 kHz, mono, no CRC: every frame 96 bytes (144 × 32000 /
 * 48000, no padding) and 1152 samples (24 ms). A frame whose side information is all zero
 * carries no spectral data: decoders play it as silence.
 */
export const MP3_FRAME_HEADER = Buffer.from([0xff, 0xfb, 0x14, 0xc0]);
export const MP3_FRAME_BYTES = 96;
export const MP3_FRAME_MS = 24;

/** Silent MP3 frames lasting `seconds` (rounded up to a whole frame). */
export function mp3Of(seconds: number): Buffer {
  const frames = Math.ceil((Math.max(0, seconds) * 1000) / MP3_FRAME_MS);
  const file = Buffer.alloc(frames * MP3_FRAME_BYTES);
  for (let i = 0; i < frames; i += 1) MP3_FRAME_HEADER.copy(file, i * MP3_FRAME_BYTES);
  return file;
}
