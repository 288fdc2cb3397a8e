import type { Twilio } from 'twilio';

export interface SmsRequest {
  readonly to: string;
  readonly body: string;
  /** Our /sms/status URL, naming the survey's call. */
  readonly statusCallback: string;
}

/** What became of a create: the message's SID, or Twilio's refusal (its code when it gave one). */
export type SmsOutcome =
  | { readonly kind: 'sent'; readonly sid: string }
  | { readonly kind: 'refused'; readonly code: number | undefined; readonly message: string };

/** The REST side of the survey: one text, through the official SDK's Messages API. */
export interface SmsSender {
  send(request: SmsRequest): Promise<SmsOutcome>;
}

/** Twilio's "the recipient texted STOP to this sender" refusal. */
export const UNSUBSCRIBED_RECIPIENT = 21610;

export function createSdkSmsSender(
  client: Twilio,
  sender: { readonly messagingServiceSid: string } | { readonly from: string },
): SmsSender {
  return {
    async send(request) {
      try {
        const message = await client.messages.create({
          to: request.to,
          body: request.body,
          statusCallback: request.statusCallback,
          ...sender,
        });
        return { kind: 'sent', sid: message.sid };
      } catch (error) {
        const { code, message } = error as { code?: unknown; message?: unknown };
        return {
          kind: 'refused',
          code: typeof code === 'number' ? code : undefined,
          message: typeof message === 'string' ? message : String(error),
        };
      }
    },
  };
}
