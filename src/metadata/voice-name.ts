/**
 * The voices `<Say voice>` accepts (Twilio's TwiML Say reference): the basic man, woman and
 * alice; Amazon Polly voices as Polly.<Name>, with -Neural or -Generative for those engines;
 * Google voices as Google.<language>-<REGION>-<type>[-<variant>…] (Standard-C, Wavenet-A,
 * Neural2-A, Chirp3-HD-Aoede). Anything else Twilio would refuse mid-call, so it is refused
 * when saved.
 */
const TWILIO_VOICE =
  /^(?:man|woman|alice|Polly\.\p{Lu}\p{L}+(?:-(?:Neural|Generative))?|Google\.[a-z]{2,3}-[A-Za-z0-9]{2,3}(?:-[A-Za-z0-9]+){1,3})$/u;

export const TWILIO_VOICE_HINT =
  'man, woman, alice, Polly.<Name> (optionally -Neural or -Generative) or Google.<language>-<voice> such as Google.en-US-Neural2-A';

export function isTwilioVoiceName(voice: string): boolean {
  return TWILIO_VOICE.test(voice);
}
