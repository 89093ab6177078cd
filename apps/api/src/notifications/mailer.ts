import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends one email; rejects when the SMTP server refuses it or cannot be reached. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * Email through the SMTP server of `SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…:465`); nodemailer
 * reads the URL, upgrades to TLS when the server offers it, and keeps one pooled connection.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    send: async (mail) => {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
