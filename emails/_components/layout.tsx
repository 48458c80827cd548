import { Button } from '@react-email/button';
import { Section } from '@react-email/section';
import { Text } from '@react-email/text';
import type { ReactNode } from 'react';
import { t } from '../_i18n';
import { reasonLine, ticketUrl, type TicketEmailProps } from './email-context';
import { EmailFrame, muted } from './email-frame';
import { UnsubscribeLine } from './unsubscribe-line';

/** A ticket email: the frame, the content, a button to the ticket, and a footer saying why. */
export function Layout(props: TicketEmailProps & { preview: string; heading: string; children: ReactNode; cta?: string }) {
  const { payload, brand, siteUrl } = props;
  const footer = (
    <>
      <Text style={muted}>{reasonLine(payload)}</Text>
      {brand.footer ? <Text style={muted}>{brand.footer}</Text> : null}
      {props.unsubscribeUrl ? <UnsubscribeLine href={props.unsubscribeUrl} locale={payload.locale} /> : null}
    </>
  );
  return (
    <EmailFrame lang={payload.locale ?? 'en'} preview={props.preview} brand={brand} heading={props.heading} footer={footer}>
      {props.children}
      <Section style={{ margin: '24px 0 8px' }}>
        <Button
          href={ticketUrl(siteUrl, payload.ticket.id)}
          style={{ backgroundColor: brand.color, color: '#ffffff', borderRadius: '6px', padding: '12px 20px', fontSize: '14px', fontWeight: 600 }}
        >
          {props.cta ?? t(payload.locale, 'viewTicket', { id: payload.ticket.id })}
        </Button>
      </Section>
    </EmailFrame>
  );
}
