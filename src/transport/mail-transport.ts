import type { Transporter } from 'nodemailer';

/** Every backend is a Nodemailer transporter, so delivery code never knows which one it has. */
export type MailTransport = Transporter;

export interface OutgoingMessage {
  from: string;
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers?: Record<string, string>;
}
